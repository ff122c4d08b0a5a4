"""Routes of the planner blueprint."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user, login_required

from surveyapp.planner import bp
from surveyapp.services import rounds as rounds_service


@bp.get("/")
@login_required
def rounds():
    """The organisation's rounds."""
    items = rounds_service.list_rounds(current_user.organisation)
    counts = rounds_service.response_counts([r.id for r in items])
    return render_template("planner/rounds.html", rounds=items, counts=counts)
