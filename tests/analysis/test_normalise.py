"""Norwegian normalisation: tokens, bokmål/nynorsk, compounds, stop words, surface forms."""

import pytest

from analysis import Normaliser, tokenise, word_key
from analysis.normalise import SurfaceForms
from analysis.stopwords import is_stopword


@pytest.mark.parametrize(
    ("bokmal", "nynorsk"),
    [
        ("skolen", "skulen"),
        ("tjenestene", "tenestene"),
        ("ikke", "ikkje"),
        ("barna", "borna"),
        ("ungdommene", "ungdomane"),
        ("foreldrene", "foreldra"),
        ("tilbudet", "tilbodet"),
        ("voksne", "vaksne"),
        ("lærerne", "lærarane"),
        ("hjemme", "heime"),
        ("tidlig", "tidleg"),
        ("vanskelig", "vanskeleg"),
        ("møteplasser", "møteplassar"),
    ],
)
def test_bokmal_and_nynorsk_forms_share_a_key(bokmal, nynorsk):
    assert word_key(bokmal) == word_key(nynorsk)


def test_inflections_share_a_key():
    assert len({word_key(w) for w in ["barnehage", "barnehagen", "barnehagene"]}) == 1


def test_time_and_early_stay_apart():
    assert word_key("tid") != word_key("tidlig")


def test_tokenise_keeps_norwegian_letters_and_splits_hyphens():
    assert tokenise("Økt bruk av BTI-modellen på SFO/skole") == [
        "økt",
        "bruk",
        "av",
        "bti",
        "modellen",
        "på",
        "sfo",
        "skole",
    ]


def test_dangling_compound_part_becomes_a_word():
    assert tokenise("helse- og omsorgstjenesten")[0] == "helse"


def test_emoji_and_digits_are_dropped():
    assert tokenise("Bra 👍 2024!!") == ["bra"]


@pytest.mark.parametrize("word", ["ikke", "ingen", "uten", "tid", "barn"])
def test_negations_and_domain_words_are_kept(word):
    assert not is_stopword(word)


@pytest.mark.parametrize("word", ["og", "det", "som", "ikkje_ord", "bør", "dei", "eg"])
def test_function_words_are_stopped(word):
    assert is_stopword(word) == (word != "ikkje_ord")


def test_content_tokens_drop_stop_words():
    keys = Normaliser().keys("Eg synest det er for lite samarbeid mellom skule og barnevern")
    assert keys == ["samarbeid", "skole", "barnevern"]


def test_extra_stopwords():
    keys = Normaliser(extra_stopwords=("samarbeid",)).keys("samarbeid mellom skole")
    assert keys == ["skole"]


def test_max_chars_bounds_work():
    assert len(tokenise("ord " * 10_000, max_chars=100)) == 25


def test_surface_forms_show_most_common_word():
    norm = Normaliser()
    forms = SurfaceForms()
    for text in ["skolen", "skolen", "skulen", "skole og ventetid"]:
        forms.update(norm.tokens(text))
    assert forms.display(word_key("skulen")) == "skolen"
    assert forms.display(f"{word_key('skole')} {word_key('ventetid')}") == "skolen ventetid"
