"""Findings the planner writes, placed in the plan's structure, and the public feedback page.

A finding is a short statement ("Ungdom opplever at det mangler gratis møteplasser") linked
to reviewed themes and to chosen quotes. A ``tiltak`` also carries the KORUS table columns
(DOMAIN.md §5) and a status. Quotes point at answers, so when raw answers are deleted at the
end of the retention period, the quotes go with them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyapp.models.analysis import AnalysisRun, AnalysisTheme
from surveyapp.models.base import Base, utcnow
from surveyapp.models.organisation import Organisation
from surveyapp.models.responses import Answer
from surveyapp.models.rounds import Round
from surveyapp.models.users import User

#: the plan sections a finding can be placed in, in the plan's order
FINDING_SECTIONS = ("utfordringsbilde", "satsingsomrade", "mal", "strategi", "tiltak")
TILTAK_STATUSES = ("planned", "in_progress", "done", "stopped")
PREVENTION_LEVELS = ("universell", "selektiv", "indikert")

finding_theme = Table(
    "finding_theme",
    Base.metadata,
    Column("finding_id", ForeignKey("finding.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("analysis_theme.id", ondelete="CASCADE"), primary_key=True),
)


class Finding(Base):
    __tablename__ = "finding"
    __table_args__ = (
        CheckConstraint(
            "plan_section IN ('utfordringsbilde', 'satsingsomrade', 'mal', 'strategi', 'tiltak')",
            name="plan_section",
        ),
        CheckConstraint(
            "status IS NULL OR status IN ('planned', 'in_progress', 'done', 'stopped')",
            name="status",
        ),
        CheckConstraint(
            "prevention_level IS NULL OR prevention_level IN ('universell', 'selektiv', 'indikert')",
            name="prevention_level",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    #: the analysis it was written from; ``None`` for findings from other sources
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("analysis_run.id", ondelete="SET NULL"), index=True
    )
    plan_section: Mapped[str] = mapped_column(String(20))
    #: order within its plan section, from 1
    position: Mapped[int] = mapped_column(default=0)
    statement: Mapped[str] = mapped_column(String(500))
    details: Mapped[str] = mapped_column(Text, default="")
    prevention_level: Mapped[str | None] = mapped_column(String(12))
    # KORUS columns for a tiltak: Alder | Tiltak (the statement) | Ansvar | Organisering |
    # Samarbeid | Implementeringsplan | Evaluering, and the tiltak's status.
    age_group: Mapped[str] = mapped_column(String(100), default="")
    responsible: Mapped[str] = mapped_column(String(200), default="")
    organising: Mapped[str] = mapped_column(Text, default="")
    collaboration: Mapped[str] = mapped_column(Text, default="")
    implementation: Mapped[str] = mapped_column(Text, default="")
    evaluation: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str | None] = mapped_column(String(12))
    #: shown on the public "Dette gjorde vi med innspillet ditt" page when it is published;
    #: off until the planner ticks it: publishing is always an explicit choice
    public: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship()
    run: Mapped[AnalysisRun | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    themes: Mapped[list[AnalysisTheme]] = relationship(
        secondary=finding_theme, order_by="AnalysisTheme.position"
    )
    quotes: Mapped[list[FindingQuote]] = relationship(
        back_populates="finding",
        order_by="FindingQuote.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    def __repr__(self) -> str:
        return f"<Finding {self.id} {self.plan_section}>"


class FindingQuote(Base):
    """An answer chosen to illustrate a finding; shown with its masked text only."""

    __tablename__ = "finding_quote"
    __table_args__ = (UniqueConstraint("finding_id", "answer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(
        ForeignKey("finding.id", ondelete="CASCADE"), index=True
    )
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)

    finding: Mapped[Finding] = relationship(back_populates="quotes")
    answer: Mapped[Answer] = relationship()

    def __repr__(self) -> str:
        return f"<FindingQuote finding={self.finding_id} answer={self.answer_id}>"


class FeedbackPage(Base):
    """The opt-in public page "Dette gjorde vi med innspillet ditt" for one round."""

    __tablename__ = "feedback_page"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), unique=True)
    published: Mapped[bool] = mapped_column(default=False)
    #: the planner's greeting in plain language
    intro: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    round: Mapped[Round] = relationship()

    def __repr__(self) -> str:
        return f"<FeedbackPage {self.id} round={self.round_id}>"
