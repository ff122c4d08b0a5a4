"""Operational records: an audit log of planner actions (it never holds answer text),
counters of failed attempts (sign-in per client address, access codes per round), and
background jobs.

Background jobs are the durable record of work handed to the job queue (Huey). The queue
only carries "do job N"; what the job is, whether it is waiting, running, done or failed,
how often it was tried and when its worker last showed signs of life, lives here. A worker
that is killed loses the queue's message, never this row: the recovery task
(:mod:`surveyapp.services.jobs.recovery`) finds it by its old heartbeat.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyapp.models.base import Base, utcnow
from surveyapp.models.organisation import Organisation
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


#: what a job does: an analysis run's queued job, embedding a round's answers, the nightly
#: clean-up (old drafts, abandoned uploads, old job records)
KINDS = ("analysis", "embed", "maintenance")
JOB_STATES = ("queued", "running", "done", "failed")


class Job(Base):
    __tablename__ = "job"
    __table_args__ = (
        CheckConstraint("kind IN ('analysis', 'embed', 'maintenance')", name="kind"),
        CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name="state"),
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress_range"),
        Index("ix_job_state_heartbeat_at", "state", "heartbeat_at"),
        Index("ix_job_organisation_id_state", "organisation_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    #: the analysis run or round the job works on (None for maintenance)
    target_id: Mapped[int | None]
    #: whose work it is (None for work of the whole installation)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE")
    )
    state: Mapped[str] = mapped_column(String(10), default="queued")
    #: how many times a worker has started it
    attempts: Mapped[int] = mapped_column(default=0)
    max_attempts: Mapped[int] = mapped_column(default=2)
    progress: Mapped[int] = mapped_column(default=0)
    #: a short Norwegian line for the operator and planner (never answer text)
    message: Mapped[str] = mapped_column(String(300), default="")
    enqueued_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    #: last sign of life from the worker doing it
    heartbeat_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    organisation: Mapped[Organisation | None] = relationship()

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.kind} {self.state}>"
