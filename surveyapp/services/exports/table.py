"""Row exports of a round (CSV, Excel, API): one row per response, one column per question.

The rules, also written into every export's "Om eksporten" sheet:

* Nothing is exported from a round with fewer responses than the threshold.
* Anonymous rounds have no name, time or date column, no response id, and rows in an
  order unrelated to when people answered.
* Free text is the masked text; what respondents typed is never exported.
* Background columns (municipality, service, role, age group) show a group only when it
  is shown in the overview, i.e. after the same suppression with complementary cells;
  other values become "(skjult)". Then every combination of visible background values
  must be shared by at least ``threshold`` rows; the background of rows in smaller
  combinations is blanked too, and more is blanked until the blanked rows are at least
  ``threshold``, so no row stands out by its background.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import to_user_timezone
from sqlalchemy.orm import selectinload

from surveyapp.definitions import Question, QuestionnaireDefinition
from surveyapp.definitions.schema import TEXT_TYPES
from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Response, Round, utcnow
from surveyapp.services import overview
from surveyapp.services.access import threshold_for
from surveyapp.services.questionnaires import definition_of

HIDDEN = "(skjult)"


class TooFewResponses(InnspillError):
    """The round has fewer responses than the threshold, so nothing may be exported."""


class RawDataDeleted(InnspillError):
    """The round's raw answers were deleted; only the summary is left."""


@dataclass
class ExportTable:
    columns: list[str]
    rows: list[list[Any]]
    codebook: list[dict[str, str]] = field(default_factory=list)
    about: list[tuple[str, str]] = field(default_factory=list)


def type_labels() -> dict[str, str]:
    return {
        "single_choice": _("Ett valg"),
        "multiple_choice": _("Flere valg"),
        "likert": _("Skala 1–5"),
        "likert_grid": _("Skala 1–5"),
        "short_text": _("Fritekst (maskert)"),
        "long_text": _("Fritekst (maskert)"),
        "number": _("Tall"),
    }


def _responses(round_: Round) -> list[Response]:
    query = (
        db.select(Response)
        .where(Response.round_id == round_.id)
        .options(selectinload(Response.answers))
        .order_by(Response.id)
    )
    return list(db.session.scalars(query))


def _background_of(response: Response, names: dict[int, str]) -> dict[str, str | None]:
    return {
        "municipality": names.get(response.municipality_id) if response.municipality_id else None,
        "service": response.service,
        "role": response.role,
        "age_group": response.age_group,
    }


def blank_background(
    backgrounds: list[dict[str, str | None]], kinds: list[str], threshold: int
) -> list[dict[str, str | None]]:
    """Background values with small groups and small combinations replaced by HIDDEN."""
    rows = [overview.Row(background=b, submitted_on=utcnow().date()) for b in backgrounds]
    shown: list[dict[str, str | None]] = [{} for _ in backgrounds]
    for kind in kinds:
        table = overview.suppressed_table("", overview.background_counts(rows, kind), threshold)
        hidden = {r["label"] for r in table["rows"] if r["count"] is None}
        for out, background in zip(shown, backgrounds):
            value = background.get(kind)
            label = overview.not_given() if value is None else value
            out[kind] = HIDDEN if label in hidden else value
    return _k_anonymous(shown, kinds, threshold)


def _k_anonymous(
    shown: list[dict[str, str | None]], kinds: list[str], threshold: int
) -> list[dict[str, str | None]]:
    """Blank whole backgrounds until every visible combination has ``threshold`` rows."""

    def combo(row: dict[str, str | None]) -> tuple:
        return tuple(row[k] for k in kinds)

    def blank(combination: tuple) -> None:
        for row in shown:
            if combo(row) == combination:
                row.update({k: HIDDEN for k in kinds})

    all_hidden = tuple(HIDDEN for _ in kinds)
    for combination, n in Counter(combo(r) for r in shown).items():
        if combination != all_hidden and n < threshold:
            blank(combination)
    while True:
        groups = Counter(combo(r) for r in shown)
        pool = groups.pop(all_hidden, 0)
        if pool == 0 or pool >= threshold or not groups:
            return shown
        blank(min(groups, key=lambda c: (groups[c], str(c))))


def _columns(definition: QuestionnaireDefinition) -> list[tuple[str, Question, str | None]]:
    columns = []
    for question in definition.questions():
        if question.type == "likert_grid":
            columns += [(f"{question.key}.{i.key}", question, i.key) for i in question.items or []]
        else:
            columns.append((question.key, question, None))
    return columns


def _cell(question: Question, item: str | None, answer, background: dict) -> Any:
    if question.background:
        return background.get(question.background)
    if answer is None:
        return None
    if question.type in TEXT_TYPES:
        return answer.text
    value = answer.value
    if item is not None:
        return value.get(item) if isinstance(value, dict) else None
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def _order(responses: list[Response]) -> list[Response]:
    """Anonymous rows in an order that says nothing about when people answered."""
    if responses and responses[0].anonymous:
        return sorted(responses, key=lambda r: hashlib.sha256(r.idempotency_key.encode()).digest())
    return responses


def export_table(round_: Round) -> ExportTable:
    """The round's responses as a table that follows the rules in this module's docstring."""
    if overview.stored_summary(round_) is not None:
        raise RawDataDeleted(
            _("Rådataene i denne runden er slettet. Bare oppsummeringen er igjen.")
        )
    threshold = threshold_for(round_.organisation)
    responses = _order(_responses(round_))
    if not overview.group_may_be_shown(len(responses), threshold):
        raise TooFewResponses(
            _("Runden har færre enn %(n)s svar, så ingenting kan eksporteres ennå.", n=threshold)
        )
    definition = definition_of(round_.questionnaire_version)
    names = {m.id: m.name for m in round_.municipalities}
    kinds = sorted({q.background for q in definition.questions() if q.background})
    backgrounds = blank_background([_background_of(r, names) for r in responses], kinds, threshold)
    columns = _columns(definition)
    identity = not round_.anonymous
    header = ["nr"] + (["navn", "sendt_inn"] if identity else []) + [c[0] for c in columns]
    rows = []
    for number, (response, background) in enumerate(zip(responses, backgrounds), start=1):
        answers = {a.question_key: a for a in response.answers}
        row: list[Any] = [number]
        if identity:
            row += [response.respondent, _local_time(response.submitted_at)]
        row += [_cell(q, item, answers.get(q.key), background) for _key, q, item in columns]
        rows.append(row)
    return ExportTable(
        columns=header,
        rows=rows,
        codebook=codebook(definition, columns, identity, threshold),
        about=_about(round_, definition, len(rows), threshold),
    )


def _local_time(moment: datetime | None) -> str | None:
    return to_user_timezone(moment).strftime("%Y-%m-%d %H:%M") if moment else None


def _values_text(question: Question, lang: str = "nb") -> str:
    if question.type in ("likert", "likert_grid") and question.scale:
        text = f"1 = {question.scale.low.get(lang)}; 5 = {question.scale.high.get(lang)}"
        return text + ("; vet_ikke = " + _("Vet ikke") if question.scale.dont_know else "")
    if question.options_from == "municipalities":
        return _("Kommunene i runden")
    options = [
        o.value if o.value == o.label.get(lang) else f"{o.value} = {o.label.get(lang)}"
        for o in question.options or []
    ]
    if question.type == "multiple_choice":
        return _("Flere valg skilles med «; ».") + " " + "; ".join(options)
    return "; ".join(options)


def codebook(
    definition: QuestionnaireDefinition,
    columns: list[tuple[str, Question, str | None]],
    identity: bool,
    threshold: int,
) -> list[dict[str, str]]:
    """One line per column: its question text, type and the meaning of its values."""
    types = type_labels()
    lines = [
        {"kolonne": "nr", "spørsmål": _("Løpenummer i denne filen"), "type": "", "verdier": ""}
    ]
    if identity:
        lines += [
            {
                "kolonne": "navn",
                "spørsmål": _("Navn eller e-post respondenten oppga"),
                "type": "",
                "verdier": "",
            },
            {
                "kolonne": "sendt_inn",
                "spørsmål": _("Tidspunkt (norsk tid)"),
                "type": "",
                "verdier": "",
            },
        ]
    for key, question, item in columns:
        text = question.text.nb
        if item is not None:
            text += " – " + next(i.text.nb for i in question.items or [] if i.key == item)
        values = _values_text(question) if question.type not in TEXT_TYPES else ""
        if question.background:
            values += " " + _(
                "Grupper som ikke kan vises (under %(n)s svar, eller skjult for å beskytte en "
                "annen gruppe), står som «%(hidden)s».",
                n=threshold,
                hidden=HIDDEN,
            )
        lines.append(
            {
                "kolonne": key,
                "spørsmål": text,
                "type": types[question.type],
                "verdier": values.strip(),
            }
        )
    return lines


def _about(round_: Round, definition: QuestionnaireDefinition, rows: int, threshold: int):
    version = round_.questionnaire_version
    return [
        (_("Runde"), round_.title),
        (_("Spørreskjema"), f"{definition.title.nb} (v{version.version})"),
        (_("Eksportert"), _local_time(utcnow()) or ""),
        (_("Antall svar"), str(rows)),
        (_("Anonym"), _("Ja") if round_.anonymous else _("Nei")),
        (_("Minste gruppe som vises"), str(threshold)),
        (
            _("Regler"),
            _(
                "Fritekst er maskert (navn, telefon, e-post og fødselsnummer er skjult). "
                "Bakgrunnsgrupper med færre enn %(n)s svar står som «%(hidden)s». "
                "Anonyme runder har ingen navn, tidspunkt eller dato, og radene er stokket.",
                n=threshold,
                hidden=HIDDEN,
            ),
        ),
    ]
