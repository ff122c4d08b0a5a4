"""The questionnaire builder (planner audience, behind login): an organisation's own
questionnaires, built, copied, uploaded, previewed and saved as versions."""

from flask import Blueprint

from surveyapp.planner.access import planner_context

bp = Blueprint("builder", __name__)
bp.context_processor(planner_context)

from surveyapp.builder import preview, questions, routes, sections, upload  # noqa: E402,F401
