"""Importing a Forms, Nettskjema or Questback export: upload, map columns, preview, import."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge
from flask_babel import gettext as _
from flask_login import current_user

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import csrf, db
from surveyapp.planner import bp
from surveyapp.planner.access import role_required
from surveyapp.planner.forms import ActionForm, ConfirmForm, ImportForm
from surveyapp.privacy import mask_pii
from surveyapp.services import audit, questionnaires, round_changes
from surveyapp.services.imports import importer as imports
from surveyapp.services.imports import stash as import_stash
from surveyapp.services.jobs import records as job_records
from surveyapp.services.imports.files import (
    MAX_BYTES,
    UnreadableFile,
    read_table,
    table_from_bytes,
    table_to_bytes,
    too_large_message,
)
from surveyapp.services.rounds import RoundSettings

#: problems listed on the preview page; the rest are counted
SHOWN_PROBLEMS = 200


def _upload_form(**kwargs) -> ImportForm:
    form = ImportForm(**kwargs)
    definitions = questionnaires.choosable(current_user.organisation)
    form.questionnaire.choices = [(k, d.title.nb) for k, d in definitions.items()]
    form.municipalities.choices = [(m.id, m.name) for m in current_user.organisation.municipalities]
    if not form.is_submitted():
        form.municipalities.data = [m for m, _name in form.municipalities.choices]
    return form


@bp.route("/import", methods=["GET", "POST"])
@csrf.exempt  # files are larger than the global limit; the form checks its own CSRF token
@role_required("planner")
def import_upload():
    """Step 1: the file and the round it becomes."""
    request.max_content_length = MAX_BYTES + 64 * 1024
    try:
        form = _upload_form()
    except RequestEntityTooLarge:  # said here, not by the page-size message of the 413 page
        form = _upload_form(formdata=None)
        form.form_errors.append(too_large_message())
        return render_template("planner/import_upload.html", form=form), 413
    if form.validate_on_submit():
        settings = RoundSettings(
            title=form.title.data, audience=form.audience.data, anonymous=bool(form.anonymous.data)
        )
        upload = form.file.data
        data = upload.read()
        try:
            round_changes.check_settings(settings)
            table = read_table(upload.filename or "", data)
        except (InnspillError, UnreadableFile) as e:
            form.form_errors.append(str(e))
        else:
            choosable = questionnaires.choosable(current_user.organisation)
            definition = choosable[form.questionnaire.data]
            token = import_stash.save(
                table_to_bytes(table),  # parsed once: the later steps read this
                {
                    "user_id": current_user.id,
                    "filename": upload.filename or "",
                    "questionnaire": form.questionnaire.data,
                    "title": form.title.data,
                    "audience": form.audience.data,
                    "anonymous": bool(form.anonymous.data),
                    "municipality_ids": form.municipalities.data or [],
                    "mapping": imports.suggest_mapping(
                        table.headers, definition, bool(form.anonymous.data)
                    ),
                },
            )
            return redirect(url_for("planner.import_mapping", token=token))
    status = 400 if form.is_submitted() else 200
    return render_template("planner/import_upload.html", form=form), status


def _load(token: str):
    """The stashed upload, its table, definition and municipalities; 404 if not the user's."""
    found = import_stash.load(token, current_user.id)
    if found is None:
        abort(404)
    data, meta = found
    try:
        table = table_from_bytes(data)
    except (ValueError, KeyError):
        abort(404)
    definition = questionnaires.choosable(current_user.organisation).get(meta["questionnaire"])
    if definition is None:
        abort(404)
    chosen = set(meta["municipality_ids"])
    municipalities = [
        m.name for m in current_user.organisation.municipalities if not chosen or m.id in chosen
    ]
    return meta, table, definition, municipalities


def _samples(table, column: int) -> list[str]:
    values = [r[column] for r in table.rows if r[column] not in (None, "")][:3]
    return [mask_pii(str(v)[:60]) for v in values]


@bp.route("/import/<token>", methods=["GET", "POST"])
@role_required("planner")
def import_mapping(token: str):
    """Step 2: which question each column answers (suggested from the header)."""
    meta, table, definition, municipalities = _load(token)
    targets = imports.targets(definition, meta["anonymous"])
    allowed = {value for value, _label in targets}
    form = ActionForm()
    errors: list[str] = []
    mapping = meta["mapping"]
    if form.validate_on_submit():
        mapping = [
            request.form.get(f"kolonne-{i}", imports.IGNORE) for i in range(len(table.headers))
        ]
        if any(m not in allowed for m in mapping):
            abort(400)
        try:
            imports.plan_import(table, mapping, definition, municipalities, meta["anonymous"])
        except imports.ImportFailed as e:
            errors = e.problems
        else:
            meta["mapping"] = mapping
            import_stash.update(token, meta)
            return redirect(url_for("planner.import_preview", token=token))
    columns = [(i, h, _samples(table, i), mapping[i]) for i, h in enumerate(table.headers)]
    return render_template(
        "planner/import_mapping.html",
        token=token,
        meta=meta,
        form=form,
        columns=columns,
        targets=targets,
        errors=errors,
        rows=len(table.rows),
    ), 400 if errors else 200


@bp.get("/import/<token>/forhandsvis")
@role_required("planner")
def import_preview(token: str):
    """Step 3: what will be imported, and every row or value that did not fit."""
    meta, table, definition, municipalities = _load(token)
    try:
        plan = imports.plan_import(
            table, meta["mapping"], definition, municipalities, meta["anonymous"]
        )
    except imports.ImportFailed as e:
        for problem in e.problems:
            flash(problem, "error")
        return redirect(url_for("planner.import_mapping", token=token))
    labels = dict(imports.targets(definition, meta["anonymous"]))
    return render_template(
        "planner/import_preview.html",
        token=token,
        meta=meta,
        plan=plan,
        labels=labels,
        form=ConfirmForm(),
        cancel_form=ActionForm(),
        shown_problems=plan.problems[:SHOWN_PROBLEMS],
        rows=len(table.rows),
    )


@bp.post("/import/<token>/importer")
@role_required("planner")
def import_commit(token: str):
    """Step 4: everything in one transaction; a failure stores nothing at all."""
    meta, table, definition, municipalities = _load(token)
    form = ConfirmForm()
    try:
        plan = imports.plan_import(
            table, meta["mapping"], definition, municipalities, meta["anonymous"]
        )
    except imports.ImportFailed:
        return redirect(url_for("planner.import_mapping", token=token))
    if plan.problems and not form.validate_on_submit():
        flash(_("Kryss av for at du vil importere selv om noen verdier ikke passet."), "error")
        return redirect(url_for("planner.import_preview", token=token))
    if not plan.problems and not ActionForm().validate_on_submit():
        abort(400)
    settings = RoundSettings(
        title=meta["title"],
        audience=meta["audience"],
        anonymous=meta["anonymous"],
        municipality_ids=tuple(meta["municipality_ids"]),
    )
    try:
        version = questionnaires.latest_version(
            meta["questionnaire"], current_user.organisation
        )
        round_ = imports.run_import(
            current_user.organisation, version, settings, plan, current_user
        )
        audit.record(
            "import",
            current_user.organisation,
            current_user,
            round_,
            responses=len(plan.values),
            skipped=plan.skipped,
            problems=len(plan.problems),
            questionnaire=meta["questionnaire"],
        )
        embedding = job_records.enqueue("embed", round_.id, current_user.organisation)
        db.session.commit()
    except Exception as e:  # noqa: BLE001 - any failure: nothing may be half stored
        db.session.rollback()
        # the type only: database errors can quote the values, and values may be answers
        current_app.logger.error("Import failed: %s", type(e).__name__)
        flash(_("Importen feilet, og ingenting ble lagret. Prøv igjen, eller kontakt IT."), "error")
        return redirect(url_for("planner.import_preview", token=token))
    import_stash.drop(token)
    job_records.submit(embedding)  # read the answers' meaning now, not at the first analysis
    flash(_("%(n)s svar er importert.", n=len(plan.values)), "success")
    return redirect(url_for("planner.overview", round_id=round_.id))


@bp.post("/import/<token>/avbryt")
@role_required("planner")
def import_cancel(token: str):
    if import_stash.load(token, current_user.id) is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    import_stash.drop(token)
    flash(_("Importen er avbrutt, og filen er slettet."), "info")
    return redirect(url_for("planner.rounds"))
