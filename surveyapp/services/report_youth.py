"""The "Ungdomsrådet mener" section: a hook onto the idea wall's ``youth_council_section``.

The idea wall provides the statements the contact person chose for the plan, with their
votes. This module adds what the plan report needs on top: which walls, and the one rule
for vote counts, :func:`shown_votes` (with :func:`votes_phrase` for the words). The idea
wall's own plan page, its Markdown export and the findings it makes use it too, so the
report carries the numbers the youth council saw on the big screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from surveyapp.extensions import db
from surveyapp.models import Organisation

VOTE_KEYS = ("agree", "disagree", "passes")


def shown_votes(counts: Mapping[str, int], threshold: int) -> dict[str, int] | None:
    """``agree``, ``disagree`` and ``passes`` as the council saw them, or None.

    Votes are anonymous counts with no background attached, and the big screen showed
    them to the whole room, so the plan shows the same numbers. A statement with fewer
    voters than ``threshold`` was never listed on the screen; its counts are not shown
    anywhere (None), and :func:`votes_phrase` says so in words.
    """
    shown = {key: int(counts[key]) for key in VOTE_KEYS}
    return shown if sum(shown.values()) >= threshold else None


def votes_phrase(counts: Mapping[str, int], threshold: int) -> str:
    """The votes in words: "6 enige, 2 uenige, 0 vet ikke", or why they are not shown."""
    shown = shown_votes(counts, threshold)
    if shown is None:
        return _("færre enn %(t)d stemte, så stemmene vises ikke", t=threshold)
    return _("%(agree)s enige, %(disagree)s uenige, %(passes)s vet ikke", **shown)


def _section_function():
    """The idea wall's section builder, or None when that feature is not installed."""
    try:
        from surveyapp.ideawall.report import youth_council_section
    except ImportError:
        return None
    return youth_council_section


def youth_council(organisation: Organisation, threshold: int) -> list[dict[str, Any]]:
    """One entry per idea wall with statements chosen for the plan, each with ``votes_text``."""
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
            item["votes_text"] = votes_phrase(item, threshold)
        result.append({"title": wall.title, "items": items})
    return result
