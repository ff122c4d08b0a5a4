"""Users (admins), the threshold setting (admins), API tokens and the audit log (planners)."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyapp.auth.service import end_sessions
from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Round, User
from surveyapp.planner import bp
from surveyapp.planner.access import role_required
from surveyapp.planner.forms import (
    ActionForm,
    SettingsForm,
    TokenForm,
    UserEditForm,
    UserForm,
)
from surveyapp.services import access, audit, organisations


@bp.post("/hold-i-live")
@role_required("viewer")
def keep_alive():
    """The idle warning's "stay signed in" button: this request is the activity."""
    return "", 204


@bp.get("/logg")
@role_required("planner")
def audit_log():
    """Who opened, closed, exported, imported or deleted what, and when (never answers)."""
    events = audit.events_for(current_user.organisation)
    ids = {int(e.target[6:]) for e in events if e.target and e.target.startswith("round:")}
    titles = (
        dict(db.session.execute(db.select(Round.id, Round.title).where(Round.id.in_(ids))).all())
        if ids
        else {}
    )
    return render_template("planner/audit.html", events=events, titles=titles, label=audit.label)


@bp.route("/api-nokler", methods=["GET", "POST"])
@role_required("planner")
def tokens():
    """The user's own API tokens; a new token is shown once, right after it is made."""
    form = TokenForm()
    created = None
    if form.validate_on_submit():
        try:
            token, created = access.create_token(current_user, form.name.data)
        except InnspillError as e:
            form.form_errors.append(str(e))
        else:
            audit.record(
                "token.create",
                current_user.organisation,
                current_user,
                target=f"token:{token.id}",
                token=token.prefix,
            )
            db.session.commit()
    return render_template(
        "planner/tokens.html",
        form=form,
        created=created,
        tokens=access.tokens_of(current_user),
        revoke_form=ActionForm(),
    )


@bp.post("/api-nokler/<int:token_id>/trekk-tilbake")
@role_required("planner")
def revoke_token(token_id: int):
    token = access.token_of(current_user, token_id)
    if token is None:
        abort(404)
    access.revoke_token(token)
    audit.record(
        "token.revoke",
        current_user.organisation,
        current_user,
        target=f"token:{token.id}",
        token=token.prefix,
    )
    db.session.commit()
    flash(_("Nøkkelen virker ikke lenger."), "success")
    return redirect(url_for("planner.tokens"))


def _user_of_organisation(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None or user.organisation_id != current_user.organisation_id:
        abort(404)
    return user


@bp.get("/brukere")
@role_required("admin")
def users():
    people = db.session.scalars(
        db.select(User).filter_by(organisation_id=current_user.organisation_id).order_by(User.email)
    ).all()
    return render_template("planner/users.html", users=people)


@bp.route("/brukere/ny", methods=["GET", "POST"])
@role_required("admin")
def new_user():
    form = UserForm()
    if not form.is_submitted():
        form.role.data = "planner"
    if form.validate_on_submit():
        try:
            user = organisations.create_user(
                form.email.data,
                form.password.data,
                form.role.data,
                current_user.organisation,
                form.name.data or "",
            )
        except InnspillError as e:
            db.session.rollback()
            form.form_errors.append(str(e))
        else:
            audit.record(
                "user.create",
                current_user.organisation,
                current_user,
                target=f"user:{user.id}",
                email=user.email,
                role=user.role,
            )
            db.session.commit()
            flash(_("Brukeren %(email)s er opprettet.", email=user.email), "success")
            return redirect(url_for("planner.users"))
    status = 400 if form.is_submitted() else 200
    return render_template("planner/user_form.html", form=form, user=None), status


@bp.route("/brukere/<int:user_id>", methods=["GET", "POST"])
@role_required("admin")
def edit_user(user_id: int):
    """Change a role or deactivate an account; either ends the user's sessions."""
    user = _user_of_organisation(user_id)
    form = UserEditForm(obj=user)
    if form.validate_on_submit():
        if user.id == current_user.id and (form.role.data != "admin" or not form.active.data):
            form.form_errors.append(_("Du kan ikke ta fra deg selv administratorrollen."))
        else:
            user.role, user.active = form.role.data, bool(form.active.data)
            end_sessions(user)
            audit.record(
                "user.update",
                current_user.organisation,
                current_user,
                target=f"user:{user.id}",
                role=user.role,
                active=user.active,
            )
            db.session.commit()
            flash(_("Endringene er lagret."), "success")
            return redirect(url_for("planner.users"))
    status = 400 if form.is_submitted() else 200
    return render_template("planner/user_form.html", form=form, user=user), status


@bp.route("/innstillinger", methods=["GET", "POST"])
@role_required("admin")
def settings():
    """The organisation's smallest group shown (never below the app's own setting)."""
    organisation = current_user.organisation
    form = SettingsForm()
    minimum = int(current_app.config["SUPPRESSION_THRESHOLD"])
    if not form.is_submitted():
        form.threshold.data = access.threshold_for(organisation)
    if form.validate_on_submit():
        if form.threshold.data < minimum:
            form.threshold.errors.append(
                _("Kan ikke være lavere enn %(n)s, som er satt for hele installasjonen.", n=minimum)
            )
        else:
            organisation.suppression_threshold = form.threshold.data
            audit.record(
                "settings.update", organisation, current_user, threshold=form.threshold.data
            )
            db.session.commit()
            flash(_("Innstillingene er lagret."), "success")
            return redirect(url_for("planner.settings"))
    status = 400 if form.is_submitted() else 200
    return render_template("planner/settings.html", form=form, minimum=minimum), status
