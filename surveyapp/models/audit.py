"""An audit log of planner actions (it never holds answer text), and counters of failed
attempts (sign-in per client address, access codes per round)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyapp.models.base import Base, utcnow
from surveyapp.models.users import User


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    #: e.g. ``round.open``, ``round.close``, ``export.csv``, ``answers.delete``
    action: Mapped[str] = mapped_column(String(50))
    target: Mapped[str | None] = mapped_column(String(100))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<AuditEvent {self.id} {self.action}>"


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
