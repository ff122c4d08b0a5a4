"""Importing answers from a Microsoft Forms, Nettskjema or Questback export into a new round.

Three steps: :func:`read_table` reads the CSV/XLSX file, :func:`suggest_mapping` pairs
its columns with questions by header similarity, :func:`plan_import` converts every
cell and lists what did not fit. :func:`run_import` then adds the round and all its
responses to the session without committing: the caller commits once, so an import
stores every row or none.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from difflib import SequenceMatcher
from typing import Any

from flask_babel import gettext as _

from surveyapp.definitions import Question, QuestionnaireDefinition
from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Organisation, QuestionnaireVersion, Round, User, utcnow
from surveyapp.privacy import mask_pii
from surveyapp.services.imports.files import (  # noqa: F401  (re-export)
    MAX_ROWS,
    SourceTable,
    read_table,
)
from surveyapp.services.imports.values import convert, local_date, normalise, parse_timestamp
from surveyapp.services.responses import Respondent, new_response
from surveyapp.services.rounds import RoundSettings, create_round

TIMESTAMP = "_tidspunkt"
RESPONDENT = "_respondent"
IGNORE = ""
#: how well a header must match a question text to be suggested (0–1)
MATCH_LIMIT = 0.6
#: headers that hold the time of answering, best first (normalised)
TIMESTAMP_HEADERS = {
    "fullføringstidspunkt": 5,
    "completion time": 5,
    "innsendt": 5,
    "sendt inn": 5,
    "submitted": 5,
    "innsendingstidspunkt": 5,
    "completion date": 5,
    "svartidspunkt": 5,
    "created": 4,
    "timestamp": 4,
    "tidsmerke": 4,
    "tidspunkt": 3,
    "dato": 2,
    "date": 2,
    "starttidspunkt": 1,
    "start time": 1,
}
RESPONDENT_HEADERS = {"e-post", "epost", "email", "e-mail", "navn", "name", "respondent"}


class ImportFailed(InnspillError):
    """The file cannot be imported at all; ``problems`` says why, in Norwegian."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems))


@dataclass(frozen=True)
class Problem:
    """A row or value that did not fit. ``row`` counts as in a spreadsheet (header = 1)."""

    row: int | None
    column: str | None
    message: str


@dataclass
class ImportPlan:
    values: list[dict[str, Any]] = field(default_factory=list)
    moments: list[datetime | None] = field(default_factory=list)
    respondents: list[str | None] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0
    #: answers per question key, for the preview
    answered: dict[str, int] = field(default_factory=dict)


def targets(definition: QuestionnaireDefinition, anonymous: bool) -> list[tuple[str, str]]:
    """What a column can be imported as: a question (or grid item), the time, or nothing."""
    choices = [(IGNORE, _("Ikke importer")), (TIMESTAMP, _("Tidspunkt for svaret"))]
    if not anonymous:
        choices.append((RESPONDENT, _("Navn eller e-post")))
    for question in definition.questions():
        if question.type == "likert_grid":
            choices += [
                (f"{question.key}.{item.key}", f"{question.text.nb} – {item.text.nb}")
                for item in question.items or []
            ]
        else:
            choices.append((question.key, question.text.nb))
    return choices


def _texts(definition: QuestionnaireDefinition) -> dict[str, list[str]]:
    texts: dict[str, list[str]] = {}
    for q in definition.questions():
        if q.type == "likert_grid":
            for item in q.items or []:
                texts[f"{q.key}.{item.key}"] = [f"{q.text.nb} {item.text.nb}", item.text.nb]
        else:
            texts[q.key] = [q.text.nb, q.text.nn or q.text.nb, q.key.replace("_", " ")]
    return texts


def _similarity(header: str, candidates: list[str]) -> float:
    h = normalise(header, header=True)
    return max(SequenceMatcher(None, h, normalise(c, header=True)).ratio() for c in candidates)


def suggest_mapping(
    headers: list[str], definition: QuestionnaireDefinition, anonymous: bool = True
) -> list[str]:
    """A target per column: best matching questions first, each question used once."""
    mapping = [IGNORE] * len(headers)
    ranked = [
        (TIMESTAMP_HEADERS.get(normalise(h, header=True), 0), i) for i, h in enumerate(headers)
    ]
    best_time = max(ranked, default=(0, 0))
    if best_time[0]:
        mapping[best_time[1]] = TIMESTAMP
    if not anonymous:
        for i, h in enumerate(headers):
            if normalise(h, header=True) in RESPONDENT_HEADERS and mapping[i] == IGNORE:
                mapping[i] = RESPONDENT
                break
    scores = [
        (_similarity(h, texts), i, key)
        for i, h in enumerate(headers)
        if mapping[i] == IGNORE
        for key, texts in _texts(definition).items()
    ]
    used: set[str] = set()
    for score, i, key in sorted(scores, key=lambda s: -s[0]):
        if score >= MATCH_LIMIT and mapping[i] == IGNORE and key not in used:
            mapping[i] = key
            used.add(key)
    return mapping


def _check_mapping(headers: list[str], mapping: list[str], anonymous: bool) -> None:
    problems = []
    seen: dict[str, str] = {}
    for header, target in zip(headers, mapping):
        if target == IGNORE:
            continue
        if target == RESPONDENT and anonymous:
            problems.append(
                _(
                    "Runden er anonym, så kolonnen «%(c)s» (navn eller e-post) kan ikke "
                    "importeres. Velg «Ikke importer» for den.",
                    c=header,
                )
            )
        if target in seen:
            problems.append(
                _(
                    "Kolonnene «%(a)s» og «%(b)s» er koblet til det samme. Velg bare én av dem.",
                    a=seen[target],
                    b=header,
                )
            )
        seen[target] = header
    if not any(t not in (IGNORE, TIMESTAMP, RESPONDENT) for t in mapping):
        problems.append(_("Ingen kolonner er koblet til et spørsmål."))
    if problems:
        raise ImportFailed(problems)


def _shown_value(value: Any) -> str:
    """A bad value as a report may quote it: short, and masked."""
    text = str(value).strip()
    return mask_pii(text[:40] + ("…" if len(text) > 40 else ""))


def _question_for(definition: QuestionnaireDefinition, target: str) -> tuple[Question, str | None]:
    key, _dot, item = target.partition(".")
    return definition.question(key), item or None


def plan_import(
    table: SourceTable,
    mapping: list[str],
    definition: QuestionnaireDefinition,
    municipalities: list[str],
    anonymous: bool,
) -> ImportPlan:
    """Convert every mapped cell; list each row or value that did not fit."""
    _check_mapping(table.headers, mapping, anonymous)
    plan = ImportPlan()
    now = utcnow()
    columns = [(i, t) for i, t in enumerate(mapping) if t != IGNORE]
    for number, cells in enumerate(table.rows, start=2):
        values: dict[str, Any] = {}
        moment = respondent = None
        filled = [(i, t) for i, t in columns if not _empty(cells[i])]
        if not filled:
            plan.skipped += 1
            plan.problems.append(Problem(number, None, _("Raden er tom og blir hoppet over.")))
            continue
        for i, target in filled:
            header, raw = table.headers[i], cells[i]
            if target == TIMESTAMP:
                moment, message = parse_timestamp(raw, now)
            elif target == RESPONDENT:
                respondent, message = str(raw).strip()[:254], None
            else:
                question, item = _question_for(definition, target)
                value, message = convert(question, raw, municipalities)
                if value is not None:
                    _store(values, question, item, value)
            if message:
                plan.problems.append(
                    Problem(number, header, message.replace("{value}", _shown_value(raw)))
                )
        if not values:
            plan.skipped += 1
            plan.problems.append(
                Problem(number, None, _("Ingen av svarene i raden passet, så raden hoppes over."))
            )
            continue
        plan.values.append(values)
        plan.moments.append(moment)
        plan.respondents.append(respondent)
        for key in values:
            plan.answered[key] = plan.answered.get(key, 0) + 1
    if not plan.values:
        raise ImportFailed([_("Ingen rader i filen kunne importeres.")])
    return plan


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _store(values: dict[str, Any], question: Question, item: str | None, value: Any) -> None:
    if item is None:
        values[question.key] = value
    else:
        values.setdefault(question.key, {})[item] = value


def run_import(
    organisation: Organisation,
    version: QuestionnaireVersion,
    settings: RoundSettings,
    plan: ImportPlan,
    user: User | None,
) -> Round:
    """A closed round holding every planned response; added to the session, not committed."""
    now = utcnow()
    known = [m for m in plan.moments if m is not None]
    opens_at = min([*known, now - timedelta(seconds=1)])
    settings = RoundSettings(
        title=settings.title,
        audience=settings.audience,
        anonymous=settings.anonymous,
        opens_at=opens_at,
        closes_at=now,
        municipality_ids=settings.municipality_ids,
    )
    round_ = create_round(organisation, version, settings, created_by=user)
    for values, moment, name in zip(plan.values, plan.moments, plan.respondents):
        response = new_response(round_, values, uuid.uuid4().hex, respondent=Respondent(name=name))
        moment = moment or now
        response.submitted_on = local_date(moment)
        if not round_.anonymous:
            response.submitted_at = moment
        db.session.add(response)
    db.session.flush()
    return round_
