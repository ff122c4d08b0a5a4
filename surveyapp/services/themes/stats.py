"""Counts behind the themes: sizes, quotes and breakdowns by respondent group.

Every number about a respondent group goes through :mod:`surveyapp.privacy.suppression`:
a breakdown of one theme is the cross table "in the theme / not in the theme" × group, with
respondents (not answers) as the unit, so a group smaller than the threshold shows nothing
and no hidden cell can be worked out from the totals.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from surveyapp.extensions import db
from surveyapp.models import Answer, Municipality, Response, Round
from surveyapp.models.analysis import AnalysisItem, AnalysisRun, AnalysisTheme, ThemeAssignment
from surveyapp.privacy import Cell, group_may_be_shown, suppress_counts, suppress_crosstab

#: the respondent groups a theme can be broken down by
DIMENSIONS = {
    "audience": _l("Ansatte, ungdom og andre"),
    "service": _l("Tjeneste"),
    "role": _l("Rolle"),
    "municipality": _l("Kommune"),
    "age_group": _l("Aldersgruppe"),
}
AUDIENCE_LABELS = {
    "staff": _l("Ansatte"),
    "youth": _l("Ungdom"),
    "parents": _l("Foreldre"),
    "other": _l("Andre"),
}
#: role answers of the open workshop round that tell who someone is
ROLE_AUDIENCE = {"Ansatt": "staff", "Leder": "staff", "Ungdom": "youth", "Forelder": "parents"}
NOT_GIVEN = "Ikke oppgitt"
IN, OUT = "in", "out"


@dataclass
class Row:
    """One analysed answer with its respondent's groups and its themes."""

    item_id: int
    answer_id: int
    response_id: int
    round_id: int
    groups: dict[str, str]
    off_topic: bool
    nonanswer: bool
    reviewed: bool
    confidence: float | None
    uncertain_rank: int | None
    primary: int | None = None
    themes: set[int] = field(default_factory=set)


def audience_of(round_audience: str, role: str | None) -> str:
    """Staff, youth, parents or other: from the round, or from the role in open rounds."""
    if round_audience in ("staff", "youth", "parents"):
        return round_audience
    return ROLE_AUDIENCE.get(role or "", "other")


def run_rows(run: AnalysisRun) -> list[Row]:
    """Every item of ``run`` with groups and themes, in two column-only queries."""
    query = (
        db.select(
            AnalysisItem.id,
            AnalysisItem.answer_id,
            AnalysisItem.off_topic,
            AnalysisItem.nonanswer,
            AnalysisItem.reviewed,
            AnalysisItem.confidence,
            AnalysisItem.uncertain_rank,
            Response.id,
            Response.round_id,
            Response.service,
            Response.role,
            Response.age_group,
            Round.audience,
            Municipality.name,
        )
        .join(Answer, AnalysisItem.answer_id == Answer.id)
        .join(Response, Answer.response_id == Response.id)
        .join(Round, Response.round_id == Round.id)
        .outerjoin(Municipality, Response.municipality_id == Municipality.id)
        .where(AnalysisItem.run_id == run.id)
        .order_by(AnalysisItem.id)
    )
    rows: dict[int, Row] = {}
    for (
        item_id,
        answer_id,
        off_topic,
        nonanswer,
        reviewed,
        confidence,
        rank,
        response_id,
        round_id,
        service,
        role,
        age_group,
        audience,
        municipality,
    ) in db.session.execute(query):
        rows[item_id] = Row(
            item_id=item_id,
            answer_id=answer_id,
            response_id=response_id,
            round_id=round_id,
            groups={
                "audience": audience_of(audience, role),
                "service": service or NOT_GIVEN,
                "role": role or NOT_GIVEN,
                "municipality": municipality or NOT_GIVEN,
                "age_group": age_group or NOT_GIVEN,
            },
            off_topic=off_topic,
            nonanswer=nonanswer,
            reviewed=reviewed,
            confidence=confidence,
            uncertain_rank=rank,
        )
    assignments = db.session.execute(
        db.select(ThemeAssignment.item_id, ThemeAssignment.theme_id, ThemeAssignment.primary)
        .join(AnalysisItem, ThemeAssignment.item_id == AnalysisItem.id)
        .where(AnalysisItem.run_id == run.id)
    )
    for item_id, theme_id, primary in assignments:
        row = rows[item_id]
        row.themes.add(theme_id)
        if primary:
            row.primary = theme_id
    return list(rows.values())


def group_label(dimension: str, value: str) -> str:
    if dimension == "audience":
        return str(AUDIENCE_LABELS.get(value, value))
    return value


def group_sizes(rows: list[Row], dimension: str) -> Counter:
    """Respondents per group of ``dimension`` (each respondent once)."""
    seen = {row.response_id: row.groups[dimension] for row in rows}
    return Counter(seen.values())


@dataclass(frozen=True)
class GroupCount:
    value: str
    label: str
    #: respondents in the group who raised the theme
    count: Cell
    #: respondents in the group
    size: Cell

    @property
    def share(self) -> float | None:
        """Share of the group that raised the theme, when both numbers may be shown."""
        if self.count.hidden or self.size.hidden or not self.size.count:
            return None
        return 100 * self.count.count / self.size.count


@dataclass(frozen=True)
class Breakdown:
    dimension: str
    label: str
    groups: list[GroupCount]
    total: Cell

    @property
    def any_hidden(self) -> bool:
        return any(g.count.hidden for g in self.groups)

    @property
    def informative(self) -> bool:
        """False when nobody answered this background question (one "Ikke oppgitt" group)."""
        return bool(self.groups) and [g.value for g in self.groups] != [NOT_GIVEN]


def theme_respondents(rows: list[Row], theme_id: int) -> set[int]:
    return {row.response_id for row in rows if theme_id in row.themes and not row.off_topic}


def breakdown(rows: list[Row], theme_id: int, dimension: str, threshold: int) -> Breakdown:
    """Respondents raising the theme per group of ``dimension``, after suppression."""
    return breakdown_of(rows, theme_respondents(rows, theme_id), dimension, threshold)


def breakdown_of(rows: list[Row], inside: set[int], dimension: str, threshold: int) -> Breakdown:
    """Respondents (ids in ``inside``) per group of ``dimension``, after suppression."""
    sizes = group_sizes(rows, dimension)
    counts = Counter(
        groups[dimension]
        for rid, groups in {r.response_id: r.groups for r in rows}.items()
        if rid in inside
    )
    values = sorted(sizes, key=lambda v: (v == NOT_GIVEN, -sizes[v], v))
    table = {}
    for value in values:
        table[(IN, value)] = counts.get(value, 0)
        table[(OUT, value)] = sizes[value] - counts.get(value, 0)
    if not table:
        return Breakdown(dimension, str(DIMENSIONS[dimension]), [], Cell(0))
    result = suppress_crosstab(table, threshold)
    groups = [
        GroupCount(
            value,
            group_label(dimension, value),
            result.cells[(IN, value)],
            result.column_totals[value],
        )
        for value in values
    ]
    return Breakdown(dimension, str(DIMENSIONS[dimension]), groups, result.row_totals[IN])


@dataclass
class ThemeSummary:
    theme: AnalysisTheme
    answers: int
    second: int
    respondents: int
    quotes: list[tuple[int, str]]
    breakdown: Breakdown | None = None


def answer_texts(answer_ids: list[int]) -> dict[int, str]:
    """Masked texts by answer id (``Answer.text`` only, never the original)."""
    if not answer_ids:
        return {}
    query = db.select(Answer.id, Answer.text).where(Answer.id.in_(answer_ids))
    return dict(db.session.execute(query).all())


def quote_ids(theme: AnalysisTheme, rows: list[Row], n: int = 3) -> list[int]:
    """The engine's representative answers still in the theme, topped up by confidence."""
    members = [r for r in rows if r.primary == theme.id and not r.off_topic]
    in_theme = {r.answer_id for r in members}
    chosen = [a for a in theme.representative_ids if a in in_theme][:n]
    for row in sorted(members, key=lambda r: -(r.confidence or 0)):
        if len(chosen) >= n:
            break
        if row.answer_id not in chosen:
            chosen.append(row.answer_id)
    return chosen


def quotable_answers(rows: list[Row], threshold: int) -> set[int]:
    """Answers that may be quoted outside the workspace: their main theme has at least
    ``threshold`` respondents, so a quote never speaks for a group smaller than that."""
    respondents: dict[int, set[int]] = {}
    for row in rows:
        if row.primary is not None and not row.off_topic:
            respondents.setdefault(row.primary, set()).add(row.response_id)
    return {
        row.answer_id
        for row in rows
        if row.primary is not None
        and not row.off_topic
        and group_may_be_shown(len(respondents[row.primary]), threshold)
    }


def active_themes(run: AnalysisRun) -> list[AnalysisTheme]:
    """Themes not merged away, in order, "Annet" last."""
    return sorted((t for t in run.themes if t.active), key=lambda t: (t.is_other, t.position, t.id))


def summaries(
    run: AnalysisRun, rows: list[Row], threshold: int, dimension: str | None = None
) -> list[ThemeSummary]:
    """One summary per active theme with sizes, three quotes and an optional breakdown."""
    themes = active_themes(run)
    picks = {t.id: quote_ids(t, rows) for t in themes}
    texts = answer_texts([a for ids in picks.values() for a in ids])
    result = []
    for theme in themes:
        members = [r for r in rows if theme.id in r.themes and not r.off_topic]
        result.append(
            ThemeSummary(
                theme=theme,
                answers=sum(1 for r in members if r.primary == theme.id),
                second=sum(1 for r in members if r.primary != theme.id),
                respondents=len({r.response_id for r in members}),
                quotes=[(a, texts[a]) for a in picks[theme.id] if a in texts],
                breakdown=breakdown(rows, theme.id, dimension, threshold) if dimension else None,
            )
        )
    return result


def theme_items(run: AnalysisRun, theme: AnalysisTheme) -> list[tuple[AnalysisItem, str, bool]]:
    """``(item, masked text, is main theme)`` for every answer in ``theme``."""
    query = (
        db.select(AnalysisItem, Answer.text, ThemeAssignment.primary)
        .join(ThemeAssignment, ThemeAssignment.item_id == AnalysisItem.id)
        .join(Answer, AnalysisItem.answer_id == Answer.id)
        .where(ThemeAssignment.theme_id == theme.id, AnalysisItem.run_id == run.id)
        .order_by(ThemeAssignment.primary.desc(), AnalysisItem.confidence.desc(), AnalysisItem.id)
    )
    return [(item, text, primary) for item, text, primary in db.session.execute(query)]


def counts_by_status(rows: list[Row]) -> dict[str, int]:
    """How many answers, reviewed, off-topic and non-answers the run holds."""
    return {
        "answers": len(rows),
        "respondents": len({r.response_id for r in rows}),
        "reviewed": sum(r.reviewed for r in rows),
        "off_topic": sum(r.off_topic and not r.nonanswer for r in rows),
        "nonanswers": sum(r.nonanswer for r in rows),
        "uncertain": sum(r.uncertain_rank is not None and not r.reviewed for r in rows),
    }


def kept_themes(round_: Round, threshold: int) -> list[dict]:
    """Per finished analysis of ``round_``: its themes with suppressed respondent counts.

    Stored when the raw answers are deleted, so the themes behind the plan stay on record.
    Holds labels, keywords and numbers that passed suppression, never answer text.
    """
    runs = db.session.scalars(
        db.select(AnalysisRun)
        .where(AnalysisRun.rounds.any(Round.id == round_.id), AnalysisRun.status == "done")
        .order_by(AnalysisRun.id)
    )
    kept = []
    for run in runs:
        rows = run_rows(run)
        themes = active_themes(run)
        counts = {t.id: len(theme_respondents(rows, t.id)) for t in themes}
        shown = suppress_counts(counts, threshold) if counts else None
        kept.append(
            {
                "title": run.title,
                "themes": [
                    {
                        "label": t.label,
                        "keywords": list(t.keywords or [])[:5],
                        "respondents": shown.count(t.id) if shown else None,
                    }
                    for t in themes
                ],
            }
        )
    return kept
