"""Sign-in and sign-out."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from surveyapp.auth import bp
from surveyapp.auth.forms import LoginForm, PasswordForm
from surveyapp.auth.redirects import local_path
from surveyapp.auth.service import (
    PasswordRejected,
    TooManyAttempts,
    authenticate,
    change_password,
    end_sessions,
    load_user,
)
from surveyapp.extensions import db, login_manager

login_manager.user_loader(load_user)
login_manager.login_view = "auth.login"
login_manager.login_message = "Logg inn for å se denne siden."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"


def _safe_next(target: str | None) -> str:
    """Where to go after signing in: ``next`` when it is a path on this site."""
    return local_path(target) or url_for("main.index")


@bp.route("/logg-inn", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    status, headers = 200, {}
    if form.validate_on_submit():
        try:
            user = authenticate(form.email.data, form.password.data)
        except TooManyAttempts as e:
            user = None
            form.form_errors.append(
                _(
                    "For mange mislykkede innlogginger herfra. Vent %(minutes)s minutter, og "
                    "prøv igjen.",
                    minutes=max(1, round(e.seconds / 60)),
                )
            )
            status, headers = 429, {"Retry-After": str(e.seconds)}
        else:
            if user is None:
                form.form_errors.append(_("Feil e-post eller passord."))
                status = 401
        db.session.commit()
        if user is not None:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    elif form.is_submitted():
        status = 400
    return render_template("auth/login.html", form=form), status, headers


@bp.post("/logg-ut")
@login_required
def logout():
    end_sessions(current_user)
    db.session.commit()
    logout_user()
    flash(_("Du er logget ut."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/passord", methods=["GET", "POST"])
@login_required
def password():
    """Change one's own password; other browsers signed in as this user are signed out."""
    form = PasswordForm()
    status = 200
    if form.validate_on_submit():
        try:
            change_password(current_user, form.current.data, form.new.data, form.repeated.data)
        except PasswordRejected as problem:
            form.form_errors.append(str(problem))
            status = 400
        else:
            db.session.commit()
            login_user(current_user._get_current_object())  # this browser: the new token
            flash(
                _("Passordet er byttet. Er du logget inn andre steder, er du logget ut der."),
                "success",
            )
            return redirect(url_for("main.index"))
    elif form.is_submitted():
        status = 400
    return render_template("auth/password.html", form=form), status
