"""Taking idea-wall statements into the plan, and the "Ungdomsrådet mener" section.

:func:`choose` makes a statement a finding and keeps its votes; :func:`youth_council_section`
gives the plain data the plan report renders (the counts as stored; the report suppresses
them); :func:`section_markdown` is the same section as Markdown for export, with the counts
suppressed exactly as in the report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from surveyapp.extensions import db
from surveyapp.models import User, utcnow
from surveyapp.models.findings import Finding
from surveyapp.models.ideawall import CHOICE_KINDS, IdeaChoice, IdeaStatement, IdeaWall
from surveyapp.privacy import mask_pii
from surveyapp.services import findings as findings_service
from surveyapp.services.access import threshold_for
from surveyapp.services.ideawall.errors import AlreadyChosen, IdeaWallError
from surveyapp.services.ideawall.votes import StatementCounts, statement_counts
from surveyapp.services.ideawall.walls import audit
from surveyapp.services.report.numbers import number, suppressed_votes

#: where a statement taken into the plan lands as a finding; the planner can move it
FINDING_SECTION = "utfordringsbilde"
#: the longest finding statement (``finding.statement`` is a VARCHAR(500))
FINDING_LENGTH = 500
SECTION_TITLE = "Ungdomsrådet mener"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")


# --- into the plan -------------------------------------------------------------------


def votes_phrase(counts: Mapping[str, int], threshold: int) -> str:
    """The votes as words, "20 enige, 0 uenige, 0 vet ikke", suppressed as in the report."""
    shown = {key: number(n) for key, n in suppressed_votes(counts, threshold).items()}
    return _("%(agree)s enige, %(disagree)s uenige, %(passes)s vet ikke", **shown)


def choose(statement: IdeaStatement, kind: str, user: User | None = None) -> Finding:
    """Take an approved statement into the plan in one step, and commit.

    Two rows keep its vote counts as they are now: an ``IdeaChoice`` for the report's
    "Ungdomsrådet mener", and a finding under "utfordringsbilde" that the planner edits,
    moves and exports like any other. A statement goes into the plan once: choosing it
    again raises AlreadyChosen and changes nothing, also when two clicks race (the unique
    constraint on ``idea_choice.statement_id`` decides, as it does for votes).
    """
    if kind not in CHOICE_KINDS:
        raise IdeaWallError(f"unknown kind {kind!r}")
    if statement.status != "approved":
        raise IdeaWallError(_l("Bare godkjente innlegg kan tas med i planen."))
    if statement.choice is not None:
        raise AlreadyChosen(_l("Innlegget er allerede et funn."))
    wall = statement.wall
    counts = statement_counts(wall).get(statement.id, StatementCounts())
    data = findings_service.FindingData(
        statement=_finding_statement(statement.text),
        plan_section=FINDING_SECTION,
        details=_finding_details(wall, kind, counts),
    )
    choice = IdeaChoice(
        wall_id=wall.id,
        statement_id=statement.id,
        kind=kind,
        agree=counts.agree,
        disagree=counts.disagree,
        passes=counts.passes,
        chosen_by_id=user.id if user is not None else None,
        chosen_at=utcnow(),
    )
    try:
        db.session.add(choice)
        finding = findings_service.create_finding(wall.organisation, data, user)
        audit(
            user, wall, "ideawall.choice.add", statement=statement.id, kind=kind, finding=finding.id
        )
        db.session.commit()
    except IntegrityError as e:
        db.session.rollback()
        raise AlreadyChosen(_l("Innlegget er allerede et funn.")) from e
    return finding


def _finding_statement(text: str) -> str:
    """The statement's stored (masked) text, shortened to fit a finding if it must."""
    text = " ".join(text.split())
    return text if len(text) <= FINDING_LENGTH else text[: FINDING_LENGTH - 1].rstrip() + "…"


def _finding_details(wall: IdeaWall, kind: str, counts: StatementCounts) -> str:
    """What the finding rests on: the wall, the kind of statement and its (suppressed) votes."""
    votes = votes_phrase(asdict(counts), threshold_for(wall.organisation))
    if kind == "common_ground":
        sentence = _("Ungdomsrådet er enige om dette (%(votes)s).", votes=votes)
    else:
        sentence = _("Ungdomsrådet er delt i synet på dette (%(votes)s).", votes=votes)
    source = _(
        "Fra idéveggen «%(title)s», %(date)s.",
        title=wall.title,
        date=format_date(wall.created_at, "d. MMMM y"),
    )
    return f"{sentence} {source}"


def unchoose(statement: IdeaStatement, user: User | None = None) -> None:
    """Take the statement out of "Ungdomsrådet mener"; the finding it became stays."""
    if statement.choice is not None:
        db.session.delete(statement.choice)
        audit(user, statement.wall, "ideawall.choice.remove", statement=statement.id)


def choices(wall: IdeaWall) -> list[IdeaChoice]:
    """What was chosen for the plan: common ground first, then by agreement."""
    items = db.session.scalars(
        db.select(IdeaChoice).filter_by(wall_id=wall.id).options(joinedload(IdeaChoice.statement))
    ).all()
    order = {kind: i for i, kind in enumerate(CHOICE_KINDS)}
    return sorted(items, key=lambda c: (order[c.kind], -c.agree, c.disagree, c.statement_id))


# --- the section in the plan report ---------------------------------------------------


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
        }
        for choice in choices(wall)
    ]


def markdown_escape(text: str) -> str:
    """Text that Markdown shows literally: no links, emphasis, headings or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def counts_phrases(wall: IdeaWall, items: list[dict]) -> dict[int, str]:
    """Each item's vote counts as words by statement id, suppressed as in the plan report."""
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
