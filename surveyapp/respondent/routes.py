"""Routes of the respondent blueprint."""

from __future__ import annotations

from flask import abort, render_template

from surveyapp.extensions import db
from surveyapp.models import Round
from surveyapp.respondent import bp
from surveyapp.services.questionnaires import definition_of


def round_by_slug(slug: str) -> Round:
    round_ = db.session.scalar(db.select(Round).filter_by(slug=slug))
    if round_ is None:
        abort(404)
    return round_


@bp.get("/<slug>")
def start(slug: str):
    """The round's front page: what it is about, what is stored, and whether it is open."""
    round_ = round_by_slug(slug)
    definition = definition_of(round_.questionnaire_version)
    return render_template("respondent/start.html", round=round_, definition=definition)
