"""Submitted responses, their answers (with their sentence vectors), and unfinished drafts.

Anonymity is enforced by the schema: an anonymous response has no person, IP, user agent
or timestamp (only the date), checked by a database constraint.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyapp.models.base import Base, today, utcnow
from surveyapp.models.organisation import Municipality
from surveyapp.models.rounds import Round


class Response(Base):
    __tablename__ = "response"
    __table_args__ = (
        CheckConstraint(
            "NOT anonymous OR (respondent IS NULL AND ip_address IS NULL "
            "AND user_agent IS NULL AND submitted_at IS NULL)",
            name="anonymous_has_no_identity",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    #: one stored response per rendered form, however often it is posted
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    anonymous: Mapped[bool]
    submitted_on: Mapped[date] = mapped_column(default=today)
    #: exact time; only for rounds that are not anonymous
    submitted_at: Mapped[datetime | None]
    #: the name or e-mail a respondent chose to give; only for rounds that are not anonymous
    respondent: Mapped[str | None] = mapped_column(String(254))
    ip_address: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(2), default="nb")
    # background answers copied out of the answers for breakdowns
    service: Mapped[str | None] = mapped_column(String(100), index=True)
    role: Mapped[str | None] = mapped_column(String(100))
    age_group: Mapped[str | None] = mapped_column(String(50))
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id", ondelete="SET NULL")
    )
    #: the published snapshot this response first appeared in; None until it is published
    snapshot_id: Mapped[int | None] = mapped_column(
        ForeignKey("round_snapshot.id", ondelete="SET NULL"), index=True
    )

    round: Mapped[Round] = relationship(back_populates="responses")
    municipality: Mapped[Municipality | None] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Response {self.id} round={self.round_id}>"


class Answer(Base):
    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("response_id", "question_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"))
    question_key: Mapped[str] = mapped_column(String(64), index=True)
    #: choice value, list of values, Likert 1-5 (or "vet_ikke"), number, or {item: value} for grids
    #: (``None`` is SQL NULL, not JSON ``null``: answers go in as one many-row INSERT)
    value: Mapped[Any | None] = mapped_column(JSON(none_as_null=True))
    #: free text with personal data masked; the text as typed is never stored (data
    #: minimisation: a false mask costs a word, a kept original costs an ID number at rest)
    text: Mapped[str | None] = mapped_column(Text)

    response: Mapped[Response] = relationship(back_populates="answers")

    def __repr__(self) -> str:
        return f"<Answer {self.id} {self.question_key}>"


class AnswerVector(Base):
    """The sentence vector of one answer, so an analysis reads meaning without embedding again.

    Made from the *masked* text (``Answer.text``) only, never from the original. The row goes
    with its answer: ``ON DELETE CASCADE`` removes it when the answer is deleted (also by the
    bulk delete of raw answers in :mod:`surveyapp.services.retention`).
    """

    __tablename__ = "answer_vector"

    answer_id: Mapped[int] = mapped_column(
        ForeignKey("answer.id", ondelete="CASCADE"), primary_key=True
    )
    #: the model that made the vector (``analysis.semantic.MODEL_NAME``); another model's
    #: vectors are not comparable and are made again
    model: Mapped[str] = mapped_column(String(100))
    #: float32 values, ``numpy.ndarray.tobytes()`` (384 × 4 bytes for the bundled model)
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<AnswerVector answer={self.answer_id} {self.model}>"


class Draft(Base):
    """An unfinished response, found again by the hash of the respondent's resume code."""

    __tablename__ = "draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    #: sha256 of the resume code; the code itself is never stored
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(64))
    section: Mapped[int] = mapped_column(default=0)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    language: Mapped[str] = mapped_column(String(2), default="nb")
    updated_on: Mapped[date] = mapped_column(default=today, onupdate=today)

    round: Mapped[Round] = relationship()
