"""A round: one questionnaire version put to an audience for a period."""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Column, CheckConstraint, ForeignKey, String, Table, event, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from surveyapp.models.base import Base, utcnow
from surveyapp.models.organisation import Municipality, Organisation
from surveyapp.models.questionnaire import QuestionnaireVersion

if TYPE_CHECKING:
    from surveyapp.models.responses import Response
    from surveyapp.models.users import User

AUDIENCES = ("staff", "youth", "parents", "open")
STATES = ("draft", "open", "closed")

round_municipality = Table(
    "round_municipality",
    Base.metadata,
    Column("round_id", ForeignKey("round.id", ondelete="CASCADE"), primary_key=True),
    Column("municipality_id", ForeignKey("municipality.id", ondelete="CASCADE"), primary_key=True),
)


#: the shape of every slug :func:`new_slug` makes (URL-safe base64; the column holds 32)
SLUG_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,32}")


def is_slug(value: str) -> bool:
    """Whether ``value`` could be a slug: stray input (a NUL byte, which PostgreSQL refuses
    outright) then never reaches the database."""
    return SLUG_SHAPE.fullmatch(value) is not None


def state_at(opens_at: datetime | None, closes_at: datetime | None, moment: datetime) -> str:
    """``draft`` before it opens, ``closed`` from its closing time, otherwise ``open``."""
    if opens_at is None or moment < opens_at:
        return "draft"
    if closes_at is not None and moment >= closes_at:
        return "closed"
    return "open"


def new_slug() -> str:
    """An unguessable public identifier (96 bits)."""
    return secrets.token_urlsafe(12)


class Round(Base):
    __tablename__ = "round"
    __table_args__ = (
        CheckConstraint("audience IN ('staff', 'youth', 'parents', 'open')", name="audience"),
        CheckConstraint("closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at", name="period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    questionnaire_version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_version.id"))
    title: Mapped[str] = mapped_column(String(200))
    audience: Mapped[str] = mapped_column(String(10))
    anonymous: Mapped[bool] = mapped_column(default=True)
    #: ``None`` means not opened yet (a draft)
    opens_at: Mapped[datetime | None]
    #: ``None`` means open until someone closes it
    closes_at: Mapped[datetime | None]
    access_code_hash: Mapped[str | None] = mapped_column(String(256))
    slug: Mapped[str] = mapped_column(String(32), unique=True, default=new_slug)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: raised by every change to the round or its organisation (see :func:`_bump_revisions`),
    #: so a copy cached by any process can be checked in the query that reads a draft
    revision: Mapped[int] = mapped_column(default=0, server_default="0")

    organisation: Mapped[Organisation] = relationship(back_populates="rounds")
    questionnaire_version: Mapped[QuestionnaireVersion] = relationship()
    municipalities: Mapped[list[Municipality]] = relationship(
        secondary=round_municipality, order_by="Municipality.name"
    )
    created_by: Mapped[User | None] = relationship()
    responses: Mapped[list[Response]] = relationship(back_populates="round", passive_deletes=True)

    def state_at(self, moment: datetime) -> str:
        return state_at(self.opens_at, self.closes_at, moment)

    @property
    def state(self) -> str:
        return self.state_at(utcnow())

    @property
    def needs_access_code(self) -> bool:
        return self.access_code_hash is not None

    def set_access_code(self, code: str | None) -> None:
        self.access_code_hash = generate_password_hash(code) if code else None

    def check_access_code(self, code: str) -> bool:
        return self.access_code_hash is None or check_password_hash(self.access_code_hash, code)

    def __repr__(self) -> str:
        return f"<Round {self.id} {self.title!r}>"


@event.listens_for(Session, "before_flush")
def _bump_revisions(session: Session, flush_context, instances) -> None:
    """Raise the revision of every changed round, and of every round of a changed organisation.

    Respondent pages keep rounds cached per process (``services.round_cache``) and compare
    this number in a query they make anyway; any change made here, by any process, reaches
    them at their next such query.
    """
    changed: set[Round] = set()
    for obj in session.dirty:
        # columns, and a round's places; not collections such as a round's responses
        own = session.is_modified(obj, include_collections=False)
        places = isinstance(obj, Round) and inspect(obj).attrs.municipalities.history.has_changes()
        if isinstance(obj, Round) and (own or places):
            changed.add(obj)
        elif isinstance(obj, Organisation) and own:
            changed.update(obj.rounds)
    for round_ in changed:
        round_.revision = (round_.revision or 0) + 1
