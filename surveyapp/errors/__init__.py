"""Error pages: a calm message in HTML, or JSON for API clients; never a traceback."""

from flask import Blueprint

bp = Blueprint("errors", __name__)

from surveyapp.errors import handlers  # noqa: E402,F401
