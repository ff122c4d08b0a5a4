"""The idea wall (Idévegg): youth-council members write and vote on statements in a meeting.

Two audiences, two blueprints, nested under ``ideawall``:

* ``ideawall.participant`` at ``/v``: public pages for phones (join code, no account, no name);
* ``ideawall.planner`` at ``/planlegger/idevegg``: behind login, for the contact person: open a
  wall, moderate, show the big screen, see the results and choose statements for the plan.
"""

from flask import Blueprint

bp = Blueprint("ideawall", __name__)
participant_bp = Blueprint("participant", __name__)
planner_bp = Blueprint("planner", __name__)

from surveyapp.ideawall import participant, planner, results, screen  # noqa: F401

bp.register_blueprint(participant_bp, url_prefix="/v")
bp.register_blueprint(planner_bp, url_prefix="/planlegger/idevegg")
