"""The "Ungdomsrådet mener" section of the plan report: the idea walls' chosen statements.

The idea wall provides the statements the contact person chose for the plan, with their
votes (:func:`~surveyapp.services.ideawall.plan.youth_council_section`). This module only
adds what the plan report needs on top: which walls, and vote counts passed through the
same suppression as every other number in the report
(:func:`~surveyapp.services.report.numbers.suppressed_votes`).
"""

from __future__ import annotations

from typing import Any

from surveyapp.extensions import db
from surveyapp.models import Organisation
from surveyapp.models.ideawall import IdeaWall
from surveyapp.services.ideawall.plan import youth_council_section
from surveyapp.services.report.numbers import VOTE_LABELS, suppressed_votes


def youth_council(organisation: Organisation, threshold: int) -> list[dict[str, Any]]:
    """One entry per idea wall with statements chosen for the plan, votes suppressed."""
    walls = db.session.scalars(
        db.select(IdeaWall).filter_by(organisation_id=organisation.id).order_by(IdeaWall.id)
    )
    result = []
    for wall in walls:
        items = youth_council_section(wall)
        if not items:
            continue
        for item in items:
            counts = suppressed_votes(item, threshold)
            item["votes"] = [(label, counts[key]) for key, label in VOTE_LABELS]
        result.append({"title": wall.title, "items": items})
    return result
