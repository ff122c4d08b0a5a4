"""Invariants the database itself enforces."""

from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from surveyapp.exceptions import ImmutableRecord
from surveyapp.models import Response, utcnow
from surveyapp.services import questionnaires


def test_one_response_per_idempotency_key(db, make_round):
    round_ = make_round()
    db.session.add(Response(round=round_, idempotency_key="k1", anonymous=True))
    db.session.commit()
    db.session.add(Response(round=round_, idempotency_key="k1", anonymous=True))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize(
    "identity",
    [
        {"ip_address": "10.0.0.1"},
        {"user_agent": "Mozilla/5.0"},
        {"respondent": "Ahmed"},
        {"submitted_at": utcnow()},
    ],
    ids=["ip", "user-agent", "person", "exact-time"],
)
def test_anonymous_response_cannot_hold_identity(db, make_round, identity):
    round_ = make_round()
    db.session.add(Response(round=round_, idempotency_key="k2", anonymous=True, **identity))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_named_response_may_hold_identity(db, make_round):
    round_ = make_round(anonymous=False)
    response = Response(
        round=round_, idempotency_key="k3", anonymous=False, respondent="Ahmed",
        ip_address="10.0.0.1", submitted_at=utcnow(),
    )
    db.session.add(response)
    db.session.commit()
    assert db.session.get(Response, response.id).submitted_at.tzinfo is not None


def test_questionnaire_versions_are_immutable(db, app):
    version = questionnaires.latest_version("tjenester")
    db.session.commit()
    version.title = "Endret"
    with pytest.raises(ImmutableRecord):
        db.session.commit()
    db.session.rollback()


def test_round_period_must_run_forwards(db, make_round):
    now = utcnow()
    with pytest.raises(Exception, match="etter"):
        make_round(opens_at=now, closes_at=now - timedelta(days=1))


@pytest.mark.parametrize(
    ("opens", "closes", "state"),
    [
        (None, None, "draft"),
        (timedelta(hours=1), None, "draft"),
        (timedelta(hours=-1), None, "open"),
        (timedelta(hours=-1), timedelta(hours=1), "open"),
        (timedelta(hours=-2), timedelta(hours=-1), "closed"),
    ],
)
def test_round_state_is_derived_from_its_times(make_round, opens, closes, state):
    now = utcnow()
    round_ = make_round(
        opens_at=now + opens if opens is not None else None,
        closes_at=now + closes if closes is not None else None,
    )
    assert round_.state == state


def test_deleting_a_round_deletes_its_answers(db, make_round):
    round_ = make_round()
    db.session.add(Response(round=round_, idempotency_key="k4", anonymous=True))
    db.session.commit()
    db.session.execute(db.delete(type(round_)).where(type(round_).id == round_.id))
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(Response.id))) == 0
