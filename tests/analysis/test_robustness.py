"""Awkward inputs give a clear result or a clear AnalysisError, never a crash."""

import pytest

from analysis import AnalysisError, EmptyInputError, OTHER_KEY, ThemeModel

MODES = [("discover", None), ("guided", "workshop")]


@pytest.mark.parametrize(("mode", "book"), MODES)
def test_empty_input_raises_clear_error(mode, book):
    with pytest.raises(EmptyInputError):
        ThemeModel(mode=mode, codebook=book).fit([])
    assert issubclass(EmptyInputError, AnalysisError)


@pytest.mark.parametrize(("mode", "book"), MODES)
def test_one_answer(mode, book):
    model = ThemeModel(mode=mode, codebook=book).fit(["Mer samarbeid mellom skole og barnevern"])
    assert len(model.assignments_) == 1
    assert model.assignments_[0].theme is not None
    assert sum(t.size for t in model.themes_) == 1


@pytest.mark.parametrize(("mode", "book"), MODES)
def test_all_answers_identical(mode, book):
    model = ThemeModel(mode=mode, codebook=book).fit(["For lite tid til hvert barn"] * 30)
    assert len({a.theme for a in model.assignments_}) == 1
    assert len({a.duplicate_group for a in model.assignments_}) == 1
    theme = next(t for t in model.themes_ if t.size)
    assert len(theme.representatives) == 1


@pytest.mark.parametrize(("mode", "book"), MODES)
def test_only_nonanswers(mode, book):
    model = ThemeModel(mode=mode, codebook=book).fit(["vet ikke", "-", "Nei", "ingen kommentar"])
    assert model.themes_ == []
    assert all(a.is_nonanswer and a.theme is None for a in model.assignments_)
    assert model.n_nonanswers_ == 4
    assert model.predict(["Mer samarbeid"])[0].theme == OTHER_KEY


def test_only_stop_words_go_to_other():
    model = ThemeModel().fit(["det er bra", "jeg vet", "Mer samarbeid mellom skole og barnevern"])
    assert model.assignments_[0].theme == OTHER_KEY and not model.assignments_[0].is_nonanswer


def test_huge_answer(texts):
    huge = "Samarbeid mellom skole og barnevern fungerer dårlig. " * 2000  # ~100k characters
    model = ThemeModel(n_themes=3).fit(texts[:40] + [huge])
    quote_lengths = [len(q) for t in model.themes_ for q in t.quotes]
    assert max(quote_lengths) <= 300
    assert model.assignments_[-1].theme is not None


def test_emoji_other_scripts_and_mixed_forms(texts):
    odd = [
        "😀😀😀",
        "مزيد من التعاون بين المدارس",
        "更多的合作",
        "Барнехаге",
        "Meir samarbeid mellom skulen og barnevernet",
        "Mer samarbeid mellom skolen og barnevernet",
    ]
    model = ThemeModel(mode="guided", codebook="15-1").fit(texts + odd)
    assert model.assignments_[len(texts)].is_nonanswer
    nn, nb = model.assignments_[-2], model.assignments_[-1]
    assert nn.theme == nb.theme and nn.duplicate_group == nb.duplicate_group is not None


def test_none_and_nan_are_nonanswers():
    model = ThemeModel().fit([None, float("nan"), "Mer samarbeid mellom skole og barnevern"])
    assert model.assignments_[0].is_nonanswer and model.assignments_[1].is_nonanswer


def test_more_themes_than_answers_is_capped():
    model = ThemeModel(n_themes=10).fit(
        [
            "samarbeid skole",
            "samarbeid barnevern",
            "tid",
            "ventetid bup",
            "fritid klubb",
            "ungdomsklubb",
        ]
    )
    assert len(model.themes_) <= 3
