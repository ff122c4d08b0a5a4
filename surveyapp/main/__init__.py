"""Pages for everyone: the front page, language choice and the accessibility statement."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from surveyapp.main import routes  # noqa: E402,F401
