"""Findings: the planner's statements, placed in the plan, with the themes and quotes behind."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Answer, Organisation, User
from surveyapp.models.analysis import AnalysisItem, AnalysisRun, AnalysisTheme, ThemeAssignment
from surveyapp.models.findings import (
    FINDING_SECTIONS,
    PREVENTION_LEVELS,
    TILTAK_STATUSES,
    Finding,
    FindingQuote,
)
from surveyapp.services.themes import stats as theme_stats

SECTION_LABELS = {
    "utfordringsbilde": _l("Utfordringsbilde"),
    "satsingsomrade": _l("Satsingsområder"),
    "mal": _l("Mål"),
    "strategi": _l("Strategier"),
    "tiltak": _l("Tiltak"),
}
STATUS_LABELS = {
    "planned": _l("Planlagt"),
    "in_progress": _l("I gang"),
    "done": _l("Gjennomført"),
    "stopped": _l("Avsluttet"),
}
LEVEL_LABELS = {
    "universell": _l("Universell (for alle)"),
    "selektiv": _l("Selektiv (for grupper med risiko)"),
    "indikert": _l("Indikert (for den enkelte)"),
}
#: the KORUS table columns (DOMAIN.md §5) and the Finding attribute behind each
KORUS_COLUMNS = (
    ("age_group", _l("Alder")),
    ("statement", _l("Tiltak")),
    ("responsible", _l("Ansvar")),
    ("organising", _l("Organisering")),
    ("collaboration", _l("Samarbeid")),
    ("implementation", _l("Implementeringsplan")),
    ("evaluation", _l("Evaluering")),
)
MAX_QUOTES = 5


@dataclass
class FindingData:
    statement: str
    plan_section: str
    details: str = ""
    prevention_level: str | None = None
    age_group: str = ""
    responsible: str = ""
    organising: str = ""
    collaboration: str = ""
    implementation: str = ""
    evaluation: str = ""
    status: str | None = None
    public: bool = True
    theme_ids: list[int] = field(default_factory=list)
    quote_ids: list[int] = field(default_factory=list)


def findings_of(organisation: Organisation, run_ids: set[int] | None = None) -> list[Finding]:
    """The organisation's findings in plan order; with ``run_ids`` only those runs' findings
    and the findings that belong to no run."""
    query = db.select(Finding).where(Finding.organisation_id == organisation.id)
    if run_ids is not None:
        query = query.where(Finding.run_id.in_(run_ids) | Finding.run_id.is_(None))
    found = list(db.session.scalars(query))
    return sorted(found, key=lambda f: (FINDING_SECTIONS.index(f.plan_section), f.position, f.id))


def _next_position(organisation_id: int, section: str) -> int:
    top = db.session.scalar(
        db.select(db.func.max(Finding.position)).where(
            Finding.organisation_id == organisation_id, Finding.plan_section == section
        )
    )
    return (top or 0) + 1


def create_finding(
    organisation: Organisation, data: FindingData, user: User | None, run: AnalysisRun | None = None
) -> Finding:
    if run is not None and run.organisation_id != organisation.id:
        raise InnspillError("Analysen hører ikke til din organisasjon.")
    finding = Finding(
        organisation=organisation,
        run=run,
        created_by=user,
        statement="",
        plan_section=data.plan_section,
    )
    _apply(finding, data)
    finding.position = _next_position(organisation.id, finding.plan_section)
    db.session.add(finding)
    db.session.flush()
    return finding


def update_finding(finding: Finding, data: FindingData) -> None:
    moved = data.plan_section != finding.plan_section
    _apply(finding, data)
    if moved:
        finding.position = _next_position(finding.organisation_id, finding.plan_section)
    db.session.flush()


def _clean(text: str | None, limit: int | None = None) -> str:
    text = (text or "").strip()
    if limit is not None and len(text) > limit:
        raise InnspillError(f"Teksten kan være på høyst {limit} tegn.")
    return text


def _apply(finding: Finding, data: FindingData) -> None:
    statement = " ".join(_clean(data.statement, 500).split())
    if not statement:
        raise InnspillError("Skriv funnet som en kort setning.")
    if data.plan_section not in FINDING_SECTIONS:
        raise InnspillError("Velg hvor i planen funnet hører hjemme.")
    if data.status and data.status not in TILTAK_STATUSES:
        raise InnspillError("Ukjent status.")
    if data.prevention_level and data.prevention_level not in PREVENTION_LEVELS:
        raise InnspillError("Ukjent forebyggingsnivå.")
    finding.statement, finding.plan_section = statement, data.plan_section
    finding.details = _clean(data.details, 5000)
    finding.prevention_level = data.prevention_level or None
    finding.age_group = _clean(data.age_group, 100)
    finding.responsible = _clean(data.responsible, 200)
    for name in ("organising", "collaboration", "implementation", "evaluation"):
        setattr(finding, name, _clean(getattr(data, name), 2000))
    finding.status = data.status or None
    finding.public = data.public
    finding.themes = _themes(finding, data.theme_ids)
    _set_quotes(finding, data.quote_ids)


def _themes(finding: Finding, theme_ids: list[int]) -> list[AnalysisTheme]:
    if not theme_ids:
        return []
    if finding.run is None:
        raise InnspillError("Tema kan bare kobles til et funn som hører til en analyse.")
    themes = [t for t in finding.run.themes if t.id in set(theme_ids) and t.active]
    if len(themes) != len(set(theme_ids)):
        raise InnspillError("Et av temaene finnes ikke lenger i analysen.")
    return themes


def _set_quotes(finding: Finding, answer_ids: list[int]) -> None:
    answer_ids = list(dict.fromkeys(answer_ids))
    if len(answer_ids) > MAX_QUOTES:
        raise InnspillError(f"Velg høyst {MAX_QUOTES} sitater.")
    allowed = {a for a, _ in candidate_quotes([t.id for t in finding.themes], limit=None)}
    if set(answer_ids) - allowed:
        raise InnspillError("Sitatene må være svar fra temaene funnet er koblet til.")
    keep = {q.answer_id: q for q in finding.quotes}
    finding.quotes = [
        keep.get(answer_id) or FindingQuote(answer_id=answer_id) for answer_id in answer_ids
    ]
    for position, quote in enumerate(finding.quotes, start=1):
        quote.position = position


def candidate_quotes(theme_ids: list[int], limit: int | None = 40) -> list[tuple[int, str]]:
    """``(answer id, masked text)`` of answers in the themes, surest first."""
    if not theme_ids:
        return []
    query = (
        db.select(Answer.id, Answer.text)
        .join(AnalysisItem, AnalysisItem.answer_id == Answer.id)
        .join(ThemeAssignment, ThemeAssignment.item_id == AnalysisItem.id)
        .where(ThemeAssignment.theme_id.in_(theme_ids), AnalysisItem.off_topic.is_(False))
        .group_by(Answer.id, Answer.text)
        .order_by(db.func.max(AnalysisItem.confidence).desc(), Answer.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return [(answer_id, text) for answer_id, text in db.session.execute(query)]


def quotes_of(finding: Finding, allowed: set[int]) -> list[str]:
    """The chosen quotes' masked texts, in order, of the answers in ``allowed``."""
    return [q.answer.text for q in finding.quotes if q.answer.text and q.answer_id in allowed]


def move(finding: Finding, direction: int) -> None:
    """Swap with the neighbour above (-1) or below (+1) in the same plan section."""
    siblings = [
        f for f in findings_of(finding.organisation) if f.plan_section == finding.plan_section
    ]
    index = siblings.index(finding)
    other = index + direction
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        sibling.position = position


def delete(finding: Finding) -> None:
    db.session.delete(finding)


def raised_by(
    finding: Finding,
    threshold: int,
    rows=None,
    dimensions: tuple[str, ...] = ("audience", "service"),
) -> list:
    """Who raised it: respondents in the linked themes, per group, after suppression."""
    if finding.run is None or not finding.themes:
        return []
    rows = rows if rows is not None else theme_stats.run_rows(finding.run)
    inside = set().union(*(theme_stats.theme_respondents(rows, t.id) for t in finding.themes))
    return [theme_stats.breakdown_of(rows, inside, d, threshold) for d in dimensions]


def csv_export(findings: list[Finding]) -> str:
    """Findings as CSV with the plan section, the KORUS columns and the status."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")

    def row(values: list) -> None:
        writer.writerow([_cell(v) for v in values])

    row(
        [
            "Plandel",
            "Nr",
            *[str(label) for _, label in KORUS_COLUMNS],
            "Nivå",
            "Status",
            "Tema",
            "Utdyping",
        ]
    )
    for f in findings:
        row(
            [
                str(SECTION_LABELS[f.plan_section]),
                f.position,
                *[getattr(f, name) for name, _ in KORUS_COLUMNS],
                f.prevention_level or "",
                str(STATUS_LABELS[f.status]) if f.status else "",
                ", ".join(t.label for t in f.themes),
                f.details,
            ]
        )
    return out.getvalue()


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet never runs as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
