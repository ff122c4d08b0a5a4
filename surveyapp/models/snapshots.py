"""Published snapshots of a round: the set of responses every aggregate is computed over.

A response belongs to the snapshot that first published it (``Response.snapshot_id``), so
the set is exact even when responses commit out of id order; an unpublished response has
no snapshot yet and is counted by nothing but the live total.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyapp.models.base import Base, utcnow
from surveyapp.models.rounds import Round


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
