"""Routes of the main blueprint."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, send_from_directory, session, url_for
from flask_login import current_user

from surveyapp.auth.redirects import local_path
from surveyapp.main import bp


@bp.get("/")
def index():
    """Signed-in staff go to their rounds; everyone else sees what Innspill is."""
    if current_user.is_authenticated and "planner.rounds" in current_app.view_functions:
        return redirect(url_for("planner.rounds"))
    return render_template("main/index.html")


@bp.get("/sprak/<lang>")
def set_language(lang: str):
    """Remember the chosen language (bokmål or nynorsk) and go back where the user was."""
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
    return redirect(local_path(request.args.get("next")) or url_for("main.index"))


@bp.get("/tilgjengelighet")
def accessibility():
    return render_template("main/accessibility.html")


@bp.get("/helse")
def health():
    """For the operator's monitoring: answers 200 when the app and database respond."""
    from surveyapp.extensions import db

    db.session.execute(db.text("SELECT 1"))
    return {"status": "ok"}


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page says: answer with the SVG icon."""
    response = send_from_directory(current_app.static_folder, "favicon.svg", max_age=86400)
    response.mimetype = "image/svg+xml"
    return response
