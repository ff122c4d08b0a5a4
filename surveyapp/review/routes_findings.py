"""Routes: findings (write, place in the plan, reorder, export)."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models.findings import Finding
from surveyapp.review import bp
from surveyapp.review.access import load_finding, load_run, role_required
from surveyapp.review.forms import ActionForm, FindingForm, MoveFindingForm
from surveyapp.review.helpers import threshold
from surveyapp.services import findings as service
from surveyapp.services.findings import KORUS_COLUMNS, LEVEL_LABELS, SECTION_LABELS, STATUS_LABELS
from surveyapp.services.themes import stats as theme_stats


@bp.get("/funn")
@role_required("viewer")
def findings():
    """All findings in plan order, the tiltak as a KORUS table."""
    items = service.findings_of(current_user.organisation)
    t = threshold()
    rows = {f.run_id: theme_stats.run_rows(f.run) for f in items if f.run is not None}
    raised = {
        f.id: service.raised_by(f, t, rows=rows.get(f.run_id), dimensions=("audience",))
        for f in items
    }
    return render_template(
        "review/findings.html",
        findings=items,
        raised=raised,
        sections=SECTION_LABELS,
        korus=KORUS_COLUMNS,
        statuses=STATUS_LABELS,
        levels=LEVEL_LABELS,
        move_form=MoveFindingForm(),
        form=ActionForm(),
    )


def _form_for(finding: Finding | None, run) -> FindingForm:
    form = FindingForm(obj=finding) if request.method == "GET" and finding else FindingForm()
    form.themes.choices = (
        [(t.id, t.label) for t in theme_stats.active_themes(run)] if run is not None else []
    )
    if request.method == "GET" and finding is not None:
        form.themes.data = [t.id for t in finding.themes]
        form.quotes.data = [q.answer_id for q in finding.quotes]
        form.prevention_level.data = finding.prevention_level or ""
        form.status.data = finding.status or ""
    if request.method == "GET" and finding is None:
        theme_id = request.args.get("tema", type=int)
        form.themes.data = [theme_id] if theme_id else []
    return form


def _quote_choices(form: FindingForm, run) -> None:
    """Quotes may come from the themes ticked in the form (the first 40, plus any ticked)."""
    allowed = {t.id for t in theme_stats.active_themes(run)} if run is not None else set()
    theme_ids = [i for i in (form.themes.data or []) if i in allowed]
    form.quotes.choices = service.candidate_quotes(theme_ids)
    ticked = set(form.quotes.data or []) - {a for a, _ in form.quotes.choices}
    if ticked:
        form.quotes.choices += [
            (a, t) for a, t in service.candidate_quotes(theme_ids, limit=None) if a in ticked
        ]


def _data(form: FindingForm) -> service.FindingData:
    return service.FindingData(
        statement=form.statement.data,
        plan_section=form.plan_section.data,
        details=form.details.data,
        prevention_level=form.prevention_level.data or None,
        age_group=form.age_group.data,
        responsible=form.responsible.data,
        organising=form.organising.data,
        collaboration=form.collaboration.data,
        implementation=form.implementation.data,
        evaluation=form.evaluation.data,
        status=form.status.data or None,
        public=form.public.data,
        theme_ids=form.themes.data or [],
        quote_ids=form.quotes.data or [],
    )


@bp.route("/funn/ny", methods=["GET", "POST"])
@role_required("planner")
def new_finding():
    run_id = request.args.get("analyse", type=int)
    run = load_run(run_id) if run_id else None
    form = _form_for(None, run)
    _quote_choices(form, run)
    if form.validate_on_submit():
        try:
            finding = service.create_finding(
                current_user.organisation, _data(form), current_user, run
            )
        except InnspillError as e:
            db.session.rollback()
            form.form_errors.append(str(e))
        else:
            db.session.commit()
            flash(_("Funnet er lagret."), "success")
            return redirect(url_for("review.edit_finding", finding_id=finding.id))
    return render_template("review/finding_form.html", form=form, finding=None, run=run)


@bp.route("/funn/<int:finding_id>", methods=["GET", "POST"])
@role_required("viewer")
def edit_finding(finding_id: int):
    finding = load_finding(finding_id)
    if request.method == "POST" and not current_user.can("planner"):
        abort(403)
    form = _form_for(finding, finding.run)
    _quote_choices(form, finding.run)
    if form.validate_on_submit():
        try:
            service.update_finding(finding, _data(form))
        except InnspillError as e:
            db.session.rollback()
            form.form_errors.append(str(e))
        else:
            db.session.commit()
            flash(_("Funnet er lagret."), "success")
            return redirect(url_for("review.edit_finding", finding_id=finding.id))
    raised = service.raised_by(finding, threshold())
    return render_template(
        "review/finding_form.html",
        form=form,
        finding=finding,
        run=finding.run,
        raised=raised,
        delete_form=ActionForm(),
    )


@bp.post("/funn/<int:finding_id>/flytt")
@role_required("planner")
def move_finding(finding_id: int):
    finding = load_finding(finding_id)
    form = MoveFindingForm()
    if not form.validate_on_submit():
        abort(400)
    service.move(finding, -1 if form.direction.data == "up" else 1)
    db.session.commit()
    return redirect(url_for("review.findings", _anchor=f"funn-{finding.id}"))


@bp.post("/funn/<int:finding_id>/slett")
@role_required("planner")
def delete_finding(finding_id: int):
    finding = load_finding(finding_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    service.delete(finding)
    db.session.commit()
    flash(_("Funnet er slettet."), "success")
    return redirect(url_for("review.findings"))


@bp.get("/funn/eksport.csv")
@role_required("viewer")
def export_findings():
    """The findings as CSV (semicolon-separated, for Excel), with the KORUS columns."""
    body = "\ufeff" + service.csv_export(service.findings_of(current_user.organisation))
    return Response(
        body,
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="funn.csv"'},
    )
