"""Error handlers for the whole app."""

from __future__ import annotations

from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from surveyapp.errors import bp
from surveyapp.extensions import db

MESSAGES = {
    400: lambda: _("Forespørselen kunne ikke leses. Gå tilbake og prøv igjen."),
    403: lambda: _("Du har ikke tilgang til denne siden."),
    404: lambda: _("Vi fant ikke siden du lette etter."),
    405: lambda: _("Denne handlingen er ikke tillatt her."),
    413: lambda: _(
        "Det du sendte var for stort: svarene på én side kan være på høyst 100 kB til sammen. "
        "Gå tilbake med nettleserens tilbakeknapp – teksten din står der fortsatt – gjør den "
        "kortere, og send igjen."
    ),
    429: lambda: _("For mange forsøk. Vent litt og prøv igjen."),
    500: lambda: _("Noe gikk galt hos oss. Det du allerede har sendt inn, er lagret."),
}


def wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def error_response(status: int, message: str | None = None):
    message = message or MESSAGES.get(status, MESSAGES[400])()
    if wants_json():
        return jsonify(error=message, status=status), status
    return render_template("errors/error.html", status=status, message=message), status


@bp.app_errorhandler(CSRFError)
def csrf_error(error: CSRFError):
    return error_response(400, _("Skjemaet var utløpt. Last inn siden på nytt og prøv igjen."))


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    status = error.code or 500
    if status >= 500:
        db.session.rollback()
    return error_response(status if status in MESSAGES else 400 if status < 500 else 500)


@bp.app_errorhandler(Exception)
def unexpected_error(error: Exception):
    db.session.rollback()
    from flask import current_app

    current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    return error_response(InternalServerError.code)
