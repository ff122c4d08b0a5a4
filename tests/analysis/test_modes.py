"""Each way to theme on a small realistic fixture, plus predict and split."""

import numpy as np
from sklearn.metrics import adjusted_mutual_info_score

from analysis import OTHER_KEY, ThemeModel

NONANSWER_ROWS = [60, 61, 62, 63, 64]
DUPLICATE_ROWS = [0, 65, 66]


def _themes(model):
    return np.array([a.theme or "-" for a in model.assignments_])


def _human(answers):
    return answers["theme"].to_numpy()


def test_nonanswers_are_kept_out(discover_model):
    for i in NONANSWER_ROWS:
        a = discover_model.assignments_[i]
        assert a.is_nonanswer and a.theme is None and a.confidence == 0.0
    assert discover_model.n_nonanswers_ == len(NONANSWER_ROWS)
    members = {r for t in discover_model.themes_ for r in t.representatives}
    assert not members & set(NONANSWER_ROWS)


def test_near_duplicates_are_grouped_and_land_together(discover_model):
    groups = {discover_model.assignments_[i].duplicate_group for i in DUPLICATE_ROWS}
    assert len(groups) == 1 and None not in groups
    assert len({discover_model.assignments_[i].theme for i in DUPLICATE_ROWS}) == 1


def test_discover_chooses_a_bounded_number_of_themes_without_singletons(discover_model):
    regular = [t for t in discover_model.themes_ if t.key != OTHER_KEY]
    assert 2 <= len(regular) <= 15
    assert all(t.size >= 3 for t in regular)
    assert discover_model.stability_ and all(
        0 <= s <= 1 for s in discover_model.stability_.values()
    )
    assert sum(t.size for t in discover_model.themes_) == 67 - len(NONANSWER_ROWS)


def test_discover_beats_chance(discover_model, answers):
    rows = answers["theme"] != ""
    ami = adjusted_mutual_info_score(_human(answers)[rows], _themes(discover_model)[rows])
    assert ami > 0.1


def test_themes_are_explained(discover_model, texts):
    for theme in discover_model.themes_:
        assert theme.label and 1 <= len(theme.label.split(",")) <= 4
        assert theme.keywords or theme.key == OTHER_KEY
        assert 1 <= len(theme.representatives) <= 5
        assert len(set(theme.representatives)) == len(theme.representatives)
        groups = [discover_model.assignments_[i].duplicate_group for i in theme.representatives]
        assert len([g for g in groups if g is not None]) == len(
            {g for g in groups if g is not None}
        )
        assert theme.quotes[0] == texts[theme.representatives[0]]
    for a in discover_model.assignments_:
        if a.theme not in (None, OTHER_KEY):
            assert a.terms, a


def test_guided_finds_most_human_themes(guided_model, answers):
    mapping = {
        "samhandling": "samhandling",
        "psykisk_helse_rus": "psykisk_helse",
        "fritid_moteplasser": "fritid",
        "kapasitet_ressurser": "kapasitet",
        "medvirkning": "medvirkning",
    }
    rows = np.flatnonzero(answers["theme"] != "")
    got = _themes(guided_model)
    hits = [mapping.get(got[i]) == answers["theme"][i] for i in rows]
    assert np.mean(hits) >= 0.6
    proposed = [t for t in guided_model.themes_ if t.source == "proposed"]
    assert all(t.size >= 3 for t in proposed)
    assert not [t for t in guided_model.themes_ if t.source == "discovered"]


def test_guided_themes_carry_codebook_names_and_confidence(guided_model):
    theme = next(t for t in guided_model.themes_ if t.key == "fritid_moteplasser")
    assert theme.label == "Fritid og møteplasser" and theme.source == "codebook"
    conf = [a.confidence for a in guided_model.assignments_ if a.theme == "fritid_moteplasser"]
    assert conf and all(0 < c <= 1 for c in conf)


def test_guided_terms_show_matched_keywords(guided_model, texts):
    i = texts.index("Vi trenger en ungdomsklubb som er åpen i helgene")
    a = guided_model.assignments_[i]
    assert a.theme == "fritid_moteplasser" and "ungdomsklubb" in a.terms


def test_coding_keeps_hand_coding_and_suggests_the_rest(coding_model, coded, answers):
    for i, key in coded.items():
        a = coding_model.assignments_[i]
        assert a.theme == key and a.coded and a.confidence == 1.0
    rows = [i for i in range(60) if i not in coded]
    got = _themes(coding_model)
    accuracy = np.mean([got[i] == answers["theme"][i] for i in rows])
    assert accuracy >= 0.5


def test_coding_points_to_uncertain_answers(coding_model, coded):
    queue = coding_model.uncertain_
    assert queue and not set(queue) & set(coded) and not set(queue) & set(NONANSWER_ROWS)
    groups = [coding_model.assignments_[i].duplicate_group for i in queue]
    assert len([g for g in groups if g is not None]) == len({g for g in groups if g is not None})
    first, last = coding_model.assignments_[queue[0]], coding_model.assignments_[queue[-1]]
    assert first.confidence <= last.confidence


def test_coding_with_codebook_can_suggest_uncoded_codebook_themes(texts):
    model = ThemeModel(mode="coding", codebook="workshop").fit(texts, coded={0: "samhandling"})
    keys = {t.key for t in model.themes_}
    assert {"samhandling", "medvirkning"} <= keys


def test_secondary_themes_are_reported_when_clear():
    texts = (
        ["Mer samarbeid mellom skole og barnevern"] * 3
        + ["Ungdomsklubb og gratis fritidsaktiviteter"] * 3
        + ["Samarbeid mellom skole og ungdomsklubb om gratis fritidsaktiviteter"]
    )
    model = ThemeModel(mode="coding", secondary_threshold=0.2).fit(
        texts, coded=["samarbeid"] * 3 + ["fritid"] * 3 + [None]
    )
    assert model.assignments_[-1].secondary


def test_predict_keeps_themes_and_assigns_new_answers(guided_model):
    before = guided_model.to_dict()
    new = guided_model.predict(
        ["Vi trenger flere gratis fritidsaktiviteter og en ungdomsklubb", "vet ikke"]
    )
    assert guided_model.to_dict() == before
    assert new[0].theme == "fritid_moteplasser" and new[0].index == 0
    assert new[1].is_nonanswer and new[1].theme is None


def test_predict_matches_fit_for_the_same_answers(discover_model, texts):
    fitted = [a.theme for a in discover_model.assignments_]
    predicted = [a.theme for a in discover_model.predict(texts)]
    assert np.mean([f == p for f, p in zip(fitted, predicted)]) >= 0.9


def test_split_reclusters_one_theme(guided_model, texts):
    biggest = guided_model.themes_[0]
    sub = guided_model.split(texts, biggest.key, n_themes=2)
    assert sub.mode == "discover" and len(sub.source_indices_) == biggest.size
    assert sorted(sub.source_indices_) == sorted(
        a.index for a in guided_model.assignments_ if a.theme == biggest.key
    )
