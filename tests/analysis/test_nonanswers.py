"""Non-answers are recognised and kept out of themes; real short answers are not."""

import pytest

from analysis import is_nonanswer


@pytest.mark.parametrize(
    "text",
    [
        "Vet ikke",
        "vet ikke.",
        "-",
        "nei",
        "Nei.",
        "Ingen kommentar",
        "Nei, ingen kommentarer",
        "Veit ikkje",
        "???",
        "👍",
        "",
        "   ",
        "Ikke noe å tilføye",
        "Ikke relevant for meg",
        None,
        float("nan"),
        "x",
    ],
)
def test_non_answers(text):
    assert is_nonanswer(text)


@pytest.mark.parametrize(
    "text",
    [
        "ingen tid",
        "Ikke nok tid",
        "samarbeid",
        "mer penger",
        "BUP",
        "Ingen steder å være",
        "Vet ikke hvem som har ansvaret for barna når både skole og barnevern er inne",
    ],
)
def test_real_answers(text):
    assert not is_nonanswer(text)
