"""Checking credentials, with a limit per client address instead of a lock per account.

A lock per account lets anyone who knows a planner's e-mail keep her locked out. Failed
sign-ins are counted per client address instead (a keyed hash of it, in the database, so
every worker sees the count): an outsider only locks out themselves. Unknown and known
e-mails cost the same work (a password hash is checked either way) and the same count, so
neither the answer, its timing nor the limit tells who has an account.
"""

from __future__ import annotations

from datetime import timedelta

from flask import request
from flask_babel import gettext as _

from surveyapp.auth import throttle
from surveyapp.extensions import db
from surveyapp.models import User, utcnow
from surveyapp.models.users import check_no_password, new_session_token
from surveyapp.services import audit
from surveyapp.services.organisations import MIN_PASSWORD_LENGTH, normalise_email

#: failed sign-ins from one client address before it waits LOGIN_LIMIT.window
LOGIN_LIMIT = throttle.Limit("login", 10, timedelta(minutes=15))


class TooManyAttempts(Exception):
    """Too many failed sign-ins from this address; try again in ``seconds``."""

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        super().__init__(str(seconds))


def authenticate(email: str, password: str) -> User | None:
    """The user for these credentials, or None. Raises TooManyAttempts while limited."""
    client = throttle.address_key(request.remote_addr)
    wait = throttle.seconds_to_wait(LOGIN_LIMIT, client)
    if wait:
        raise TooManyAttempts(wait)
    user = db.session.scalar(db.select(User).filter_by(email=normalise_email(email)))
    ok = check_no_password(password) if user is None else user.check_password(password)
    ok = ok and user.active
    if not ok:
        throttle.note_failure(LOGIN_LIMIT, client)
        return None
    throttle.clear(LOGIN_LIMIT, client)
    user.last_login_at = utcnow()
    return user


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
