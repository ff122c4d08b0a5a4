"""Deleting raw answers after the plan is adopted: confirmed, complete, aggregates kept."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from surveyapp.models import Answer, AuditEvent, Draft, Response, RoundSummary, utcnow
from tests.conftest import csrf_token
from tests.planner.test_overview import table


@pytest.fixture
def closed_round(login_as, make_round, add_responses, db):
    login_as("planner")
    round_ = make_round(
        opens_at=utcnow() - timedelta(days=10), closes_at=utcnow() - timedelta(days=1)
    )
    add_responses(
        round_,
        20,
        tjeneste="Barnehage",
        meldeplikt=4,
        tiltak_virker="Helsesykepleier Kari Hansen er gull",
    )
    add_responses(round_, 3, tjeneste="PPT", meldeplikt=2)
    db.session.add(
        Draft(
            round_id=round_.id,
            token_hash="a" * 64,
            idempotency_key="d1",
            data={"tiltak_virker": "halvferdig"},
        )
    )
    db.session.commit()
    return round_


def _delete(client, round_id, confirm=True):
    url = f"/planlegger/runder/{round_id}/slett-radata"
    page = client.get(url)
    data = {"csrf_token": csrf_token(page.text)}
    if confirm:
        data["confirm"] = "y"
    return client.post(url, data=data)


def test_delete_needs_the_confirmation(client, db, closed_round):
    assert _delete(client, closed_round.id, confirm=False).status_code == 400
    assert db.session.scalar(db.select(db.func.count(Response.id))) == 23


def test_delete_removes_every_answer_and_keeps_the_overview(client, db, closed_round):
    before = client.get(f"/planlegger/runder/{closed_round.id}").text
    response = _delete(client, closed_round.id)
    assert response.status_code == 302
    for model in (Response, Answer, Draft):
        assert db.session.scalar(db.select(db.func.count(model.id))) == 0, model
    after = client.get(f"/planlegger/runder/{closed_round.id}").text
    assert "Rådataene ble slettet" in after
    assert table(after, "group-service") == table(before, "group-service")
    assert table(after, "q-meldeplikt-1") == table(before, "q-meldeplikt-1")


def test_kept_summary_has_no_text_and_no_small_numbers(client, db, closed_round):
    _delete(client, closed_round.id)
    summary = db.session.scalar(db.select(RoundSummary))
    dumped = json.dumps(summary.data, ensure_ascii=False)
    assert "Kari Hansen" not in dumped and "halvferdig" not in dumped
    breakdown = next(b for b in summary.data["breakdowns"] if b["key"] == "service")
    services = {r["label"]: r["count"] for r in breakdown["rows"]}
    assert services["PPT"] is None


def test_delete_is_audited_with_counts_only(client, db, closed_round):
    _delete(client, closed_round.id)
    [event] = db.session.scalars(db.select(AuditEvent).filter_by(action="answers.delete")).all()
    assert event.details["responses"] == 23
    assert "Kari" not in json.dumps(event.details)


def test_open_rounds_cannot_be_deleted(client, db, login_as, make_round, add_responses):
    login_as("planner")
    round_ = make_round()
    add_responses(round_, 5, tjeneste="NAV")
    page = client.get(f"/planlegger/runder/{round_.id}/slett-radata")
    assert "Steng runden før du sletter svarene" in page.text
    assert _delete(client, round_.id).status_code == 400
    assert db.session.scalar(db.select(db.func.count(Response.id))) == 5


def test_after_deletion_nothing_can_be_exported_or_reopened(client, db, closed_round):
    _delete(client, closed_round.id)
    export = client.get(f"/planlegger/runder/{closed_round.id}/eksport").text
    assert "Det finnes ingen svar å eksportere" in export
    overview = client.get(f"/planlegger/runder/{closed_round.id}").text
    assert "Åpne runden igjen" not in overview
    texts = client.get(f"/planlegger/runder/{closed_round.id}/fritekst/tiltak_virker").text
    assert "finnes ikke lenger" in texts
    assert _delete(client, closed_round.id).status_code == 400  # only once


def test_audit_page_lists_actions_for_planners(client, db, closed_round):
    _delete(client, closed_round.id)
    html = client.get("/planlegger/logg").text
    assert "Slettet rådata" in html and closed_round.title in html
    assert "planner@midtdalen.example" in html
    assert "Kari Hansen" not in html
