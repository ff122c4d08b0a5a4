"""Checking credentials, with a per-account lock instead of a per-IP one.

A whole school behind one address must still be able to answer, so failed sign-ins are
counted on the account, not on the client address.
"""

from __future__ import annotations

from datetime import timedelta

from surveyapp.extensions import db
from surveyapp.models import User, utcnow
from surveyapp.models.users import new_session_token
from surveyapp.services.organisations import normalise_email

MAX_FAILURES = 5
LOCK_TIME = timedelta(minutes=15)


class AccountLocked(Exception):
    """Too many failed sign-ins; try again after ``until``."""

    def __init__(self, until) -> None:
        self.until = until
        super().__init__(str(until))


def authenticate(email: str, password: str) -> User | None:
    """The user for these credentials, or None. Raises AccountLocked while locked."""
    user = db.session.scalar(db.select(User).filter_by(email=normalise_email(email)))
    if user is None or not user.active:
        return None
    now = utcnow()
    if user.locked_until and user.locked_until > now:
        raise AccountLocked(user.locked_until)
    if not user.check_password(password):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILURES:
            user.locked_until = now + LOCK_TIME
            user.failed_logins = 0
        return None
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    return user


def end_sessions(user: User) -> None:
    """Make every login cookie of this user invalid (logout, password change)."""
    user.session_token = new_session_token()


def load_user(user_id: str) -> User | None:
    """Flask-Login's loader: the cookie holds ``id:session_token``."""
    ident, _, token = user_id.partition(":")
    if not ident.isdigit():
        return None
    user = db.session.get(User, int(ident))
    if user is None or not token or user.session_token != token:
        return None
    return user
