"""Routes: the plan report (Word, HTML, Markdown) and the public feedback page settings."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.review import bp
from surveyapp.review.access import load_round, role_required
from surveyapp.review.forms import FeedbackForm, ReportForm
from surveyapp.services import feedback
from surveyapp.services import rounds as rounds_service
from surveyapp.services.report.files import report_file


@bp.route("/rapport", methods=["GET", "POST"])
@role_required("viewer")
def report():
    """Choose rounds and a format; the POST answers with the file."""
    form = ReportForm()
    items = rounds_service.list_rounds(current_user.organisation)
    form.rounds.choices = [(r.id, r.title) for r in items]
    if request.method == "GET":
        form.rounds.data = [r.id for r in items]
    if form.validate_on_submit():
        try:
            body, mimetype, filename = report_file(
                current_user.organisation,
                [load_round(i) for i in form.rounds.data],
                form.format.data,
            )
        except InnspillError as e:
            form.form_errors.append(str(e))
        else:
            disposition = "inline" if form.format.data == "html" else "attachment"
            return Response(
                body,
                mimetype=mimetype,
                headers={
                    "Content-Disposition": f'{disposition}; filename="{filename}"',
                    "Cache-Control": "no-store",
                },
            )
    return render_template("review/report_form.html", form=form)


@bp.route("/runder/<int:round_id>/tilbakemelding", methods=["GET", "POST"])
@role_required("viewer")
def feedback_settings(round_id: int):
    """Publish (or hide) "Dette gjorde vi med innspillet ditt" for a round."""
    round_ = load_round(round_id)
    page = feedback.page_for(round_)
    form = FeedbackForm(obj=page)
    if request.method == "POST":
        if not current_user.can("planner"):
            abort(403)
        if form.validate_on_submit():
            feedback.save_page(round_, form.published.data, form.intro.data)
            db.session.commit()
            flash(
                _("Siden er publisert.") if form.published.data else _("Siden er ikke publisert."),
                "success",
            )
            return redirect(url_for("review.feedback_settings", round_id=round_.id))
    return render_template(
        "review/feedback_settings.html",
        form=form,
        round=round_,
        page=page,
        preview=feedback.content(round_),
    )
