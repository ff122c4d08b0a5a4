"""Deleting a round's raw answers after the plan is adopted (planners only, confirmed)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.planner import bp
from surveyapp.planner.access import load_round, role_required
from surveyapp.planner.forms import ConfirmForm
from surveyapp.services import audit, retention
from surveyapp.services.results import overview
from surveyapp.services.rounds import response_counts


@bp.route("/runder/<int:round_id>/slett-radata", methods=["GET", "POST"])
@role_required("planner")
def delete_raw(round_id: int):
    """Confirm, then keep the suppressed overview and delete every answer."""
    round_ = load_round(round_id)
    form = ConfirmForm()
    count = response_counts([round_.id]).get(round_.id, 0)
    if form.validate_on_submit():
        try:
            retention.delete_raw_answers(round_, current_user, lang=str(get_locale() or "nb"))
        except InnspillError as e:
            db.session.rollback()
            flash(str(e), "error")
        else:
            audit.record(
                "answers.delete", current_user.organisation, current_user, round_, responses=count
            )
            db.session.commit()
            flash(_("Rådataene er slettet. Oppsummeringen er tatt vare på."), "success")
            return redirect(url_for("planner.overview", round_id=round_.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "planner/delete_raw.html",
        round=round_,
        form=form,
        count=count,
        kept=overview.stored_summary(round_),
    ), status
