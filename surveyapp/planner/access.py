"""Who may do what in the planner: roles, the organisation boundary and the idle timeout.

Every view that takes a round id loads it with :func:`load_round`, which answers 404 (not
403) for another organisation's round, so ids tell an outsider nothing. Actions carry
``@role_required("planner")``; viewers only read.
"""

from __future__ import annotations

import time
from functools import wraps

from flask import abort, current_app, flash, jsonify, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from surveyapp.models import Round
from surveyapp.planner import bp
from surveyapp.services.access import round_of

#: seconds without a request before a planner must sign in again
DEFAULT_IDLE_SECONDS = 30 * 60
#: the warning shows this many seconds before the session ends
WARNING_SECONDS = 120
SEEN_KEY = "planner_seen"
#: requests made by the page itself (polling) do not count as activity
PASSIVE_ENDPOINTS = frozenset({"planner.live_count", "planner.reading_status"})


def role_required(role: str):
    """Let the view run only for signed-in users whose role includes ``role``."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            if not current_user.can(role):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def load_round(round_id: int) -> Round:
    """The signed-in user's organisation's round, or 404."""
    round_ = round_of(current_user.organisation, round_id)
    if round_ is None:
        abort(404)
    return round_


def idle_seconds() -> int:
    return int(current_app.config.get("PLANNER_IDLE_SECONDS", DEFAULT_IDLE_SECONDS))


@bp.before_app_request
def end_idle_sessions():
    """Sign out a user who has been idle too long; otherwise note this request as activity."""
    if not current_user.is_authenticated:
        return None
    now = int(time.time())
    seen = session.get(SEEN_KEY)
    if seen is not None and now - seen > idle_seconds():
        logout_user()
        session.pop(SEEN_KEY, None)
        message = _(
            "Du ble logget ut fordi du ikke hadde gjort noe på %(n)s minutter.",
            n=idle_seconds() // 60,
        )
        if request.path.startswith("/api/") or request.endpoint in PASSIVE_ENDPOINTS:
            return jsonify(error=message, status=401), 401
        flash(message, "info")
        target = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("auth.login", next=target))
    if seen is None or request.endpoint not in PASSIVE_ENDPOINTS:
        session[SEEN_KEY] = now
    return None


@bp.app_template_global("user_can")
def user_can(role: str) -> bool:
    """In templates: whether the signed-in user's role includes ``role``."""
    return bool(current_user.is_authenticated and current_user.can(role))


@bp.context_processor
def planner_context():
    """What every planner page needs: the idle timer."""
    return {
        "idle_seconds": idle_seconds(),
        "idle_warning_seconds": WARNING_SECONDS,
        "poll_milliseconds": int(current_app.config.get("PLANNER_POLL_MILLISECONDS", 15_000)),
    }
