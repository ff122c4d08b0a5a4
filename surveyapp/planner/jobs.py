"""The operator's page (admins): background jobs that wait, run or failed, and retry."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Job
from surveyapp.models.analysis import AnalysisRun
from surveyapp.planner import bp
from surveyapp.planner.access import role_required
from surveyapp.planner.forms import ActionForm
from surveyapp.services.jobs import records, work


def _load_job(job_id: int) -> Job:
    """A job of the admin's organisation or of the whole installation, or 404."""
    job = db.session.get(Job, job_id)
    if job is None or job.organisation_id not in (None, current_user.organisation_id):
        abort(404)
    return job


@bp.get("/jobber")
@role_required("admin")
def jobs():
    """Queued, running and failed jobs with their age and message, oldest first."""
    found = records.for_operator(current_user.organisation)
    ids = [j.target_id for j in found if j.kind == "analysis" and j.target_id]
    titles = (
        dict(db.session.execute(
            db.select(AnalysisRun.id, AnalysisRun.title).where(AnalysisRun.id.in_(ids))
        ).tuples().all())
        if ids
        else {}
    )
    return render_template(
        "planner/jobs.html", jobs=found, titles=titles, age=records.age, form=ActionForm()
    )


@bp.post("/jobber/<int:job_id>/prov-igjen")
@role_required("admin")
def retry_job(job_id: int):
    """*Prøv igjen* on a failed job: queue it again."""
    job = _load_job(job_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        work.retry(job)
    except InnspillError as e:
        db.session.rollback()
        flash(str(e), "error")
        return redirect(url_for("planner.jobs"))
    db.session.commit()
    records.submit(job)
    flash(_("Jobben er lagt i kø igjen."), "success")
    return redirect(url_for("planner.jobs"))
