"""The overview of a round, as plain data in which every number has passed suppression.

:func:`summarise` is pure: it takes response rows and returns a JSON-ready dict of tables.
Each table goes through :func:`suppressed_table` (or :func:`multi_choice_table`), the one
adapter onto :mod:`surveyapp.privacy.suppression`; pages, the API and the retention
snapshot all show this dict and nothing else. Means are never shown: with hidden cells
a mean would let a reader solve for them. The rows are those of the round's last
published snapshot (:mod:`surveyapp.services.results.snapshots`), so the numbers move in steps
of at least the threshold, never one answer at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from flask_babel import gettext as _

from surveyapp.definitions import Question, QuestionnaireDefinition
from surveyapp.extensions import db
from surveyapp.models import Answer, Draft, Municipality, Response, Round, RoundSummary
from surveyapp.privacy import group_may_be_shown, suppress_counts
from surveyapp.services.results import snapshots
from surveyapp.services.access import threshold_for
from surveyapp.services.questionnaires import definition_of

#: background breakdowns, in the order the overview shows them
BREAKDOWNS = ("municipality", "service", "role", "age_group")
LIKERT_VALUES = (1, 2, 3, 4, 5, "vet_ikke")
#: above this many days the timeline counts per week instead of per day
DAILY_LIMIT = 31


@dataclass(frozen=True)
class Row:
    """One response as the overview needs it: background, date and answers, never text."""

    background: Mapping[str, str | None]
    submitted_on: date
    #: question key -> stored value; free-text questions map to True when answered
    values: Mapping[str, Any] = field(default_factory=dict)


def breakdown_titles() -> dict[str, str]:
    return {
        "municipality": _("Kommune"),
        "service": _("Tjeneste"),
        "role": _("Rolle"),
        "age_group": _("Aldersgruppe"),
    }


def not_given() -> str:
    return _("Ikke oppgitt")


def suppressed_table(
    title: str, counts: Mapping[str, int], threshold: int, **extra: Any
) -> dict[str, Any]:
    """A one-way table after suppression, as plain data (hidden numbers are None)."""
    result = suppress_counts(dict(counts), threshold)
    rows = [
        {"label": str(label), "count": cell.count, "percent": cell.percent}
        for label, cell in result.cells.items()
    ]
    return {
        "title": title,
        "kind": "counts",
        "rows": rows,
        "total": result.total.count,
        "any_hidden": any(r["count"] is None for r in rows) or result.total.hidden,
        **extra,
    }


def multi_choice_table(
    title: str, chosen: Mapping[str, int], respondents: int, threshold: int, **extra: Any
) -> dict[str, Any]:
    """Each option suppressed on its own as ``{valgt, ikke valgt}`` (options overlap);
    where any option is hidden, options nobody chose are hidden too (zeros are cells)."""
    rows = []
    for label, k in chosen.items():
        cell = suppress_counts({"valgt": k, "ikke valgt": respondents - k}, threshold).cells[
            "valgt"
        ]
        rows.append({"label": str(label), "count": cell.count, "percent": cell.percent})
    if any(r["count"] is None for r in rows):
        rows = [{**r, "count": None, "percent": None} if r["count"] == 0 else r for r in rows]
    shown_total = respondents if group_may_be_shown(respondents, threshold) else None
    return {
        "title": title,
        "kind": "multi",
        "rows": rows,
        "total": shown_total,
        "any_hidden": any(r["count"] is None for r in rows) or shown_total is None,
        **extra,
    }


def _categories(known: Iterable[str], found: Iterable[str | None]) -> list[str]:
    order = list(dict.fromkeys(known))
    order += sorted({v for v in found if v is not None and v not in order})
    return order


def background_counts(rows: list[Row], kind: str, known: Iterable[str] = ()) -> dict[str, int]:
    """Responses per group of one background kind, "Ikke oppgitt" last (sums to the total)."""
    counter = Counter(row.background.get(kind) for row in rows)
    counts = {label: counter.get(label, 0) for label in _categories(known, counter)}
    if counter.get(None):
        counts[not_given()] = counter[None]
    return counts


def _known_groups(definition: QuestionnaireDefinition, municipalities: list[str]) -> dict:
    known: dict[str, list[str]] = {"municipality": list(municipalities)}
    for question in definition.questions():
        if question.background and question.background != "municipality":
            known.setdefault(question.background, []).extend(question.option_values())
    return known


def breakdowns(
    definition: QuestionnaireDefinition, rows: list[Row], threshold: int, municipalities: list[str]
) -> list[dict[str, Any]]:
    """Responses per municipality, service, role and age group (those the round has)."""
    known = _known_groups(definition, municipalities)
    titles = breakdown_titles()
    tables = []
    for kind in BREAKDOWNS:
        if kind not in known or (kind == "municipality" and len(municipalities) < 2):
            continue
        counts = background_counts(rows, kind, known[kind])
        tables.append(suppressed_table(titles[kind], counts, threshold, key=kind))
    return tables


def _likert_label(value: Any, question: Question, lang: str) -> str:
    scale = question.scale
    if value == "vet_ikke":
        return _("Vet ikke")
    if value == 1 and scale:
        return f"1 – {scale.low.get(lang)}"
    if value == 5 and scale:
        return f"5 – {scale.high.get(lang)}"
    return str(value)


def _value_counts(values: list[Any], labels: dict[Any, str], total: int) -> dict[str, int]:
    counter = Counter(v for v in values if v is not None)
    counts = {label: counter.get(value, 0) for value, label in labels.items()}
    for value in sorted((v for v in counter if v not in labels), key=str):
        counts[str(value)] = counter[value]
    counts[_("Ikke svart")] = total - sum(counter.values())
    return counts


def _option_labels(question: Question, municipalities: list[str], lang: str) -> dict[Any, str]:
    if question.options_from == "municipalities":
        return {m: m for m in municipalities}
    return {o.value: o.label.get(lang) for o in question.options or []}


def question_tables(
    question: Question, rows: list[Row], threshold: int, municipalities: list[str], lang: str
) -> list[dict[str, Any]]:
    """The tables of one question: one for most types, one per item for a Likert grid."""
    n = len(rows)
    answers = [row.values.get(question.key) for row in rows]
    title = question.text.get(lang)
    if question.type == "single_choice":
        labels = _option_labels(question, municipalities, lang)
        return [suppressed_table(title, _value_counts(answers, labels, n), threshold)]
    if question.type == "likert":
        labels = {v: _likert_label(v, question, lang) for v in LIKERT_VALUES}
        if question.scale and not question.scale.dont_know:
            labels.pop("vet_ikke")
        return [suppressed_table(title, _value_counts(answers, labels, n), threshold)]
    if question.type == "likert_grid":
        labels = {v: _likert_label(v, question, lang) for v in LIKERT_VALUES}
        return [
            suppressed_table(
                item.text.get(lang),
                _value_counts(
                    [a.get(item.key) if isinstance(a, dict) else None for a in answers], labels, n
                ),
                threshold,
            )
            for item in question.items or []
        ]
    if question.type == "multiple_choice":
        labels = _option_labels(question, municipalities, lang)
        chosen = Counter(v for a in answers if isinstance(a, list) for v in a)
        counts = {label: chosen.get(value, 0) for value, label in labels.items()}
        return [multi_choice_table(title, counts, n, threshold)]
    answered = sum(1 for a in answers if a not in (None, "", [], {}))
    counts = {_("Svarte"): answered, _("Svarte ikke"): n - answered}
    return [suppressed_table(title, counts, threshold)]


def timeline(rows: list[Row], threshold: int) -> dict[str, Any] | None:
    """Responses per day (per week for long rounds), with empty days shown as zero."""
    if not rows:
        return None
    days = Counter(row.submitted_on for row in rows)
    first, last = min(days), max(days)
    if (last - first).days < DAILY_LIMIT:
        span = ((first + timedelta(days=i)) for i in range((last - first).days + 1))
        counts = {d.strftime("%d.%m."): days.get(d, 0) for d in span}
    else:
        weeks: Counter[str] = Counter()
        for day, count in days.items():
            year, week, _weekday = day.isocalendar()
            weeks[f"{year}-{week:02d}"] += count
        counts = {_("Uke %(week)s", week=int(k[5:])): weeks[k] for k in sorted(weeks)}
    return suppressed_table(_("Svar over tid"), counts, threshold, key="timeline")


def completion_table(submitted: int, drafts: int, threshold: int) -> dict[str, Any]:
    """Sent in vs started but not sent, with no sum that gives a hidden cell away.

    The number sent in is shown on its own above the table (the round as a whole is not
    a group), so it is a published margin that :func:`suppress_counts` does not know
    about: with 20 sent and 2 started, a total of 22 beside the header's 20 gives the
    hidden 2. So when any cell is hidden, the total and the shares (which would give
    the total back) are dropped too.
    """
    table = suppressed_table(
        _("Gjennomføring"),
        {_("Sendt inn"): submitted, _("Påbegynt, ikke sendt"): drafts},
        threshold,
        key="completion",
    )
    if any(row["count"] is None for row in table["rows"]):
        table["total"] = None
        table["rows"] = [{**row, "percent": None} for row in table["rows"]]
    return table


def summarise(
    definition: QuestionnaireDefinition,
    rows: list[Row],
    threshold: int,
    *,
    municipalities: list[str],
    drafts: int = 0,
    lang: str = "nb",
) -> dict[str, Any]:
    """The whole overview of a round as JSON-ready data."""
    questions = []
    for question in definition.questions():
        if question.background:
            continue  # shown once, under "Hvem har svart", from the same counts
        tables = question_tables(question, rows, threshold, municipalities, lang)
        questions.append(
            {
                "key": question.key,
                "type": question.type,
                "text": question.text.get(lang),
                "tables": tables,
            }
        )
    completion = completion_table(len(rows), drafts, threshold)
    return {
        "threshold": threshold,
        "total": len(rows),
        "texts_shown": group_may_be_shown(len(rows), threshold),
        "breakdowns": breakdowns(definition, rows, threshold, municipalities),
        "timeline": timeline(rows, threshold),
        "completion": completion,
        "questions": questions,
    }


def load_rows(round_: Round) -> list[Row]:
    """The round's published responses as rows, in two queries whatever their number."""
    head = db.session.execute(
        db.select(
            Response.id,
            Response.service,
            Response.role,
            Response.age_group,
            Municipality.name,
            Response.submitted_on,
        )
        .outerjoin(Municipality, Response.municipality_id == Municipality.id)
        .where(Response.round_id == round_.id, snapshots.is_published())
        .order_by(Response.id)
    ).all()
    values: dict[int, dict[str, Any]] = {r[0]: {} for r in head}
    answers = db.session.execute(
        db.select(Answer.response_id, Answer.question_key, Answer.value, Answer.text.is_not(None))
        .join(Response, Answer.response_id == Response.id)
        .where(Response.round_id == round_.id, snapshots.is_published())
    )
    for response_id, key, value, has_text in answers:
        values[response_id][key] = True if has_text else value
    return [
        Row(
            background={"service": service, "role": role, "age_group": age, "municipality": muni},
            submitted_on=submitted_on,
            values=values[rid],
        )
        for rid, service, role, age, muni, submitted_on in head
    ]


def draft_count(round_: Round) -> int:
    return (
        db.session.scalar(db.select(db.func.count(Draft.id)).where(Draft.round_id == round_.id))
        or 0
    )


def stored_summary(round_: Round) -> RoundSummary | None:
    """What was kept when the round's raw answers were deleted, if they were."""
    return db.session.scalar(db.select(RoundSummary).filter_by(round_id=round_.id))


def build(round_: Round, lang: str = "nb") -> dict[str, Any]:
    """The overview of ``round_`` from its last published snapshot (publishing a new one
    when due, so the caller commits), or the stored one after deletion."""
    kept = stored_summary(round_)
    if kept is not None:
        return kept.data
    published = snapshots.refresh(round_)
    data = summarise(
        definition_of(round_.questionnaire_version),
        load_rows(round_),
        threshold_for(round_.organisation),
        municipalities=[m.name for m in round_.municipalities],
        drafts=draft_count(round_),
        lang=lang,
    )
    data["snapshot"] = published.as_dict()
    return data
