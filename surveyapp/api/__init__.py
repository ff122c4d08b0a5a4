"""JSON API for scripted access to the organisation's data."""

from flask import Blueprint

bp = Blueprint("api", __name__)

from surveyapp.api import routes  # noqa: E402,F401
