"""Exports of a round's responses: CSV, Excel and the codebook (planners only)."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from surveyapp.extensions import db
from surveyapp.planner import bp
from surveyapp.planner.access import load_round, role_required
from surveyapp.planner.forms import ActionForm
from surveyapp.services import audit
from surveyapp.services.access import threshold_for
from surveyapp.services.exports import files as export_files
from surveyapp.services.exports import table as exports
from surveyapp.services.overview import stored_summary

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "kodebok": ("text/csv; charset=utf-8", "csv"),
}


@bp.get("/runder/<int:round_id>/eksport")
@role_required("planner")
def export_page(round_id: int):
    """What an export holds, and the buttons to download it."""
    round_ = load_round(round_id)
    return render_template(
        "planner/export.html",
        round=round_,
        form=ActionForm(),
        threshold=threshold_for(round_.organisation),
        kept=stored_summary(round_),
        hidden=exports.HIDDEN,
    )


@bp.post("/runder/<int:round_id>/eksport/<fmt>")
@role_required("planner")
def export_file(round_id: int, fmt: str):
    """The file itself; every export is written to the audit log."""
    round_ = load_round(round_id)
    if fmt not in FORMATS:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        table = exports.export_table(round_)
    except (exports.TooFewResponses, exports.RawDataDeleted) as e:
        flash(str(e), "error")
        return redirect(url_for("planner.export_page", round_id=round_.id))
    if fmt == "csv":
        data = export_files.to_csv(table.columns, table.rows)
    elif fmt == "xlsx":
        data = export_files.to_xlsx(table)
    else:
        data = export_files.codebook_csv(table)
    action = "export.codebook" if fmt == "kodebok" else f"export.{fmt}"
    audit.record(action, current_user.organisation, current_user, round_, rows=len(table.rows))
    db.session.commit()
    mimetype, extension = FORMATS[fmt]
    name = export_files.filename(round_, extension)
    if fmt == "kodebok":
        name = name.replace(".csv", "-kodebok.csv")
    return Response(
        data,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )
