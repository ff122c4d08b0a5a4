"""The JSON API: bearer tokens or the session, the organisation boundary, the export rules."""

from __future__ import annotations

import pytest

from surveyapp.models import ApiToken, AuditEvent
from surveyapp.services import access, organisations
from surveyapp.services.exports.table import HIDDEN


@pytest.fixture
def token_for(db, make_user):
    def make(role: str = "planner"):
        user = make_user(role)
        token, plain = access.create_token(user, "skript")
        db.session.commit()
        return {"Authorization": f"Bearer {plain}"}, token

    return make


@pytest.fixture
def busy_round(make_round, add_responses):
    round_ = make_round(title="Tjenestene")
    add_responses(round_, 10, tjeneste="NAV", meldeplikt=5, tiltak_virker="Ring 912 34 567")
    add_responses(round_, 3, tjeneste="PPT", meldeplikt=1)
    return round_


def test_no_credentials_is_401_json(client, busy_round):
    for url in (
        "/api/rounds",
        f"/api/rounds/{busy_round.id}",
        f"/api/rounds/{busy_round.id}/responses",
    ):
        response = client.get(url)
        assert response.status_code == 401 and response.is_json
        assert response.get_json()["status"] == 401


def test_bad_or_revoked_token_is_401(client, db, token_for, busy_round):
    assert (
        client.get("/api/rounds", headers={"Authorization": "Bearer insp_feil"}).status_code == 401
    )
    assert client.get("/api/rounds", headers={"Authorization": "Basic abc"}).status_code == 401
    headers, token = token_for("planner")
    assert client.get("/api/rounds", headers=headers).status_code == 200
    access.revoke_token(token)
    db.session.commit()
    assert client.get("/api/rounds", headers=headers).status_code == 401


def test_token_of_a_deactivated_user_stops_working(client, db, token_for, busy_round):
    headers, token = token_for("planner")
    token.user.active = False
    db.session.commit()
    assert client.get("/api/rounds", headers=headers).status_code == 401


def test_rounds_list_with_token(client, token_for, busy_round):
    headers, token = token_for("viewer")
    data = client.get("/api/rounds", headers=headers).get_json()
    assert [(r["title"], r["responses"]) for r in data["rounds"]] == [("Tjenestene", 13)]
    assert token.last_used_at is not None


def test_round_detail_numbers_are_suppressed(client, token_for, busy_round):
    headers, _token = token_for("viewer")
    data = client.get(f"/api/rounds/{busy_round.id}", headers=headers).get_json()
    services = {r["label"]: r["count"] for r in data["overview"]["breakdowns"][1]["rows"]}
    assert data["overview"]["breakdowns"][1]["key"] == "service"
    assert services["PPT"] is None and services["NAV"] is None  # 3 hidden, 10 protects it
    assert data["overview"]["total"] == 13 and data["anonymous"] is True


def test_responses_follow_the_export_rules(client, db, token_for, busy_round):
    headers, _token = token_for("planner")
    data = client.get(f"/api/rounds/{busy_round.id}/responses", headers=headers).get_json()
    assert len(data["responses"]) == 13
    assert {r["tjeneste"] for r in data["responses"]} == {HIDDEN}
    assert "sendt_inn" not in data["columns"] and "navn" not in data["columns"]
    texts = {r["tiltak_virker"] for r in data["responses"]} - {None}
    assert texts == {"Ring [telefon]"}
    assert any(c["kolonne"] == "meldeplikt" for c in data["codebook"])
    [event] = db.session.scalars(db.select(AuditEvent)).all()
    assert event.action == "export.api" and event.details["via"] == "token"


def test_viewer_may_not_fetch_responses(client, token_for, busy_round):
    headers, _token = token_for("viewer")
    response = client.get(f"/api/rounds/{busy_round.id}/responses", headers=headers)
    assert response.status_code == 403 and response.is_json


def test_small_round_responses_are_refused(client, token_for, make_round, add_responses):
    headers, _token = token_for("planner")
    round_ = make_round()
    add_responses(round_, 4, tjeneste="NAV")
    response = client.get(f"/api/rounds/{round_.id}/responses", headers=headers)
    assert response.status_code == 409 and "færre enn 5" in response.get_json()["error"]


def test_other_organisations_round_is_404(client, db, token_for, make_round):
    other = organisations.create_organisation("Fjellbygd", ["Fjellbygd"])
    db.session.commit()
    theirs = make_round(org=other)
    headers, _token = token_for("admin")
    for url in (f"/api/rounds/{theirs.id}", f"/api/rounds/{theirs.id}/responses"):
        response = client.get(url, headers=headers)
        assert response.status_code == 404 and response.is_json


def test_session_works_too(client, login_as, busy_round):
    login_as("planner")
    assert client.get(f"/api/rounds/{busy_round.id}/responses").status_code == 200


def test_deleted_round_responses_are_gone(app, client, db, token_for, busy_round):
    from datetime import timedelta

    from surveyapp.models import utcnow
    from surveyapp.services.retention import delete_raw_answers

    headers, token = token_for("planner")
    busy_round.closes_at = utcnow() - timedelta(minutes=1)
    busy_round.opens_at = utcnow() - timedelta(days=1)
    with app.test_request_context():
        delete_raw_answers(busy_round, token.user)
    db.session.commit()
    response = client.get(f"/api/rounds/{busy_round.id}/responses", headers=headers)
    assert response.status_code == 410
    detail = client.get(f"/api/rounds/{busy_round.id}", headers=headers).get_json()
    assert detail["raw_deleted"] is True and detail["overview"]["total"] == 13


def test_tokens_page_creates_and_revokes(client, db, login_as):
    from tests.conftest import csrf_token

    login_as("planner")
    page = client.get("/planlegger/api-nokler")
    created = client.post(
        "/planlegger/api-nokler", data={"name": "Power BI", "csrf_token": csrf_token(page.text)}
    )
    assert "vises bare denne ene gangen" in created.text
    plain = created.text.split('id="new-token">')[1].split("<")[0]
    assert (
        client.get("/api/rounds", headers={"Authorization": f"Bearer {plain}"}).status_code == 200
    )
    token = db.session.scalar(db.select(ApiToken))
    again = client.get("/planlegger/api-nokler")
    assert plain not in again.text and token.prefix in again.text
    client.post(
        f"/planlegger/api-nokler/{token.id}/trekk-tilbake",
        data={"csrf_token": csrf_token(again.text)},
    )
    assert (
        client.get("/api/rounds", headers={"Authorization": f"Bearer {plain}"}).status_code == 401
    )
