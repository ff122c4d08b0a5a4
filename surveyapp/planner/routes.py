"""Rounds: the list, creating, editing, opening, closing, reopening and duplicating."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Round, utcnow
from surveyapp.planner import bp
from surveyapp.planner.access import load_round, role_required
from surveyapp.planner.forms import (
    ActionForm,
    ConfirmForm,
    ReopenForm,
    RoundForm,
    to_local,
    to_utc,
)
from surveyapp.services import audit, questionnaires, round_changes
from surveyapp.services import rounds as rounds_service
from surveyapp.services.rounds import RoundSettings


@bp.get("/")
@role_required("viewer")
def rounds():
    """The organisation's rounds, with a clear way to start a new one."""
    items = rounds_service.list_rounds(current_user.organisation)
    counts = rounds_service.response_counts([r.id for r in items])
    return render_template("planner/rounds.html", rounds=items, counts=counts)


@bp.get("/runder/ny")
@role_required("planner")
def choose_questionnaire():
    """Step 1 of a new round: pick a built-in questionnaire or one of the organisation's own."""
    definitions = questionnaires.choosable(current_user.organisation)
    builtin = questionnaires.available_definitions().keys()
    return render_template("planner/choose.html", definitions=definitions, builtin=builtin)


@bp.get("/sporreskjema/<key>")
@role_required("viewer")
def questionnaire(key: str):
    """What respondents will see: every question with its options."""
    definition = _definition_or_404(key)
    return render_template("planner/questionnaire.html", definition=definition)


def _definition_or_404(key: str):
    definition = questionnaires.choosable(current_user.organisation).get(key)
    if definition is None:
        abort(404)
    return definition


def _municipality_choices(form: RoundForm) -> None:
    form.municipalities.choices = [(m.id, m.name) for m in current_user.organisation.municipalities]


def settings_from(form: RoundForm) -> RoundSettings:
    return RoundSettings(
        title=form.title.data or "",
        audience=form.audience.data,
        anonymous=bool(form.anonymous.data),
        opens_at=to_utc(form.opens_at.data),
        closes_at=to_utc(form.closes_at.data),
        access_code=form.access_code.data or None,
        municipality_ids=tuple(form.municipalities.data or ()),
    )


@bp.route("/runder/ny/<key>", methods=["GET", "POST"])
@role_required("planner")
def new_round(key: str):
    """Step 2: title, audience, anonymity, period, access code and municipalities."""
    definition = _definition_or_404(key)
    form = RoundForm()
    _municipality_choices(form)
    if not form.is_submitted():
        form.title.data = definition.title.nb
        form.audience.data = definition.audience
        form.opens_at.data = to_local(utcnow()).replace(second=0, microsecond=0)
        form.municipalities.data = [m for m, _name in form.municipalities.choices]
    if form.validate_on_submit():
        try:
            settings = settings_from(form)
            round_changes.check_settings(settings)
            version = questionnaires.latest_version(key, current_user.organisation)
            round_ = rounds_service.create_round(
                current_user.organisation, version, settings, created_by=current_user
            )
        except InnspillError as e:
            db.session.rollback()
            form.form_errors.append(str(e))
        else:
            audit.record(
                "round.create", current_user.organisation, current_user, round_, questionnaire=key
            )
            db.session.commit()
            flash(_("Runden er laget."), "success")
            return redirect(url_for("planner.share", round_id=round_.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "planner/round_form.html", form=form, definition=definition, round=None
    ), status


@bp.route("/runder/<int:round_id>/endre", methods=["GET", "POST"])
@role_required("planner")
def edit_round(round_id: int):
    """Change a round that has not opened yet."""
    round_ = load_round(round_id)
    definition = questionnaires.definition_of(round_.questionnaire_version)
    if round_.state != "draft":
        flash(_("Runden er åpnet, så innstillingene kan ikke endres lenger."), "info")
        return redirect(url_for("planner.overview", round_id=round_.id))
    form = RoundForm(obj=round_)
    _municipality_choices(form)
    if not form.is_submitted():
        form.opens_at.data = to_local(round_.opens_at)
        form.closes_at.data = to_local(round_.closes_at)
        form.access_code.data = ""
        form.municipalities.data = [m.id for m in round_.municipalities]
    if form.validate_on_submit():
        try:
            round_changes.update_round(
                round_, settings_from(form), keep_access_code=not form.remove_access_code.data
            )
        except InnspillError as e:
            db.session.rollback()
            form.form_errors.append(str(e))
        else:
            audit.record("round.edit", current_user.organisation, current_user, round_)
            db.session.commit()
            flash(_("Endringene er lagret."), "success")
            return redirect(url_for("planner.overview", round_id=round_.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "planner/round_form.html", form=form, definition=definition, round=round_
    ), status


def _change(round_: Round, action: str, change, success: str, **details):
    """Run one state change, log it, commit, and go back to the round."""
    try:
        change()
    except InnspillError as e:
        db.session.rollback()
        flash(str(e), "error")
    else:
        audit.record(action, current_user.organisation, current_user, round_, **details)
        db.session.commit()
        flash(success, "success")
    return redirect(url_for("planner.overview", round_id=round_.id))


@bp.post("/runder/<int:round_id>/apne")
@role_required("planner")
def open_round(round_id: int):
    round_ = load_round(round_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    return _change(
        round_,
        "round.open",
        lambda: round_changes.open_round(round_),
        _("Runden er åpnet og tar imot svar."),
    )


@bp.route("/runder/<int:round_id>/steng", methods=["GET", "POST"])
@role_required("planner")
def close_round(round_id: int):
    """Close after a confirmation: respondents can no longer answer."""
    round_ = load_round(round_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        return _change(
            round_, "round.close", lambda: round_changes.close_round(round_), _("Runden er stengt.")
        )
    status = 400 if form.is_submitted() else 200
    return render_template("planner/confirm_close.html", round=round_, form=form), status


@bp.post("/runder/<int:round_id>/gjenapne")
@role_required("planner")
def reopen_round(round_id: int):
    round_ = load_round(round_id)
    form = ReopenForm()
    if not form.validate_on_submit():
        flash(_("Sluttidspunktet kunne ikke leses."), "error")
        return redirect(url_for("planner.overview", round_id=round_.id))
    closes_at = to_utc(form.closes_at.data)
    return _change(
        round_,
        "round.reopen",
        lambda: round_changes.reopen_round(round_, closes_at),
        _("Runden er åpnet igjen."),
        closes_at=closes_at.isoformat() if closes_at else None,
    )


@bp.post("/runder/<int:round_id>/kopier")
@role_required("planner")
def duplicate_round(round_id: int):
    """A draft copy for next year; the planner goes straight to its settings."""
    round_ = load_round(round_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    copy = round_changes.duplicate_round(round_, current_user)
    audit.record(
        "round.duplicate", current_user.organisation, current_user, copy, from_round=round_.id
    )
    db.session.commit()
    flash(_("Runden er kopiert. Sjekk innstillingene og åpne den når du er klar."), "success")
    return redirect(url_for("planner.edit_round", round_id=copy.id))
