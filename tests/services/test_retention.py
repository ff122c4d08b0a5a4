"""Deleting raw answers keeps what registered providers ask to keep, and nothing else."""

from __future__ import annotations

from datetime import timedelta

import pytest

from surveyapp.exceptions import InnspillError
from surveyapp.models import Response, utcnow
from surveyapp.services import retention


def test_providers_are_kept_with_the_overview(app, db, make_round, monkeypatch):
    monkeypatch.setattr(retention, "_providers", {})
    round_ = make_round(
        opens_at=utcnow() - timedelta(days=2), closes_at=utcnow() - timedelta(days=1)
    )
    retention.register_snapshot("themes", lambda r: {"round": r.id, "themes": 12})
    summary = retention.delete_raw_answers(round_, None)
    db.session.commit()
    assert summary.data["kept"] == {"themes": {"round": round_.id, "themes": 12}}
    assert summary.data["total"] == 0


def test_open_round_is_refused_and_nothing_is_deleted(app, db, make_round):
    from surveyapp.services.responses import new_response

    round_ = make_round()
    db.session.add(new_response(round_, {"tjeneste": "NAV"}, "k1"))
    db.session.commit()
    with pytest.raises(InnspillError, match="Steng runden"):
        retention.delete_raw_answers(round_, None)
    assert db.session.scalar(db.select(db.func.count(Response.id))) == 1
