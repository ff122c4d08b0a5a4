"""What a round publishes of its answers: snapshots while it runs, a summary once deleted.

A response belongs to the snapshot that first published it (``Response.snapshot_id``), so
the set behind the numbers is exact even when responses commit out of id order; an
unpublished response is counted by nothing but the live total. After the raw answers are
deleted, the summary keeps suppressed aggregates only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyapp.models.base import Base, utcnow
from surveyapp.models.rounds import Round
from surveyapp.models.users import User


class RoundSummary(Base):
    __tablename__ = "round_summary"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), unique=True)
    #: the overview as shown when the answers were deleted; every number passed suppression
    data: Mapped[dict[str, Any]]
    raw_deleted_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    round: Mapped[Round] = relationship()
    deleted_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<RoundSummary {self.id} round={self.round_id}>"


class RoundSnapshot(Base):
    __tablename__ = "round_snapshot"
    __table_args__ = (CheckConstraint("responses >= 0", name="responses_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    #: responses in the round's numbers once this snapshot was published (all snapshots so far)
    responses: Mapped[int] = mapped_column(default=0)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)

    round: Mapped[Round] = relationship()

    def __repr__(self) -> str:
        return f"<RoundSnapshot {self.id} round={self.round_id} responses={self.responses}>"
