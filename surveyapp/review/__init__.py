"""Theme analysis, review, findings and the plan report (planner audience, behind login)."""

from flask import Blueprint

bp = Blueprint("review", __name__)

from surveyapp.review import routes_findings, routes_report, routes_runs, routes_themes  # noqa: F401
