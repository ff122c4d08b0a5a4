"""*Last opp skjema*: an XLSForm or YAML file, a preview of what comes in and what is left
out, then a confirmation that stores it as a new questionnaire of the organisation."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from surveyapp.builder import bp
from surveyapp.builder.access import role_required
from surveyapp.builder.forms import ConfirmUploadForm, UploadForm
from surveyapp.exceptions import InnspillError
from surveyapp.extensions import csrf, db
from surveyapp.services import audit
from surveyapp.services.builder import upload as uploads
from surveyapp.services.builder import versions

#: the largest questionnaire file taken (an XLSForm of a few hundred questions is ~100 kB)
MAX_BYTES = 2 * 1024 * 1024


@bp.route("/last-opp", methods=["GET", "POST"])
@csrf.exempt  # files are larger than the global limit; the form checks its own CSRF token
@role_required("planner")
def upload():
    """Choose a file; a readable one is shown as a preview with a button to confirm."""
    request.max_content_length = MAX_BYTES + 64 * 1024
    try:
        form = UploadForm()
    except RequestEntityTooLarge:
        form = UploadForm(formdata=None)
        form.form_errors.append(_("Filen er for stor. Et skjema kan være på høyst 2 MB."))
        return render_template("builder/upload.html", form=form), 413
    if form.validate_on_submit():
        file = form.file.data
        try:
            found = uploads.read_upload(file.filename or "", file.read())
        except InnspillError as e:
            form.form_errors.append(str(e))
        else:
            confirm = ConfirmUploadForm(payload=uploads.sign(found, current_user.id))
            return render_template("builder/upload_preview.html", upload=found, form=confirm)
    status = 400 if form.is_submitted() else 200
    return render_template("builder/upload.html", form=form), status


@bp.post("/last-opp/lagre")
@role_required("planner")
def confirm_upload():
    """Store the previewed file as a new questionnaire with version 1."""
    form = ConfirmUploadForm()
    if not form.validate_on_submit():
        abort(400)
    found = uploads.unsign(form.payload.data, current_user.id)
    if found is None:
        flash(_("Forhåndsvisningen var utløpt. Last opp filen på nytt."), "error")
        return redirect(url_for("builder.upload"))
    try:
        questionnaire = versions.import_definition(current_user.organisation, found.definition)
    except InnspillError as e:
        db.session.rollback()
        flash(_("Skjemaet ble ikke lagret: %(problem)s", problem=str(e)), "error")
        return redirect(url_for("builder.upload"))
    audit.record(
        "questionnaire.import",
        current_user.organisation,
        current_user,
        target=f"questionnaire:{questionnaire.key}",
        skipped=len(found.skipped),
    )
    db.session.commit()
    title = found.definition.title.nb
    flash(_("Skjemaet «%(title)s» er lagret som versjon 1.", title=title), "success")
    return redirect(url_for("builder.edit", questionnaire_id=questionnaire.id))
