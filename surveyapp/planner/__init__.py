"""The planner workspace: rounds, overview, exports and imports (behind login)."""

from flask import Blueprint

bp = Blueprint("planner", __name__)

from surveyapp.planner import (  # noqa: E402,F401
    access,
    admin,
    downloads,
    imports,
    jobs,
    results,
    retention,
    routes,
    share,
)
