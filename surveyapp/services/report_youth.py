"""The "Ungdomsrådet mener" section: a hook onto the idea wall's ``youth_council_section``.

The idea wall provides the statements the contact person chose for the plan, with their
votes. This module only adds what the plan report needs on top: which walls, and vote
counts passed through the same suppression as every other number in the report.
:func:`suppressed_votes` is that rule; the idea wall's own plan page, its Markdown export
and the findings it makes use it too, so a count hidden in the report is hidden there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from surveyapp.extensions import db
from surveyapp.models import Organisation
from surveyapp.privacy import suppress_counts

VOTE_LABELS = (("agree", "enige"), ("disagree", "uenige"), ("passes", "vet ikke"))


def suppressed_votes(counts: Mapping[str, int], threshold: int) -> dict[str, int | None]:
    """``agree``, ``disagree`` and ``passes`` of one statement; ``None`` where hidden.

    The three counts are one breakdown of the statement's voters, suppressed like every
    other breakdown in the report: nothing when fewer than ``threshold`` voted, and small
    counts hidden together with enough others that they cannot be worked out.
    """
    result = suppress_counts({key: int(counts[key]) for key, _ in VOTE_LABELS}, threshold)
    return {key: result.cells[key].count for key, _ in VOTE_LABELS}


def _section_function():
    """The idea wall's section builder, or None when that feature is not installed."""
    try:
        from surveyapp.ideawall.report import youth_council_section
    except ImportError:
        return None
    return youth_council_section


def youth_council(organisation: Organisation, threshold: int) -> list[dict[str, Any]]:
    """One entry per idea wall with statements chosen for the plan, votes suppressed."""
    section = _section_function()
    if section is None:
        return []
    from surveyapp.models.ideawall import IdeaWall

    walls = db.session.scalars(
        db.select(IdeaWall).filter_by(organisation_id=organisation.id).order_by(IdeaWall.id)
    )
    result = []
    for wall in walls:
        items = section(wall)
        if not items:
            continue
        for item in items:
            counts = suppressed_votes(item, threshold)
            item["votes"] = [(label, counts[key]) for key, label in VOTE_LABELS]
        result.append({"title": wall.title, "items": items})
    return result
