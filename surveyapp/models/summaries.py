"""What is kept of a round after its raw answers are deleted: suppressed aggregates only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey
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
