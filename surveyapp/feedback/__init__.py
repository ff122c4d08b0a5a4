"""The public "Dette gjorde vi med innspillet ditt" pages (no login)."""

from flask import Blueprint, abort, render_template

from surveyapp.services import feedback

bp = Blueprint("feedback", __name__)


@bp.get("/tilbakemelding/<slug>")
def page(slug: str):
    """What we heard and what the plan does about it, for one round (when published)."""
    round_ = feedback.published_round(slug)
    if round_ is None:
        abort(404)
    return render_template("review/feedback_public.html", **feedback.content(round_))
