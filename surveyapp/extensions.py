"""Flask extensions, created unbound and attached in :func:`surveyapp.create_app`."""

import flask_login
from flask import current_app, request, session
from flask_babel import Babel
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from surveyapp.models.base import Base


class LoginManager(flask_login.LoginManager):
    """Flask-Login's, with its strong session protection kept for sessions that can sign in.

    Strong protection deletes a session whose browser fingerprint has changed. Flask-Login
    applies it to every non-empty session, also a respondent's or a phone's (only the CSRF
    token and draft ids, no user): there the fingerprint is never stored, so the session was
    "cleared" on every request that read ``current_user`` (every rendered page, through
    Flask-Login's template context) and each answer page and vote sent a freshly signed
    session cookie and a remember-me deletion. A session without a user and without a
    remember-me cookie has nothing to protect and is left alone.
    """

    def _session_protection_failed(self) -> bool:
        remember = current_app.config.get("REMEMBER_COOKIE_NAME", flask_login.COOKIE_NAME)
        if "_user_id" not in session and remember not in request.cookies:
            return False
        return super()._session_protection_failed()


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()
