"""Public pages where staff and young people answer a round. No login."""

from flask import Blueprint

bp = Blueprint("respondent", __name__)

from surveyapp.respondent import routes  # noqa: E402,F401
