"""Theme analysis of free-text answers, and the planner's review of the themes.

An :class:`AnalysisRun` is both the background job (status, progress) and the workspace the
planner reviews: its themes, one :class:`AnalysisItem` per analysed answer and the
assignments between them. Planner changes set ``reviewed`` on what they touch; a later
update with new answers never changes reviewed rows. Every change is also logged as a
:class:`ReviewEvent`, whose payload holds ids and labels but never answer text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyapp.models.base import Base, utcnow
from surveyapp.models.organisation import Organisation
from surveyapp.models.responses import Answer
from surveyapp.models.rounds import Round
from surveyapp.models.users import User

MODES = ("discover", "guided", "coding")
RUN_STATES = ("queued", "running", "done", "failed")
THEME_ORIGINS = ("engine", "codebook", "suggested", "split", "planner")
ASSIGNMENT_SOURCES = ("engine", "predict", "planner")
#: a theme is "foreslått" (proposed by the engine) until the planner accepts it ("vurdert")
REVIEW_STATES = ("proposed", "reviewed")
JOBS = ("fit", "update", "learn", "rerun")

analysis_run_round = Table(
    "analysis_run_round",
    Base.metadata,
    Column("run_id", ForeignKey("analysis_run.id", ondelete="CASCADE"), primary_key=True),
    Column("round_id", ForeignKey("round.id", ondelete="CASCADE"), primary_key=True),
)


class Codebook(Base):
    """A codebook a planner uploaded or edited: themes with labels, keywords and examples."""

    __tablename__ = "codebook"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    #: ``[{"key", "label", "description", "keywords": [...], "examples": [...]}, ...]``
    themes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    #: the built-in codebook it was copied from, if any
    based_on: Mapped[str | None] = mapped_column(String(100))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship()

    def __repr__(self) -> str:
        return f"<Codebook {self.id} {self.name!r}>"


class AnalysisRun(Base):
    __tablename__ = "analysis_run"
    __table_args__ = (
        CheckConstraint("mode IN ('discover', 'guided', 'coding')", name="mode"),
        CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="status"),
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress_range"),
        CheckConstraint("job IN ('fit', 'update', 'learn', 'rerun')", name="job"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    mode: Mapped[str] = mapped_column(String(10))
    #: a built-in codebook of the analysis engine (file name without ``.yaml``)
    codebook_key: Mapped[str | None] = mapped_column(String(100))
    codebook_id: Mapped[int | None] = mapped_column(ForeignKey("codebook.id", ondelete="SET NULL"))
    #: the free-text questions analysed, by key
    question_keys: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: engine hyperparameters, the engine version and the codebook as used
    parameters: Mapped[dict[str, Any]] = mapped_column(default=dict)
    random_state: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    #: what the background job does next: ``fit`` (first run), ``update`` (late answers),
    #: ``learn`` (reassign unreviewed answers from the planner's coding) or ``rerun`` (the
    #: engine again over every answer, keeping the planner's decisions)
    job: Mapped[str] = mapped_column(String(10), default="fit")
    #: coding mode: the run whose reviewed answers are the coding to learn from
    source_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("analysis_run.id", ondelete="SET NULL")
    )
    progress: Mapped[int] = mapped_column(default=0)
    #: a short, user-safe status line (never answer text)
    message: Mapped[str] = mapped_column(String(300), default="")
    #: how many times new answers were added after the first run
    updates: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship()
    created_by: Mapped[User | None] = relationship()
    codebook: Mapped[Codebook | None] = relationship()
    source_run: Mapped[AnalysisRun | None] = relationship(remote_side="AnalysisRun.id")
    rounds: Mapped[list[Round]] = relationship(secondary=analysis_run_round, order_by="Round.id")
    themes: Mapped[list[AnalysisTheme]] = relationship(
        back_populates="run",
        order_by="AnalysisTheme.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    items: Mapped[list[AnalysisItem]] = relationship(
        back_populates="run", cascade="all, delete-orphan", passive_deletes=True
    )
    events: Mapped[list[ReviewEvent]] = relationship(
        back_populates="run",
        order_by="ReviewEvent.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")

    def __repr__(self) -> str:
        return f"<AnalysisRun {self.id} {self.mode} {self.status}>"


class AnalysisTheme(Base):
    __tablename__ = "analysis_theme"
    __table_args__ = (
        CheckConstraint("review_state IN ('proposed', 'reviewed')", name="review_state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("analysis_run.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: answer ids of the engine's most representative answers
    representative_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    #: the engine's key for the theme (a codebook key or a cluster number)
    engine_key: Mapped[str | None] = mapped_column(String(100))
    origin: Mapped[str] = mapped_column(String(10), default="engine")
    #: a theme the engine only suggests stays out of reports until accepted
    accepted: Mapped[bool] = mapped_column(default=True)
    #: the "Annet" pile: answers that fit no theme
    is_other: Mapped[bool] = mapped_column(default=False)
    #: set when merged into another theme; the theme is then kept only for the history
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("analysis_theme.id", ondelete="SET NULL")
    )
    #: touched by a planner: an update never renames, merges or removes it
    reviewed: Mapped[bool] = mapped_column(default=False)
    #: what the planner sees: ``proposed`` ("Foreslått") until "Godta temaet", then
    #: ``reviewed`` ("Vurdert"); renaming or moving answers does not accept a theme
    review_state: Mapped[str] = mapped_column(String(10), default="proposed")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    run: Mapped[AnalysisRun] = relationship(back_populates="themes")
    assignments: Mapped[list[ThemeAssignment]] = relationship(
        back_populates="theme", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def active(self) -> bool:
        return self.merged_into_id is None

    def __repr__(self) -> str:
        return f"<AnalysisTheme {self.id} {self.label!r}>"


class AnalysisItem(Base):
    """One analysed answer in a run: how sure the engine was, and the planner's flags."""

    __tablename__ = "analysis_item"
    __table_args__ = (UniqueConstraint("run_id", "answer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("analysis_run.id", ondelete="CASCADE"), index=True
    )
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), index=True)
    #: the engine's confidence in the main theme, 0-1
    confidence: Mapped[float | None]
    #: place in the "code the uncertain ones" queue (1 = least certain); None when not queued
    uncertain_rank: Mapped[int | None]
    #: "vet ikke", "-" and the like: kept out of themes
    nonanswer: Mapped[bool] = mapped_column(default=False)
    #: the answer's words that tie it to its main theme, for highlighting
    terms: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: the planner marked it as not about the question (kept out of all counts of themes)
    off_topic: Mapped[bool] = mapped_column(default=False)
    #: a planner decided this answer's themes; updates leave it alone
    reviewed: Mapped[bool] = mapped_column(default=False)
    #: 0 for the first run, n for the n-th update with late answers
    batch: Mapped[int] = mapped_column(default=0)

    run: Mapped[AnalysisRun] = relationship(back_populates="items")
    answer: Mapped[Answer] = relationship()
    assignments: Mapped[list[ThemeAssignment]] = relationship(
        back_populates="item",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by=lambda: [ThemeAssignment.primary.desc(), ThemeAssignment.id],
    )

    def __repr__(self) -> str:
        return f"<AnalysisItem {self.id} answer={self.answer_id}>"


class ThemeAssignment(Base):
    __tablename__ = "theme_assignment"
    __table_args__ = (UniqueConstraint("item_id", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("analysis_item.id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[int] = mapped_column(
        ForeignKey("analysis_theme.id", ondelete="CASCADE"), index=True
    )
    #: the main theme; an answer may have one second theme besides it
    primary: Mapped[bool] = mapped_column(default=True)
    source: Mapped[str] = mapped_column(String(10), default="engine")

    item: Mapped[AnalysisItem] = relationship(back_populates="assignments")
    theme: Mapped[AnalysisTheme] = relationship(back_populates="assignments")

    def __repr__(self) -> str:
        return f"<ThemeAssignment item={self.item_id} theme={self.theme_id}>"


class ReviewEvent(Base):
    """One review action: who did what, when. The payload never holds answer text."""

    __tablename__ = "review_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("analysis_run.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    #: ``rename``, ``merge``, ``split``, ``move``, ``second_theme``, ``off_topic``, ...
    action: Mapped[str] = mapped_column(String(30))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    run: Mapped[AnalysisRun] = relationship(back_populates="events")
    user: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<ReviewEvent {self.id} {self.action}>"
