"""Counters of failed attempts (sign-in per client address, access codes per round)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from surveyapp.models.base import Base, utcnow


class Throttle(Base):
    """Failed attempts under one key in the current window, and until when the key waits.

    Kept in the database so that every worker and app instance sees the same count.
    """

    __tablename__ = "throttle"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ``login:<keyed hash of the client address>`` or ``code:<round id>``; never a bare address
    key: Mapped[str] = mapped_column(String(80), unique=True)
    failures: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[datetime] = mapped_column(default=utcnow)
    locked_until: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<Throttle {self.key} {self.failures}>"
