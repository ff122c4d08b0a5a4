"""Checking credentials, with a per-account lock instead of a per-IP one.

A whole school behind one address must still be able to answer, so failed sign-ins are
counted on the account, not on the client address.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import case, literal

from surveyapp.extensions import db
from surveyapp.models import User, utcnow
from surveyapp.models.users import new_session_token
from surveyapp.services import audit
from surveyapp.services.organisations import MIN_PASSWORD_LENGTH, normalise_email

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
        _count_failure(user, now)
        return None
    if not _record_success(user, now):
        db.session.refresh(user)
        raise AccountLocked(user.locked_until)
    return user


def _count_failure(user: User, now: datetime) -> None:
    """Count a wrong password in one UPDATE, so parallel guesses cannot lose a count.

    The database decides the lock from its own value of ``failed_logins``; a guess that
    raced with the lock being set is not counted against the next quarter of an hour.
    """
    locked = User.locked_until.is_not(None) & (User.locked_until > now)
    reaches_limit = User.failed_logins + 1 >= MAX_FAILURES
    until = literal(now + LOCK_TIME, User.locked_until.type)  # stored as naive UTC
    db.session.execute(
        db.update(User)
        .where(User.id == user.id)
        .values(
            failed_logins=case(
                (locked, User.failed_logins), (reaches_limit, 0), else_=User.failed_logins + 1
            ),
            locked_until=case((~locked & reaches_limit, until), else_=User.locked_until),
        )
        .execution_options(synchronize_session="fetch")
    )


def _record_success(user: User, now: datetime) -> bool:
    """Clear the count and note the sign-in, unless parallel failures locked the account."""
    result = db.session.execute(
        db.update(User)
        .where(User.id == user.id, User.locked_until.is_(None) | (User.locked_until <= now))
        .values(failed_logins=0, locked_until=None, last_login_at=now)
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount == 1


class PasswordRejected(Exception):
    """A password change that cannot be made; the message says why, in Norwegian."""


def change_password(user: User, current: str, new: str, repeated: str) -> None:
    """Set a new password and sign the user out everywhere else.

    The current password is asked for so that a browser left signed in cannot be used to
    take the account over.
    """
    if not user.check_password(current):
        raise PasswordRejected(_("Det nåværende passordet er feil."))
    if len(new) < MIN_PASSWORD_LENGTH:
        raise PasswordRejected(_("Passordet må ha minst %(n)s tegn.", n=MIN_PASSWORD_LENGTH))
    if new != repeated:
        raise PasswordRejected(_("De to nye passordene er ikke like."))
    if new == current:
        raise PasswordRejected(_("Det nye passordet må være et annet enn det gamle."))
    user.set_password(new)
    end_sessions(user)
    audit.record("user.password", user.organisation, user, target=f"user:{user.id}")


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
