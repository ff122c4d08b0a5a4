"""The plan report as plain data: method, findings by plan section, Likert tables, themes.

:func:`build_report` collects everything once; the Word, HTML and Markdown renderers in
:mod:`surveyapp.services.report.render` only lay it out. Every number here has passed
:mod:`surveyapp.privacy.suppression` (a hidden number is ``None``), and every quote is the
masked ``Answer.text`` of an answer whose theme has at least ``threshold`` respondents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Organisation, Round, utcnow
from surveyapp.models.analysis import AnalysisRun
from surveyapp.privacy import group_may_be_shown, suppress_counts
from surveyapp.services import findings as findings_service
from surveyapp.services.results import overview
from surveyapp.services.access import threshold_for
from surveyapp.services.analysis import engine as analysis_engine
from surveyapp.services.analysis.runs import free_text_questions
from surveyapp.services.findings import SECTION_LABELS, STATUS_LABELS
from surveyapp.services.questionnaires import definition_of
from surveyapp.services.report.youth import youth_council
from surveyapp.services.themes import history as theme_history
from surveyapp.services.themes import stats as theme_stats

MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)
AUDIENCES = {"staff": "ansatte", "youth": "ungdom", "parents": "foreldre", "open": "alle"}
MODE_TEXT = {
    "discover": "motoren fant temaene selv (uten kodebok)",
    "guided": "styrt av kodeboken «{codebook}»",
    "coding": "motoren lærte av svar en planlegger hadde kodet for hånd",
}
LIKERT_TYPES = ("likert", "likert_grid")
QUOTES_PER_THEME = 2


def nb_date(moment: datetime | None) -> str:
    """A date the Norwegian way, in Norwegian time: ``3. mars 2026``."""
    if moment is None:
        return "–"
    local = moment.astimezone(ZoneInfo("Europe/Oslo"))
    return f"{local.day}. {MONTHS[local.month - 1]} {local.year}"


@dataclass
class Count:
    """A suppressed number with its label: ``count`` None means hidden."""

    label: str
    count: int | None
    percent: float | None = None


@dataclass
class Table:
    title: str
    rows: list[Count]
    total: int | None = None
    note: str = ""


@dataclass
class FindingEntry:
    statement: str
    details: str
    level: str
    themes: list[str]
    quotes: list[str]
    raised: list[Table]
    korus: dict[str, str]
    status: str


@dataclass
class RunEntry:
    title: str
    method: str
    themes: list[dict[str, Any]]
    themes_table: Table


@dataclass
class Report:
    organisation: str
    generated: str
    threshold: int
    rounds: list[dict[str, Any]]
    round_counts: Table
    groups: list[Table]
    runs: list[RunEntry]
    sections: list[tuple[str, str, list[FindingEntry]]]
    likert: list[Table]
    youth: list[dict[str, Any]] = field(default_factory=list)

    @property
    def tiltak(self) -> list[FindingEntry]:
        return next((items for key, _label, items in self.sections if key == "tiltak"), [])


def _table(title: str, table: dict[str, Any], note: str = "") -> Table:
    """A table from :mod:`surveyapp.services.results.overview` (already suppressed)."""
    rows = [Count(r["label"], r["count"], r.get("percent")) for r in table["rows"]]
    return Table(title or table["title"], rows, table.get("total"), note)


def _counts(title: str, counts: dict, labels: dict, threshold: int) -> Table:
    """Suppress ``counts`` (keyed by id) and label the rows."""
    result = suppress_counts(counts, threshold)
    rows = [Count(labels[k], c.count, c.percent) for k, c in result.cells.items()]
    return Table(title, rows, result.total.count)


def default_runs(organisation: Organisation, rounds: list[Round]) -> list[AnalysisRun]:
    """Finished analyses of these rounds that have findings, else the newest one."""
    ids = {r.id for r in rounds}
    done = [
        run
        for run in db.session.scalars(
            db.select(AnalysisRun)
            .filter_by(organisation_id=organisation.id, status="done")
            .order_by(AnalysisRun.id.desc())
        )
        if ids & {r.id for r in run.rounds}
    ]
    with_findings = {f.run_id for f in findings_service.findings_of(organisation)}
    chosen = [run for run in done if run.id in with_findings]
    return chosen or done[:1]


def build_report(
    organisation: Organisation, rounds: list[Round], runs: list[AnalysisRun] | None = None
) -> Report:
    """Everything the report shows, for ``rounds`` and the analyses of them."""
    if not rounds:
        raise InnspillError("Velg minst én runde.")
    if any(r.organisation_id != organisation.id for r in rounds):
        raise InnspillError("Rundene må høre til din organisasjon.")
    threshold = threshold_for(organisation)
    runs = default_runs(organisation, rounds) if runs is None else runs
    views = {r.id: overview.build(r) for r in rounds}
    all_rows = [(run, theme_stats.run_rows(run)) for run in runs]
    rows_by_run = {run.id: rows for run, rows in all_rows}
    youth = youth_council(organisation, threshold)
    # a statement taken into the plan is listed once: under "Ungdomsrådet mener"
    from_wall = {item["finding_id"] for wall in youth for item in wall["items"]}
    chosen = [
        f
        for f in findings_service.findings_of(organisation, {run.id for run in runs})
        if f.id not in from_wall
    ]
    return Report(
        organisation=organisation.name,
        generated=nb_date(utcnow()),
        threshold=threshold,
        rounds=[_round_info(r) for r in rounds],
        round_counts=_counts(
            _("Svar per runde"),
            {r.id: views[r.id]["total"] for r in rounds},
            {r.id: r.title for r in rounds},
            threshold,
        ),
        groups=_groups(rounds, views, threshold),
        runs=[_run_entry(run, rows, threshold) for run, rows in all_rows],
        sections=[
            (
                key,
                str(label),
                [_finding(f, threshold, rows_by_run) for f in chosen if f.plan_section == key],
            )
            for key, label in SECTION_LABELS.items()
        ],
        likert=_likert(rounds, views),
        youth=youth,
    )


def _round_info(round_: Round) -> dict[str, Any]:
    definition = definition_of(round_.questionnaire_version)
    return {
        "title": round_.title,
        "questionnaire": definition.title.nb,
        "audience": AUDIENCES.get(round_.audience, round_.audience),
        "opens": nb_date(round_.opens_at),
        "closes": nb_date(round_.closes_at) if round_.closes_at else _("ikke stengt ennå"),
        "anonymous": round_.anonymous,
        "municipalities": ", ".join(m.name for m in round_.municipalities),
    }


def _groups(rounds: list[Round], views: dict, threshold: int) -> list[Table]:
    """Who answered: per round, each background breakdown the overview shows."""
    tables = []
    for round_ in rounds:
        for table in views[round_.id]["breakdowns"]:
            if any(r["count"] for r in table["rows"]):
                tables.append(_table(f"{round_.title}: {table['title']}", table))
    return tables


def _likert(rounds: list[Round], views: dict) -> list[Table]:
    """Each Likert question once, with one table per round that has answers to it.

    A question asked in several rounds gets its heading (``title``) on its first table
    only; the others carry just the round (``note``). A round without answers to the
    question (an import that lacked it) prints no empty table.
    """
    by_title: dict[str, list[Table]] = {}
    for round_ in rounds:
        for question in views[round_.id]["questions"]:
            if question["type"] not in LIKERT_TYPES:
                continue
            for table in question["tables"]:
                if not _answered(table):
                    continue
                title = table["title"]
                if question["type"] == "likert_grid":
                    title = f"{question['text']}: {title}"
                by_title.setdefault(title, []).append(_table(title, table, note=round_.title))
    for tables in by_title.values():
        for later in tables[1:]:
            later.title = ""
    return [table for tables in by_title.values() for table in tables]


def _answered(table: dict[str, Any]) -> bool:
    """Whether anyone answered: a count (or a hidden one) outside the "Ikke svart" row."""
    unanswered = _("Ikke svart")
    return any(r["count"] != 0 for r in table["rows"] if r["label"] != unanswered)


def _method(run: AnalysisRun, rows: list, threshold: int) -> str:
    questions = {q.key: q.text for q in free_text_questions(run.rounds)}
    asked = "; ".join(f"«{questions.get(k, k)}»" for k in run.question_keys)
    codebook = run.codebook.name if run.codebook else analysis_engine_name(run.codebook_key)
    counts = theme_stats.counts_by_status(rows)
    n_text = (
        str(counts["answers"])
        if group_may_be_shown(counts["answers"], threshold)
        else _("færre enn %(t)d", t=threshold)
    )
    decisions = theme_history.decision_count(run)
    text = _(
        "Fritekstsvarene på %(questions)s (%(n)s svar) ble sortert i tema av analysemotoren "
        "i Innspill: %(mode)s, med startverdi %(seed)d, slik at samme svar gir samme tema. "
        "En planlegger gikk deretter gjennom temaene og gjorde %(decisions)d vurderinger "
        "(nye navn, sammenslåinger, delinger og flytting av enkeltsvar). ",
        questions=asked,
        n=n_text,
        mode=MODE_TEXT[run.mode].format(codebook=codebook),
        seed=run.random_state,
        decisions=decisions,
    )
    if run.updates:
        text += _(
            "Svar som kom inn etter analysen, ble plassert i de gjennomgåtte temaene "
            "uten å endre vurderingene. "
        )
    text += _("Analysen ble sist kjørt %(date)s.", date=nb_date(run.finished_at))
    return text


def analysis_engine_name(key: str | None) -> str:
    if not key:
        return ""
    return analysis_engine.builtin_codebooks().get(key, key)


def _run_entry(run: AnalysisRun, rows: list, threshold: int) -> RunEntry:
    summaries = theme_stats.summaries(run, rows, threshold)
    quotable = theme_stats.quotable_answers(rows, threshold)
    accepted = [s for s in summaries if s.theme.accepted]
    # themes of fewer people than the threshold count together, never one by one
    counts: dict[int, int] = {s.theme.id: s.answers for s in accepted if not s.small}
    counts[0] = sum(1 for r in rows if r.off_topic)
    labels = {s.theme.id: s.theme.label for s in accepted}
    labels[0] = _("Utenfor tema eller ikke svar")
    pending = sum(s.answers for s in summaries if not s.theme.accepted)
    if pending:
        counts[-1], labels[-1] = pending, _("I foreslåtte tema som ikke er godtatt")
    few = sum(s.answers for s in accepted if s.small)
    if few:
        counts[-2] = few
        labels[-2] = _("Tema med svar fra under %(n)s personer", n=threshold)
    table = _counts(_("Svar per tema"), counts, labels, threshold)
    shown = dict(zip(counts, table.rows))
    themes = [
        {
            "label": s.theme.label,
            "keywords": s.theme.keywords,
            "answers": Count(s.theme.label, None, None) if s.small else shown[s.theme.id],
            "quotes": [text for id_, text in s.quotes if id_ in quotable][:QUOTES_PER_THEME],
            "other": s.theme.is_other,
        }
        for s in accepted
    ]
    return RunEntry(run.title, _method(run, rows, threshold), themes, table)


def _finding(finding, threshold: int, rows_by_run: dict) -> FindingEntry:
    rows = rows_by_run.get(finding.run_id)
    raised = findings_service.raised_by(finding, threshold, rows=rows) if rows else []
    return FindingEntry(
        statement=finding.statement,
        details=finding.details,
        level=findings_service.LEVEL_LABELS[finding.prevention_level]
        if finding.prevention_level
        else "",
        themes=[t.label for t in finding.themes],
        quotes=findings_service.quotes_of(
            finding, theme_stats.quotable_answers(rows, threshold) if rows else set()
        ),
        raised=[
            Table(
                b.label, [Count(g.label, g.count.count, g.share) for g in b.groups], b.total.count
            )
            for b in raised
            if b.groups
        ],
        korus={
            name: str(getattr(finding, name)) for name, _label in findings_service.KORUS_COLUMNS
        },
        status=str(STATUS_LABELS[finding.status]) if finding.status else "",
    )
