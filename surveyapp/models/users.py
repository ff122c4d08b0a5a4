"""Planners, viewers and administrators of an organisation."""

from __future__ import annotations

import secrets
from datetime import datetime
from functools import lru_cache

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from surveyapp.models.base import Base, utcnow
from surveyapp.models.organisation import Organisation

ROLES = ("admin", "planner", "viewer")


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


def check_no_password(password: str) -> bool:
    """The work of a password check where there is no account (always False).

    Signing in with an unknown e-mail then takes as long as with a known one.
    """
    check_password_hash(_dummy_hash(generate_password_hash), password)
    return False


@lru_cache(maxsize=2)
def _dummy_hash(make) -> str:
    """A hash made the way real ones are (``make`` is the hashing function in use)."""
    return make(new_session_token())


class User(UserMixin, Base):
    __tablename__ = "user_account"
    __table_args__ = (CheckConstraint("role IN ('admin', 'planner', 'viewer')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(default=True)
    #: part of the login cookie; replaced at logout so a copied cookie stops working
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship(back_populates="users")

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        return self.active

    def can(self, role: str) -> bool:
        """True when this user's role includes ``role`` (admin > planner > viewer)."""
        return ROLES.index(self.role) <= ROLES.index(role)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email!r} {self.role}>"
