"""Submit exactly once, CSRF that does not lose text, and anonymity."""

from __future__ import annotations

import logging
import threading

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from surveyapp.models import Draft, Response
from tests.conftest import csrf_token

from .conftest import EMPLOYEE, Browser, Respondent


def on_last_page(respondent: Respondent) -> Respondent:
    respondent.start()
    respondent.answer(EMPLOYEE[0])
    respondent.answer(EMPLOYEE[1])
    assert 'value="send"' in respondent.html
    return respondent


def count_responses(db) -> int:
    return len(db.session.scalars(db.select(Response)).all())


def test_double_click_stores_one_response_and_lands_on_one_receipt(respondent, db, test_round):
    on_last_page(respondent)
    form = respondent.form_data(EMPLOYEE[2], action="send")
    first = respondent.client.post(respondent.action(), data=form)
    second = respondent.client.post(respondent.action(), data=form)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert first.headers["Location"].endswith(f"/r/{test_round.slug}/kvittering")
    assert count_responses(db) == 1
    assert "Takk for svaret!" in respondent.follow(second).get_data(as_text=True)


def test_back_button_resubmit_and_second_tab_land_on_the_receipt(respondent, app, db):
    on_last_page(respondent)
    form = respondent.form_data(EMPLOYEE[2], action="send")
    action = respondent.action()
    respondent.follow(respondent.client.post(action, data=form))
    # the page comes back from the browser's cache, and "Send inn" is pressed again
    again = respondent.client.post(action, data=form)
    assert again.status_code == 303
    # another browser (no cookies of this one) retrying the same rendered form
    other = Browser(app.test_client())
    token = csrf_token(other.get(f"/r/{respondent.slug}").get_data(as_text=True))
    retry = other.post(action, data={**form.to_dict(), "csrf_token": token})
    assert retry.status_code == 303
    assert retry.headers["Location"].endswith("/kvittering")
    assert count_responses(db) == 1


def test_concurrent_submits_store_one_response(respondent, app, db):
    on_last_page(respondent)
    form = respondent.form_data(EMPLOYEE[2], action="send").to_dict(flat=False)
    action = respondent.action()
    cookie = respondent.client.get_cookie("session", domain="innspill.test").value
    barrier = threading.Barrier(4)
    results: list[int] = []
    locations: list[str] = []

    def send():
        client = app.test_client()
        client.set_cookie("session", cookie, domain="innspill.test")
        barrier.wait()
        response = client.post(action, data=form)
        results.append(response.status_code)
        locations.append(response.headers.get("Location", ""))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [303] * 4, results
    assert len(set(locations)) == 1 and locations[0].endswith("/kvittering")
    db.session.expire_all()
    assert count_responses(db) == 1
    assert db.session.scalar(db.select(Draft)) is None


def test_expired_csrf_token_keeps_the_text_and_asks_again(respondent, app, db):
    respondent.start()
    respondent.answer(EMPLOYEE[0])
    text = "Et langt svar jeg brukte en time på.\nMed flere linjer."
    app.config["WTF_CSRF_TIME_LIMIT"] = -1  # every token is now expired
    response = respondent.post({**EMPLOYEE[1], "tanker": text})
    app.config["WTF_CSRF_TIME_LIMIT"] = 12 * 3600
    assert response.status_code == 400
    assert "Skjemaet var utløpt – sjekk svarene og send på nytt." in respondent.html
    assert f"{text}</textarea>" in respondent.html
    assert 'value="Rus" checked' in respondent.html
    assert "tanker" not in db.session.scalar(db.select(Draft)).data, "nothing saved yet"
    respondent.answer({**EMPLOYEE[1], "tanker": text})
    assert "<h1>Til slutt</h1>" in respondent.html
    db.session.expire_all()
    assert db.session.scalar(db.select(Draft)).data["tanker"] == text


def test_missing_csrf_token_is_refused_with_the_text_kept(respondent, db):
    respondent.start()
    form = respondent.form_data({"rolle": "Forelder", "alder": "40"})
    del form["csrf_token"]
    response = respondent.client.post(respondent.action(), data=form)
    respondent.last = response
    assert response.status_code == 400
    assert 'value="40"' in respondent.html
    assert db.session.scalar(db.select(Draft)).data == {}


def test_forged_csrf_token_is_refused(respondent, db):
    respondent.start()
    form = respondent.form_data({"rolle": "Forelder"})
    form["csrf_token"] = "forged"
    response = respondent.client.post(respondent.action(), data=form)
    assert response.status_code == 400
    assert db.session.scalar(db.select(Draft)).data == {}


def test_csrf_time_limit_suits_a_slow_writer(app):
    assert app.config["WTF_CSRF_TIME_LIMIT"] >= 8 * 3600


def test_anonymous_response_keeps_no_identity_and_cookie_no_answers(respondent, app, db):
    on_last_page(respondent)
    respondent.answer({"annet": "Hemmelig innspill"}, action="send")
    response = db.session.scalar(db.select(Response))
    assert response.anonymous
    assert (response.ip_address, response.user_agent, response.submitted_at) == (None, None, None)
    assert response.respondent is None
    cookie = respondent.client.get_cookie("session", domain="innspill.test").value
    session = app.session_interface.get_signing_serializer(app).loads(cookie)
    assert set(session) <= {"csrf_token", "submitted", "drafts", "_flashes", "lang"}
    assert session["submitted"] == [respondent.slug]
    assert "Hemmelig" not in str(session) and "Sør-Fron" not in str(session)


def test_pages_set_no_cookie_besides_the_session(respondent):
    respondent.start()
    cookies = respondent.last.headers.getlist("Set-Cookie")
    assert all(c.startswith("session=") for c in cookies)


def test_logs_hold_no_answers_and_no_resume_code(respondent, caplog):
    caplog.set_level(logging.DEBUG)
    on_last_page(respondent)
    respondent.post({"annet": "x" * 500}, action="save")
    code = respondent.code  # the one code of the session, shown on the first page
    respondent.get(f"/r/{respondent.slug}/fortsett")
    respondent.client.post(
        f"/r/{respondent.slug}/fortsett",
        data={"csrf_token": respondent.hidden()["csrf_token"], "code": code},
    )
    text = "\n".join(r.getMessage() for r in caplog.records)
    for secret in (code, code.replace("-", ""), "Mer tid", "912 34 567", "x" * 50):
        assert secret not in text


@pytest.fixture
def query_counter(db):
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    yield statements
    event.remove(db.engine, "before_cursor_execute", count)


def test_a_page_post_takes_a_handful_of_queries(respondent, db, query_counter):
    respondent.start()
    db.session.expire_all()
    query_counter.clear()
    assert respondent.post(EMPLOYEE[0]).status_code == 303
    assert len(query_counter) <= 6, query_counter
    query_counter.clear()
    respondent.follow(respondent.last)
    assert len(query_counter) <= 4, query_counter


def database_busy(*args, **kwargs):
    raise OperationalError("COMMIT", {}, Exception("database is locked"))


def test_busy_database_keeps_the_page_as_typed(respondent, db, monkeypatch):
    respondent.start()
    respondent.answer(EMPLOYEE[0])
    monkeypatch.setattr(db.session, "commit", database_busy)
    response = respondent.post({**EMPLOYEE[1], "tanker": "Ikke mist meg"})
    monkeypatch.undo()
    assert response.status_code == 503
    assert "Vi fikk ikke lagret svarene akkurat nå" in respondent.html
    assert "Ikke mist meg</textarea>" in respondent.html
    respondent.answer({**EMPLOYEE[1], "tanker": "Ikke mist meg"})
    assert "<h1>Til slutt</h1>" in respondent.html


def test_busy_database_on_send_stores_nothing_and_can_be_retried(respondent, db, monkeypatch):
    on_last_page(respondent)
    monkeypatch.setattr(db.session, "commit", database_busy)
    response = respondent.post({"annet": "Siste ord"}, action="send")
    monkeypatch.undo()
    assert response.status_code == 503
    assert "Siste ord</textarea>" in respondent.html
    assert count_responses(db) == 0
    respondent.answer({"annet": "Siste ord"}, action="send")
    assert "Takk for svaret!" in respondent.html
    assert count_responses(db) == 1
