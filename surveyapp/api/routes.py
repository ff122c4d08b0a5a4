"""Routes of the API blueprint: the organisation's rounds, overviews and responses as JSON.

Authentication is the planner's session cookie or ``Authorization: Bearer <token>``
(tokens are made on the planner's "API-nøkler" page or with ``flask api-token create``).
The same rules as the planner pages apply: only the user's own organisation, numbers
through suppression, and responses with the export rules (planners only).
"""

from __future__ import annotations

from flask import abort, g, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from surveyapp.api import bp
from surveyapp.extensions import db
from surveyapp.models import Round, User
from surveyapp.services import audit, overview
from surveyapp.services import rounds as rounds_service
from surveyapp.services.access import round_of, user_for_token
from surveyapp.services.exports import table as exports


def api_error(status: int, message: str):
    """The errors blueprint's JSON shape, for statuses it does not know (401, 410)."""
    return jsonify(error=message, status=status), status


@bp.before_request
def authenticate():
    """Set ``g.api_user`` from a bearer token or the session; 401 otherwise."""
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _sep, token = header.partition(" ")
        user = user_for_token(token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            return api_error(401, _("Ugyldig eller tilbaketrukket API-nøkkel."))
        db.session.commit()  # keep last_used_at
        g.api_user = user
        return None
    if current_user.is_authenticated:
        g.api_user = current_user._get_current_object()
        return None
    return api_error(401, _("Logg inn eller bruk en API-nøkkel."))


def _user() -> User:
    return g.api_user


def _round(round_id: int) -> Round:
    round_ = round_of(_user().organisation, round_id)
    if round_ is None:
        abort(404)
    return round_


@bp.get("/rounds")
def rounds():
    """Every round of the user's organisation."""
    items = rounds_service.list_rounds(_user().organisation)
    return jsonify(rounds=rounds_service.describe(items))


@bp.get("/rounds/<int:round_id>")
def round_detail(round_id: int):
    """One round with its overview (every number has passed suppression)."""
    round_ = _round(round_id)
    described = rounds_service.describe([round_])[0]
    described.update(
        audience=round_.audience,
        anonymous=round_.anonymous,
        opens_at=round_.opens_at.isoformat() if round_.opens_at else None,
        closes_at=round_.closes_at.isoformat() if round_.closes_at else None,
        municipalities=[m.name for m in round_.municipalities],
        raw_deleted=overview.stored_summary(round_) is not None,
        overview=overview.build(round_),
    )
    return jsonify(described)


@bp.get("/rounds/<int:round_id>/responses")
def responses(round_id: int):
    """The responses with the export rules; planners and admins only."""
    user = _user()
    round_ = _round(round_id)
    if not user.can("planner"):
        abort(403)
    try:
        table = exports.export_table(round_)
    except exports.RawDataDeleted as e:
        return api_error(410, str(e))
    except exports.TooFewResponses as e:
        return api_error(409, str(e))
    audit.record(
        "export.api",
        user.organisation,
        user,
        round_,
        rows=len(table.rows),
        via="token" if request.headers.get("Authorization") else "session",
    )
    db.session.commit()
    return jsonify(
        round=round_.id,
        columns=table.columns,
        responses=[dict(zip(table.columns, row)) for row in table.rows],
        codebook=table.codebook,
        about=dict(table.about),
    )
