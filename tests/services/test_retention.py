"""Deleting raw answers keeps the suppressed overview and themes, and nothing else."""

from __future__ import annotations

from datetime import timedelta

import pytest

from surveyapp.exceptions import InnspillError
from surveyapp.models import Response, utcnow
from surveyapp.services import retention


def test_an_empty_round_keeps_an_empty_overview(app, db, make_round):
    round_ = make_round(
        opens_at=utcnow() - timedelta(days=2), closes_at=utcnow() - timedelta(days=1)
    )
    summary = retention.delete_raw_answers(round_, None)
    db.session.commit()
    assert summary.data["themes"] == []
    assert summary.data["total"] == 0


def test_open_round_is_refused_and_nothing_is_deleted(app, db, make_round):
    from surveyapp.services.responses import new_response

    round_ = make_round()
    db.session.add(new_response(round_, {"tjeneste": "NAV"}, "k1"))
    db.session.commit()
    with pytest.raises(InnspillError, match="Steng runden"):
        retention.delete_raw_answers(round_, None)
    assert db.session.scalar(db.select(db.func.count(Response.id))) == 1
