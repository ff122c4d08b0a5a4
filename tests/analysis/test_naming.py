"""Theme names are noun phrases from the answers: no verbs, no adverbs at the end, never across
a sentence break."""

import numpy as np
import pytest

from analysis.modes import Space
from analysis.naming import can_end_name, is_verb, name_themes
from analysis.normalise import Normaliser, phrasing, tokenise


def _token(word):
    return Normaliser().tokens(word)[0]


@pytest.mark.parametrize("word", ["hjalp", "mister", "flytter", "ringte", "trenger", "hjelper", "sluttar"])
def test_verb_forms(word):
    assert is_verb(_token(word))
    assert not can_end_name(_token(word))


@pytest.mark.parametrize(
    "word", ["skolen", "ventelister", "kommuner", "møtene", "lærer", "tid", "hjelp", "helsesykepleier"]
)
def test_nouns_of_the_same_shape(word):
    assert not is_verb(_token(word))
    assert can_end_name(_token(word))


@pytest.mark.parametrize("word", ["skikkelig", "psykisk", "nærmere", "før", "barnevernets", "barnas"])
def test_words_that_cannot_end_a_name(word):
    assert not can_end_name(_token(word))


def test_phrasing_counts_words_as_tokenise_does():
    text = "Høre på oss unge på ordentlig. Politikere tror! • vape • helse- og omsorg, [navn] i kveld"
    words = tokenise(text)
    breaks, links = phrasing(text)
    assert [words[i] for i in sorted(breaks)] == ["politikere", "vape", "helse", "kveld"]
    assert phrasing("Bare én setning uten slutt") == (frozenset(), {})


def test_phrasing_breaks_at_clauses_and_keeps_the_dropped_i():
    text = "Gå dit de er – på klubben, i skolen, i idrettshallen. Økonomi i familiene"
    words = tokenise(text)
    breaks, links = phrasing(text)
    assert {words[i] for i in breaks} == {"på", "skolen", "idrettshallen", "økonomi"}
    assert {words[i]: link for i, link in links.items()} == {"familiene": "i"}


def _space(texts):
    norm = Normaliser()
    return Space([norm.tokens(t) for t in texts], None, None, None, [phrasing(t) for t in texts])


def test_a_name_is_not_a_clause():
    texts = ["Skjemaet hjalp ikke", "skjemaet hjalp oss lite", "Skjemaet hjalp, men sent"] + [
        "Lang ventetid på BUP"
    ] * 3
    _, names = name_themes(_space(texts), np.array([0, 0, 0, 1, 1, 1]), 2, set())
    assert names[0] == "Skjemaet"
    assert names[1] == "Lang ventetid på BUP"


def test_a_name_does_not_run_across_sentences():
    texts = ["Hør på unge. Politikere bestemmer alt", "hør på unge! politikere vet ikke"] * 2 + [
        "Gratis buss"
    ] * 2
    _, names = name_themes(_space(texts), np.array([0, 0, 0, 0, 1, 1]), 2, set())
    assert "politikere" not in names[0].lower() or "unge" not in names[0].lower()


def test_a_name_keeps_its_small_words_and_stops_at_a_comma():
    texts = ["Dårlig økonomi i familiene", "økonomi i familiene er tøff", "Økonomi i familiene!"] + [
        "Møter på klubben, i skolen",
        "på klubben, skolen vet ikke",
        "Møter på klubben",
    ]
    _, names = name_themes(_space(texts), np.array([0, 0, 0, 1, 1, 1]), 2, set())
    assert names[0].lower().endswith("økonomi i familiene")
    assert "skolen" not in names[1].lower()


def test_a_name_says_more_than_the_words_every_answer_uses():
    texts = [
        "Barn og foreldre opplever ensomhet i helgene",
        "barn og foreldre med ensomhet",
        "Barn og foreldre sliter med ensomhet",
    ] + ["Gratis buss til byen"] * 3
    _, names = name_themes(_space(texts), np.array([0, 0, 0, 1, 1, 1]), 2, set())
    assert names[0] != "Barn og foreldre"
    assert "ensomhet" in names[0].lower()
