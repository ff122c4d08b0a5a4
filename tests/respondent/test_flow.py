"""The way through a round: start, pages, conditions, back and next, submit, receipt."""

from __future__ import annotations

from datetime import timedelta

from surveyapp.models import Answer, Draft, Response, utcnow

from tests.conftest import csrf_token

from .conftest import EMPLOYEE, Respondent


def answers_of(db, response) -> dict:
    rows = db.session.scalars(db.select(Answer).filter_by(response_id=response.id))
    return {a.question_key: a.text if a.text is not None else a.value for a in rows}


def complete(respondent: Respondent, pages=EMPLOYEE):
    respondent.start()
    for answers in pages[:-1]:
        respondent.answer(answers)
        assert respondent.last.status_code == 200, respondent.html
    return respondent.answer(pages[-1], action="send")


def test_front_page_explains_the_round_and_starts(respondent, test_round):
    page = respondent.get(f"/r/{test_round.slug}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Et skjema som bruker alt." in html
    assert "Undersøkelsen er anonym" in html
    assert "Svarene slettes når planen er vedtatt" in html
    assert f'action="/r/{test_round.slug}/start"' in html
    assert "Tilgangskode" not in html


def test_unknown_round_has_a_friendly_404(client):
    page = client.get("/r/finnes-ikke")
    assert page.status_code == 404
    assert "Vi fant ikke undersøkelsen" in page.get_data(as_text=True)


def test_round_not_open_yet_says_so_and_refuses_to_start(make_test_round, client):
    round_ = make_test_round(opens_at=utcnow() + timedelta(days=2))
    respondent = Respondent(client, round_)
    page = respondent.get(f"/r/{round_.slug}")
    assert "ikke åpnet ennå" in page.get_data(as_text=True)
    assert 'action="/r/' not in page.get_data(as_text=True)
    token = csrf_token(client.get("/auth/logg-inn").get_data(as_text=True))
    assert client.post(f"/r/{round_.slug}/start", data={"csrf_token": token}).status_code == 403
    assert client.get(f"/r/{round_.slug}/del/1").status_code == 302


def test_closed_round_says_so(make_test_round, client):
    round_ = make_test_round(
        opens_at=utcnow() - timedelta(days=3), closes_at=utcnow() - timedelta(days=1)
    )
    page = client.get(f"/r/{round_.slug}")
    assert page.status_code == 200
    assert "avsluttet" in page.get_data(as_text=True)


def test_round_closing_while_answering_keeps_the_text_on_screen(respondent, test_round, db):
    respondent.start()
    respondent.answer(EMPLOYEE[0])
    test_round.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = respondent.post({**EMPLOYEE[1], "tanker": "Dette vil jeg ikke miste"})
    assert response.status_code == 403
    assert "Dette vil jeg ikke miste" in respondent.html
    assert "avsluttet" in respondent.html


def test_access_code_is_required_and_checked(make_test_round, client):
    round_ = make_test_round(access_code="ungdom2025")
    respondent = Respondent(client, round_)
    assert "Tilgangskode" in respondent.get(f"/r/{round_.slug}").get_data(as_text=True)
    wrong = respondent.start(access_code="feil")
    assert wrong.status_code == 403
    assert "Tilgangskoden er feil" in respondent.html
    assert 'aria-describedby="access_code-hint access_code-error"' in respondent.html
    assert respondent.start(access_code="").status_code == 403
    right = respondent.start(access_code="ungdom2025")
    assert right.status_code == 200
    assert "<h1>Om deg</h1>" in respondent.html


def test_start_shows_first_page_with_resume_code_and_keys(respondent, db):
    response = respondent.start()
    assert response.status_code == 200
    assert "Del 1 av 3" in respondent.html
    hidden = respondent.hidden()
    assert {"csrf_token", "flow", "idempotency_key"} <= set(hidden)
    assert len(respondent.code.replace("-", "")) == 28
    draft = db.session.scalar(db.select(Draft))
    assert draft.idempotency_key == hidden["idempotency_key"]
    assert respondent.code.replace("-", "") not in draft.token_hash


def test_complete_questionnaire_with_every_type(respondent, db, test_round):
    final = complete(respondent)
    assert final.status_code == 200
    assert "Takk for svaret!" in respondent.html
    assert "Hva skjer nå?" in respondent.html
    response = db.session.scalar(db.select(Response))
    assert response.round_id == test_round.id and response.anonymous
    assert response.role == "Ansatt"
    assert response.municipality.name == "Sør-Fron"
    answers = answers_of(db, response)
    assert answers == {
        "kommune": "Sør-Fron",
        "rolle": "Ansatt",
        "tjeneste": "Skole",
        "alder": 42,
        "trives": 4,
        "samarbeid": {"skole": 5, "helse": "vet_ikke"},
        "problemer": ["Mobbing", "Rus"],
        "overskrift": "Mer tid",
        "tanker": answers["tanker"],
        "annet": "Nei",
    }
    assert "912 34 567" not in answers["tanker"], "phone numbers are masked"
    assert db.session.scalar(db.select(Draft)) is None, "the draft is gone once sent"


def test_pages_show_progress_and_go_back_and_forth(respondent):
    respondent.start()
    respondent.answer(EMPLOYEE[0])
    assert "Del 2 av 3" in respondent.html
    assert 'value="back"' in respondent.html
    respondent.answer({"tanker": "Halvferdig"}, action="back")
    assert "Del 1 av 3" in respondent.html
    assert 'value="Skole" checked' in respondent.html, "saved answers are shown again"
    respondent.answer(EMPLOYEE[0])
    assert "Halvferdig</textarea>" in respondent.html, "going back saved the page"


def test_pages_drawn_for_one_respondent_never_show_in_another_ones(app, test_round):
    """Unanswered questions are drawn once and reused (respondent.flow.question_blocks): what
    one respondent typed, or the error they got, must never reach the next one's page."""
    first = Respondent(app.test_client(), test_round)
    second = Respondent(app.test_client(), test_round)
    first.start()
    first.answer(EMPLOYEE[0])
    blank = first.html
    first.answer({"tanker": "Bare mitt svar", "trives": "2"}, action="back")
    first.answer(EMPLOYEE[0])
    assert "Bare mitt svar</textarea>" in first.html and 'value="2" checked' in first.html
    assert first.post({"overskrift": "x" * 81}).status_code == 400
    second.start()
    assert "Velg ett av" not in second.html
    second.answer(EMPLOYEE[0])
    assert "Bare mitt svar" not in second.html and " checked" not in second.html
    assert "has-error" not in second.html
    assert second.html.count('class="question field"') == blank.count('class="question field"') == 5
    assert "(må besvares)" in second.html
    second.get(f"/sprak/nn?next=/r/{test_round.slug}/del/2")
    second.get(f"/r/{test_round.slug}/del/2")
    assert "(må svarast på)" in second.html and "Veit ikkje" in second.html, "not the bokmål blocks"
    assert "(må besvares)" not in second.html


def test_cannot_skip_ahead_to_pages_not_reached(respondent, test_round):
    respondent.start()
    page = respondent.get(f"/r/{test_round.slug}/del/4")
    assert page.status_code == 302
    assert page.headers["Location"].endswith(f"/r/{test_round.slug}/del/1")


def test_condition_on_the_same_page_is_left_to_the_page(respondent):
    respondent.start()
    assert 'data-show-if-question="rolle"' in respondent.html
    assert 'data-show-if-values=\'["Ansatt", "Leder"]\'' in respondent.html
    assert "Svar bare hvis du svarte «Ansatt» eller «Leder»" in respondent.html


def test_shown_condition_makes_question_required(respondent):
    respondent.start()
    response = respondent.post({"rolle": "Leder"})
    assert response.status_code == 400
    assert "Hvilken tjeneste? – Velg ett av svaralternativene." in respondent.html


def test_hidden_question_is_not_required_and_its_answer_is_dropped(respondent, db):
    parent = [
        {"rolle": "Forelder", "tjeneste": "Barnehage"},
        {"trives": "3", "samarbeid-skole": "2", "samarbeid-helse": "3"},
        {"foreldre_tekst": "Mer hjelp"},
        {},
    ]
    respondent.start()
    respondent.answer(parent[0])
    assert "Del 2 av 4" in respondent.html, "the parents' page is now shown"
    respondent.answer(parent[1])
    assert "<h1>For foreldre</h1>" in respondent.html
    assert respondent.post({}).status_code == 400, "a shown question can be required"
    respondent.answer(parent[2])
    respondent.answer(parent[3], action="send")
    answers = answers_of(db, db.session.scalar(db.select(Response)))
    assert "tjeneste" not in answers
    assert answers["foreldre_tekst"] == "Mer hjelp"


def test_answers_that_become_hidden_are_dropped_on_submit(respondent, db):
    respondent.start()
    respondent.answer({"rolle": "Forelder"})
    respondent.answer({"trives": "3", "samarbeid-skole": "2", "samarbeid-helse": "3"})
    respondent.answer({"foreldre_tekst": "Skrevet som forelder"})
    for _ in range(3):
        respondent.answer({}, action="back")
    assert "<h1>Om deg</h1>" in respondent.html
    respondent.answer({"rolle": "Leder", "tjeneste": "Skole"})
    respondent.answer({"trives": "3", "samarbeid-skole": "2", "samarbeid-helse": "3"})
    assert "<h1>Til slutt</h1>" in respondent.html, "the parents' page is skipped"
    respondent.answer({}, action="send")
    answers = answers_of(db, db.session.scalar(db.select(Response)))
    assert "foreldre_tekst" not in answers
    assert answers["rolle"] == "Leder"


def test_send_on_a_page_that_is_no_longer_last_goes_on(respondent, db):
    respondent.start()
    respondent.answer(EMPLOYEE[0])
    respondent.answer(EMPLOYEE[1])
    respondent.answer({}, action="back")
    respondent.answer({}, action="back")
    # an old tab's "Send inn" from the first page: the server moves on instead of sending
    response = respondent.post({"rolle": "Forelder"}, action="send")
    assert response.status_code == 303
    assert db.session.scalar(db.select(Response)) is None


def test_receipt_needs_a_submission_from_this_browser(client, test_round):
    response = client.get(f"/r/{test_round.slug}/kvittering")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/r/{test_round.slug}")


def test_page_without_draft_sends_to_resume(client, test_round):
    response = client.get(f"/r/{test_round.slug}/del/2")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/r/{test_round.slug}/fortsett")


def test_not_anonymous_round_keeps_name_and_time(make_test_round, client, db):
    round_ = make_test_round(anonymous=False)
    respondent = Respondent(client, round_)
    respondent.start()
    respondent.answer(EMPLOYEE[0])
    respondent.answer(EMPLOYEE[1])
    assert "Navnet ditt (valgfritt)" in respondent.html
    respondent.post({"respondent_name": "  Ahmed   Hansen "}, action="send")
    response = db.session.scalar(db.select(Response))
    assert response.respondent == "Ahmed Hansen"
    assert response.submitted_at is not None
    assert response.ip_address is None and response.user_agent is None


def test_anonymous_round_does_not_ask_for_a_name(respondent):
    respondent.start()
    respondent.answer(EMPLOYEE[0])
    respondent.answer(EMPLOYEE[1])
    assert "Send inn" in respondent.html
    assert "respondent_name" not in respondent.html
