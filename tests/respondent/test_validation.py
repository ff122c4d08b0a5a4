"""Server-side validation: errors beside each field and in a summary, with everything typed kept."""

from __future__ import annotations

import pytest

from surveyapp.models import Draft

from .conftest import EMPLOYEE

LONG_TEXT = "Dette er en lang tekst som jeg har brukt tid på å skrive. " * 2


@pytest.fixture
def on_page_two(respondent):
    respondent.start()
    respondent.answer(EMPLOYEE[0])
    assert "Del 2 av 3" in respondent.html
    return respondent


def test_missing_required_answers_are_listed_and_linked(on_page_two):
    response = on_page_two.post({"tanker": LONG_TEXT})
    assert response.status_code == 400
    html = on_page_two.html
    assert 'class="error-summary" role="alert"' in html
    assert '<a href="#q-trives-1">Jeg trives. – Velg et svar på skalaen.</a>' in html
    assert '<a href="#q-samarbeid-skole-1">Hvor enig er du? – Svar på alle påstandene.</a>' in html
    assert 'id="trives-error"' in html
    assert 'aria-describedby="trives-error"' in html
    assert f"{LONG_TEXT}</textarea>" in html, "what was typed stays in the form"


def test_partly_answered_grid_keeps_its_answers(on_page_two):
    on_page_two.post({"samarbeid-skole": "2", "trives": "5"})
    html = on_page_two.html
    assert 'id="q-samarbeid-skole-2" name="q-samarbeid-skole" value="2" checked' in html
    assert 'value="5" checked' in html
    assert '<a href="#q-samarbeid-helse-1">' in html, "the link goes to the item left out"


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"trives": "7"}, "Velg blant svaralternativene som står på siden."),
        ({"trives": ["3", "4"]}, "Svaret ble sendt mer enn én gang."),
        ({"samarbeid-skole": "vet ikke"}, "Velg blant svaralternativene som står på siden."),
        ({"problemer": ["Rus", "Kjedelig"]}, "Velg blant svaralternativene som står på siden."),
        ({"overskrift": "x" * 81}, "Svaret er 81 tegn langt. Det kan være på høyst 80 tegn."),
        ({"tanker": "y" * 201}, "Svaret er 201 tegn langt. Det kan være på høyst 200 tegn."),
        ({"tanker": "null\x00byte"}, "Teksten inneholder tegn som ikke kan lagres."),
        ({"tanker": "ugyldig \ufffd tegn"}, "Teksten inneholder tegn som ikke kan lagres."),
    ],
)
def test_wrong_answers_are_refused_with_a_message(on_page_two, answers, message, db):
    before = db.session.scalar(db.select(Draft)).data
    base = {"trives": "4", "samarbeid-skole": "1", "samarbeid-helse": "2"}
    response = on_page_two.post({**base, **answers})
    assert response.status_code == 400
    assert message in on_page_two.html
    db.session.expire_all()
    assert db.session.scalar(db.select(Draft)).data == before, "nothing is saved"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("tolv", "Skriv et tall med sifre, for eksempel 12."),
        ("12", "Tallet må være mellom 13 og 99."),
        ("100", "Tallet må være mellom 13 og 99."),
        ("1e3", "Skriv et tall med sifre, for eksempel 12."),
        ("nan", "Skriv et tall med sifre, for eksempel 12."),
        ("9" * 40, "Skriv et tall med sifre, for eksempel 12."),
    ],
)
def test_numbers_are_checked(respondent, typed, message):
    respondent.start()
    response = respondent.post({"rolle": "Forelder", "alder": typed})
    assert response.status_code == 400
    assert message in respondent.html
    assert f'value="{typed}"' in respondent.html, "the number typed stays"
    assert "Skriv et tall fra 13 til 99." in respondent.html, "the range is given up front"


@pytest.mark.parametrize(("typed", "stored"), [("42", 42), (" 13 ", 13), ("14,5", 14.5)])
def test_numbers_are_read_the_norwegian_way(respondent, db, typed, stored):
    respondent.start()
    assert respondent.post({"rolle": "Forelder", "alder": typed}).status_code == 303
    assert db.session.scalar(db.select(Draft)).data["alder"] == stored


def test_line_breaks_count_once(on_page_two, db):
    text = "a\r\n" * 66 + "ab"  # 200 characters once CR LF is one line break
    base = {"trives": "4", "samarbeid-skole": "1", "samarbeid-helse": "2"}
    assert on_page_two.post({**base, "tanker": text}).status_code == 303
    assert db.session.scalar(db.select(Draft)).data["tanker"] == text.replace("\r\n", "\n")


def test_unknown_fields_are_refused(on_page_two):
    response = on_page_two.post({"trives": "4", "q-finnes_ikke": "x", "tanker": LONG_TEXT})
    assert response.status_code == 400
    assert "Skjemaet inneholdt felt vi ikke kjenner igjen" in on_page_two.html
    assert f"{LONG_TEXT}</textarea>" in on_page_two.html


def test_answers_to_questions_on_other_pages_are_refused(on_page_two):
    response = on_page_two.post({"rolle": "Leder"})
    assert response.status_code == 400
    assert "felt vi ikke kjenner igjen" in on_page_two.html


def test_back_does_not_require_answers_but_refuses_wrong_ones(on_page_two):
    assert on_page_two.post({"tanker": "kladd"}, action="back").status_code == 303
    on_page_two.follow(on_page_two.last)
    assert "Del 1 av 3" in on_page_two.html
    on_page_two.answer(EMPLOYEE[0])
    response = on_page_two.post({"trives": "9", "tanker": "kladd"}, action="back")
    assert response.status_code == 400
    assert "kladd</textarea>" in on_page_two.html


def test_text_at_the_limit_is_accepted_and_counted(on_page_two):
    base = {"trives": "4", "samarbeid-skole": "1", "samarbeid-helse": "2", "tanker": "å" * 200}
    assert on_page_two.post(base).status_code == 303
    on_page_two.follow(on_page_two.last)
    assert "Del 3 av 3" in on_page_two.html
    on_page_two.answer({}, action="back")
    assert "200 av 200 tegn" in on_page_two.html
    assert 'maxlength="200"' in on_page_two.html


def test_every_question_has_a_label_tied_to_its_input(on_page_two):
    html = on_page_two.html
    for name in ("q-overskrift", "q-tanker"):
        assert f'<label for="{name}">' in html
        assert f'id="{name}"' in html
    assert html.count("<fieldset") == 5, "likert, grid (with two items) and checkboxes"
    assert html.count("<legend>") == 5
    assert 'for="q-trives-1">1<span class="visually-hidden"> – Helt uenig</span>' in html
    assert "5 = Helt enig" in html
