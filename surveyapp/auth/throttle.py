"""Limits on failed attempts (sign-in, access codes), counted in the database for every worker.

A key (see :class:`~surveyapp.models.Throttle`) may fail ``limit`` times within ``window``;
then it waits ``window`` from its last failure. Counting is one UPDATE, so parallel guesses
cannot lose a count.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import case, literal
from sqlalchemy.exc import IntegrityError

from surveyapp.extensions import db
from surveyapp.models import Throttle, utcnow


@dataclass(frozen=True)
class Limit:
    """``limit`` failures per ``window``; the key then waits ``window``."""

    prefix: str
    limit: int
    window: timedelta

    def key(self, name: str) -> str:
        return f"{self.prefix}:{name}"


def address_key(address: str | None) -> str:
    """A keyed hash of a client address: the count needs no readable address."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, (address or "-").encode(), hashlib.sha256).hexdigest()[:40]


def seconds_to_wait(limit: Limit, name: str) -> int:
    """Seconds before ``name`` may try again; 0 when it may try now."""
    until = db.session.scalar(
        db.select(Throttle.locked_until).where(Throttle.key == limit.key(name))
    )
    left = (until - utcnow()).total_seconds() if until is not None else 0
    return math.ceil(left) if left > 0 else 0


def note_failure(limit: Limit, name: str) -> None:
    """Count a failure; reaching the limit makes the key wait ``limit.window``."""
    key = limit.key(name)
    _ensure_row(key)
    now = utcnow()
    stale = Throttle.window_start <= literal(now - limit.window, Throttle.window_start.type)
    failures = case((stale, 1), else_=Throttle.failures + 1)
    until = literal(now + limit.window, Throttle.locked_until.type)
    db.session.execute(
        db.update(Throttle)
        .where(Throttle.key == key)
        .values(
            failures=failures,
            window_start=case(
                (stale, literal(now, Throttle.window_start.type)), else_=Throttle.window_start
            ),
            locked_until=case((failures >= limit.limit, until), else_=Throttle.locked_until),
        )
        .execution_options(synchronize_session=False)
    )


def clear(limit: Limit, name: str) -> None:
    """A success: the count starts again."""
    db.session.execute(
        db.delete(Throttle)
        .where(Throttle.key == limit.key(name))
        .execution_options(synchronize_session=False)
    )


def _ensure_row(key: str) -> None:
    if db.session.scalar(db.select(Throttle.id).where(Throttle.key == key)) is not None:
        return
    try:
        with db.session.begin_nested():
            db.session.add(Throttle(key=key, failures=0, window_start=utcnow()))
    except IntegrityError:
        pass  # a parallel request made it first
