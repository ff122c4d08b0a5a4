"""Published snapshots: a round's numbers move in steps of at least the threshold.

Suppression keeps one table safe, but two tables taken before and after one answer differ
by exactly that answer: "Barnevern 0 → skjult" and "4: 18 → 19" tell who answered what.
So every aggregate (overview, API, charts, exports, free text, analyses) is computed over
the responses of the last *published snapshot*, never over the live table. A new snapshot
is published, when someone looks, only if

* at least ``threshold`` responses have arrived since the last one, so any two snapshots
  differ by a group that is not itself small; and
* the last one is at least ``SNAPSHOT_INTERVAL`` seconds old (an hour by default), unless
  the round has closed or nothing has been published yet.

Fewer than ``threshold`` responses that are still waiting when the round closes are never
published: showing them would give exactly their answers away. The live total (how many
have answered) may still be shown; it carries no answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement

from surveyapp.extensions import db
from surveyapp.models import Response, Round, RoundSnapshot, utcnow
from surveyapp.services.access import threshold_for


@dataclass(frozen=True)
class Published:
    """What the round's numbers hold now, and what is waiting for the next step."""

    #: responses in the numbers
    responses: int
    #: responses that have arrived but are not in the numbers yet
    pending: int
    #: the smallest step the numbers move by
    step: int
    published_at: datetime | None

    def as_dict(self) -> dict:
        """JSON-ready, for the overview data and the API."""
        return {
            "responses": self.responses,
            "pending": self.pending,
            "step": self.step,
            "published_at": self.published_at.isoformat() if self.published_at else None,
        }


def is_published() -> ColumnElement[bool]:
    """The condition on ``Response`` for "in the round's published numbers"."""
    return Response.snapshot_id.is_not(None)


def latest(round_: Round) -> RoundSnapshot | None:
    query = (
        db.select(RoundSnapshot)
        .filter_by(round_id=round_.id)
        .order_by(RoundSnapshot.id.desc())
        .limit(1)
    )
    return db.session.scalar(query)


def _count(round_: Round, published: bool) -> int:
    condition = is_published() if published else Response.snapshot_id.is_(None)
    query = db.select(db.func.count(Response.id)).where(Response.round_id == round_.id, condition)
    return db.session.scalar(query) or 0


def is_due(
    round_: Round, last: RoundSnapshot | None, pending: int, step: int, now: datetime
) -> bool:
    """Whether ``pending`` new responses may be published now (see the module docstring)."""
    if pending < step:
        return False
    if last is None or round_.state_at(now) == "closed":
        return True
    interval = timedelta(seconds=current_app.config["SNAPSHOT_INTERVAL"])
    return now - last.published_at >= interval


def refresh(round_: Round, now: datetime | None = None) -> Published:
    """Publish a new snapshot of ``round_`` when one is due; the caller commits."""
    now = now or utcnow()
    step = threshold_for(round_.organisation)
    last = latest(round_)
    pending = _count(round_, published=False)
    if is_due(round_, last, pending, step, now):
        last = RoundSnapshot(round=round_, published_at=now)
        db.session.add(last)
        db.session.flush()
        db.session.execute(
            db.update(Response)
            .where(Response.round_id == round_.id, Response.snapshot_id.is_(None))
            .values(snapshot_id=last.id)
            .execution_options(synchronize_session=False)
        )
        last.responses = _count(round_, published=True)
        pending = _count(round_, published=False)
    return Published(
        responses=_count(round_, published=True),
        pending=pending,
        step=step,
        published_at=last.published_at if last else None,
    )
