"""An organisation: one municipality, or several that write one plan together."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyapp.models.base import Base, utcnow

if TYPE_CHECKING:
    from surveyapp.models.rounds import Round
    from surveyapp.models.users import User


class Organisation(Base):
    __tablename__ = "organisation"
    __table_args__ = (CheckConstraint("suppression_threshold >= 2", name="threshold_min"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    #: groups smaller than this are never shown; may be raised above the app default
    suppression_threshold: Mapped[int] = mapped_column(default=5)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    municipalities: Mapped[list[Municipality]] = relationship(
        back_populates="organisation", order_by="Municipality.name", cascade="all, delete-orphan"
    )
    users: Mapped[list[User]] = relationship(back_populates="organisation")
    rounds: Mapped[list[Round]] = relationship(back_populates="organisation")

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r}>"


class Municipality(Base):
    __tablename__ = "municipality"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    #: the four-digit kommunenummer, when known
    number: Mapped[str | None] = mapped_column(String(4))

    organisation: Mapped[Organisation] = relationship(back_populates="municipalities")

    def __repr__(self) -> str:
        return f"<Municipality {self.id} {self.name!r}>"
