"""Sign-in for planners, viewers and administrators."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from surveyapp.auth import routes  # noqa: E402,F401
