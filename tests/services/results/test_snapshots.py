"""Published snapshots: when a round's numbers move, and that they move in steps."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from surveyapp.models import Response, RoundSnapshot, utcnow
from surveyapp.services.results import snapshots
from surveyapp.services.responses import new_response


@pytest.fixture
def add(db):
    def add(round_, n: int = 1):
        for _ in range(n):
            db.session.add(new_response(round_, {"tjeneste": "NAV"}, uuid.uuid4().hex))
        db.session.flush()

    return add


def test_nothing_is_published_before_the_threshold(make_round, add):
    round_ = make_round()
    add(round_, 4)
    published = snapshots.refresh(round_)
    assert (published.responses, published.pending, published.step) == (0, 4, 5)
    assert published.published_at is None
    add(round_)
    assert snapshots.refresh(round_).responses == 5


def test_fewer_new_answers_than_the_threshold_wait(make_round, add, db):
    round_ = make_round()
    add(round_, 7)
    assert snapshots.refresh(round_).responses == 7
    add(round_, 4)
    assert snapshots.refresh(round_).responses == 7
    add(round_)
    assert snapshots.refresh(round_).responses == 12
    counts = db.session.scalars(db.select(RoundSnapshot.responses).order_by(RoundSnapshot.id))
    assert list(counts) == [7, 12]


def test_at_most_one_snapshot_per_interval_unless_the_round_closed(app, make_round, add, db):
    app.config["SNAPSHOT_INTERVAL"] = 3600
    round_ = make_round()
    add(round_, 5)
    first = snapshots.refresh(round_)
    add(round_, 6)
    assert snapshots.refresh(round_).responses == 5  # not an hour yet
    later = first.published_at + timedelta(hours=1)
    assert snapshots.refresh(round_, now=later).responses == 11
    add(round_, 5)
    round_.closes_at = utcnow()
    assert snapshots.refresh(round_, now=utcnow() + timedelta(seconds=1)).responses == 16


def test_the_last_few_answers_of_a_closed_round_stay_out(make_round, add):
    """Publishing 1–4 last answers at closing would give exactly their answers away."""
    round_ = make_round()
    add(round_, 8)
    snapshots.refresh(round_)
    add(round_, 2)
    round_.closes_at = utcnow()
    published = snapshots.refresh(round_, now=utcnow() + timedelta(seconds=1))
    assert (published.responses, published.pending) == (8, 2)


def test_a_response_belongs_to_the_snapshot_that_published_it(make_round, add, db):
    round_ = make_round()
    add(round_, 5)
    snapshots.refresh(round_)
    add(round_, 5)
    snapshots.refresh(round_)
    ids = db.session.scalars(db.select(Response.snapshot_id).order_by(Response.id)).all()
    assert len(set(ids[:5])) == 1 and len(set(ids[5:])) == 1 and ids[0] != ids[5]


def test_interval_is_configurable_from_the_environment(monkeypatch, tmp_path):
    from surveyapp.config import Config
    from surveyapp.exceptions import ConfigurationError

    monkeypatch.setenv("SNAPSHOT_INTERVAL", "600")
    assert Config(str(tmp_path)).SNAPSHOT_INTERVAL == 600
    monkeypatch.setenv("SNAPSHOT_INTERVAL", "-1")
    with pytest.raises(ConfigurationError):
        Config(str(tmp_path))
