"""The idea wall (Idévegg): a youth-council meeting where members write and vote on statements.

Privacy by schema: a participant is a device, known only by the sha256 of a random key kept
in a cookie. Nothing links a participant to a name, an address, a browser or a time of day;
statements keep only their masked text, and votes carry no timestamp at all.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyapp.models.base import Base, today, utcnow
from surveyapp.models.organisation import Organisation
from surveyapp.models.users import User

STATEMENT_STATES = ("pending", "approved", "rejected")
CHOICE_KINDS = ("common_ground", "divisive")
#: stored vote values, as in Pol.is: agree 1, disagree -1, pass ("vet ikke") 0
AGREE, DISAGREE, PASS = 1, -1, 0
VOTE_VALUES = {"enig": AGREE, "uenig": DISAGREE, "vet_ikke": PASS}
#: the longest statement a participant may write
MAX_STATEMENT_LENGTH = 280


class IdeaWall(Base):
    __tablename__ = "idea_wall"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    #: what participants type to join: six characters without look-alikes, never reused
    join_code: Mapped[str] = mapped_column(String(8), unique=True)
    #: statements wait for the contact person's approval before anyone sees them
    moderated: Mapped[bool] = mapped_column(default=True)
    #: ``None`` means open; set when the contact person closes the wall
    closed_at: Mapped[datetime | None]
    #: set by *Steng for nye deltakere*: devices that join after it are not counted
    entry_closed_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    created_by: Mapped[User | None] = relationship()
    prompts: Mapped[list[IdeaPrompt]] = relationship(
        back_populates="wall", order_by="IdeaPrompt.position", cascade="all, delete-orphan"
    )

    @property
    def state(self) -> str:
        """``open`` until closed, then ``closed``."""
        return "closed" if self.closed_at is not None else "open"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def __repr__(self) -> str:
        return f"<IdeaWall {self.id} {self.join_code}>"


class IdeaPrompt(Base):
    """A question the wall asks, e.g. "Hva er det viktigste kommunen kan gjøre ...?"."""

    __tablename__ = "idea_prompt"
    __table_args__ = (UniqueConstraint("wall_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    wall_id: Mapped[int] = mapped_column(ForeignKey("idea_wall.id", ondelete="CASCADE"))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(String(300))

    wall: Mapped[IdeaWall] = relationship(back_populates="prompts")

    def __repr__(self) -> str:
        return f"<IdeaPrompt {self.id} wall={self.wall_id}>"


class IdeaParticipant(Base):
    """One device that joined a wall. Identifies a phone, not a person."""

    __tablename__ = "idea_participant"
    __table_args__ = (UniqueConstraint("wall_id", "key_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    wall_id: Mapped[int] = mapped_column(ForeignKey("idea_wall.id", ondelete="CASCADE"), index=True)
    #: sha256 of the random 128-bit key in the device's cookie; the key itself is never stored
    key_hash: Mapped[str] = mapped_column(String(64))
    joined_on: Mapped[date] = mapped_column(default=today)
    #: False for a device that joined after the wall was closed to new participants: it may
    #: read and vote, but its votes count nowhere (results, common ground, the plan)
    counted: Mapped[bool] = mapped_column(default=True, server_default=true())

    def __repr__(self) -> str:
        return f"<IdeaParticipant {self.id} wall={self.wall_id}>"


class IdeaStatement(Base):
    __tablename__ = "idea_statement"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status"),
        # The next statement for a phone is the approved one with the fewest votes: read in
        # vote order, the query stops at the first count that has one the phone has not
        # voted on, instead of sorting the whole wall on every vote (0.69 ms -> 0.01 ms at
        # 1,500 statements and 30,000 votes).
        Index("ix_idea_statement_next", "wall_id", "status", "vote_count"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wall_id: Mapped[int] = mapped_column(ForeignKey("idea_wall.id", ondelete="CASCADE"), index=True)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("idea_prompt.id", ondelete="CASCADE"))
    #: the device that wrote it; ``None`` for statements the contact person added
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("idea_participant.id", ondelete="SET NULL"), index=True
    )
    #: the statement with personal data masked (placeholders can make it longer than the
    #: 280 characters typed); the unmasked text is never stored
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    #: votes so far, kept in step with idea_vote by the service; only orders what phones see
    vote_count: Mapped[int] = mapped_column(default=0)
    #: the theme a planner chose on the wall's Tema tab; None lets the analysis engine decide
    theme_label: Mapped[str | None] = mapped_column(String(200))
    created_on: Mapped[date] = mapped_column(default=today)

    wall: Mapped[IdeaWall] = relationship()
    prompt: Mapped[IdeaPrompt] = relationship()
    choice: Mapped[IdeaChoice | None] = relationship(back_populates="statement")

    def __repr__(self) -> str:
        return f"<IdeaStatement {self.id} {self.status}>"


class IdeaVote(Base):
    """One device's vote on one statement; the unique constraint makes double votes impossible."""

    __tablename__ = "idea_vote"
    __table_args__ = (
        UniqueConstraint("participant_id", "statement_id"),
        CheckConstraint("value IN (-1, 0, 1)", name="value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("idea_participant.id", ondelete="CASCADE")
    )
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("idea_statement.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[int] = mapped_column(SmallInteger)

    def __repr__(self) -> str:
        return f"<IdeaVote {self.id} {self.value:+d}>"


class IdeaChoice(Base):
    """A statement chosen for the plan ("Ungdomsrådet mener"), with its votes at that moment."""

    __tablename__ = "idea_choice"
    __table_args__ = (
        CheckConstraint("kind IN ('common_ground', 'divisive')", name="kind"),
        CheckConstraint("agree >= 0 AND disagree >= 0 AND passes >= 0", name="counts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wall_id: Mapped[int] = mapped_column(ForeignKey("idea_wall.id", ondelete="CASCADE"), index=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("idea_statement.id", ondelete="CASCADE"), unique=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    agree: Mapped[int]
    disagree: Mapped[int]
    passes: Mapped[int]
    chosen_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    chosen_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: the finding the statement became; the report shows the statement once, here
    finding_id: Mapped[int | None] = mapped_column(
        ForeignKey("finding.id", ondelete="SET NULL"), index=True
    )

    statement: Mapped[IdeaStatement] = relationship(back_populates="choice")

    def __repr__(self) -> str:
        return f"<IdeaChoice {self.id} {self.kind} statement={self.statement_id}>"


class IdeaJoinMinute(Base):
    """How many devices joined a wall in one minute, for the moderator's screen.

    Kept apart from the participants, so that it ties no device to a time of day.
    """

    __tablename__ = "idea_join_minute"
    __table_args__ = (UniqueConstraint("wall_id", "minute"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    wall_id: Mapped[int] = mapped_column(ForeignKey("idea_wall.id", ondelete="CASCADE"))
    minute: Mapped[datetime]
    joins: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<IdeaJoinMinute wall={self.wall_id} {self.minute:%H:%M} {self.joins}>"
