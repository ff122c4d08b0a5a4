"""The "Ungdomsrådet mener" section of the plan report, from the statements chosen for the plan.

:func:`youth_council_section` gives the plain data the plan report renders (the counts as
stored; the report suppresses them); :func:`section_markdown` is the same section as
Markdown for export, with the counts suppressed exactly as in the report.
"""

from __future__ import annotations

import re

from flask_babel import format_date
from flask_babel import gettext as _

from surveyapp.models.ideawall import IdeaWall
from surveyapp.privacy import mask_pii
from surveyapp.services import ideawall as service
from surveyapp.services.access import threshold_for
from surveyapp.services.report_youth import votes_phrase

SECTION_TITLE = "Ungdomsrådet mener"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")


def youth_council_section(wall: IdeaWall) -> list[dict]:
    """The statements chosen for the plan, common ground first, each with its vote counts.

    Each item: ``statement_id``, ``text`` (masked), ``prompt``, ``kind`` (``common_ground``
    or ``divisive``), and ``agree``, ``disagree``, ``passes`` as they were when chosen.
    """
    return [
        {
            "statement_id": choice.statement_id,
            "text": mask_pii(choice.statement.text),
            "prompt": choice.statement.prompt.text,
            "kind": choice.kind,
            "agree": choice.agree,
            "disagree": choice.disagree,
            "passes": choice.passes,
            "finding_id": choice.finding_id,
        }
        for choice in service.choices(wall)
    ]


def markdown_escape(text: str) -> str:
    """Text that Markdown shows literally: no links, emphasis, headings or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def counts_phrases(wall: IdeaWall, items: list[dict]) -> dict[int, str]:
    """Each item's vote counts as words by statement id, by the plan report's one rule."""
    threshold = threshold_for(wall.organisation)
    return {item["statement_id"]: votes_phrase(item, threshold) for item in items}


def section_markdown(wall: IdeaWall) -> str:
    """The section as Markdown: a heading, where it comes from, and the two lists."""
    items = youth_council_section(wall)
    votes = counts_phrases(wall, items)
    lines = [f"## {_(SECTION_TITLE)}", ""]
    lines.append(
        "*"
        + markdown_escape(
            _(
                "Fra idéveggen «%(title)s», %(date)s.",
                title=wall.title,
                date=format_date(wall.created_at, "d. MMMM y"),
            )
        )
        + "*"
    )
    for kind, heading in (
        ("common_ground", _("Dette er de enige om")),
        ("divisive", _("Her er de uenige")),
    ):
        chosen = [item for item in items if item["kind"] == kind]
        if chosen:
            lines += ["", f"### {heading}", ""]
            lines += [
                f"- «{markdown_escape(item['text'])}» ({votes[item['statement_id']]})"
                for item in chosen
            ]
    if not items:
        lines += ["", _("Ingen innlegg er valgt ut ennå.")]
    return "\n".join(lines) + "\n"
