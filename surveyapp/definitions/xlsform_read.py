"""Read an XLSForm (.xlsx) into a questionnaire definition, naming every row it leaves out.

Top-level groups become sections (questions outside any group gather in a section of their
own), a ``field-list`` group of Likert rows inside a section becomes a Likert grid, other
groups inside a section are flattened into it, and notes at the start of the form or of a
section become its intro. A ``relevant`` that ``show_if`` cannot express leaves the question
in, shown always, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from surveyapp.definitions.loader import parse_definition
from surveyapp.definitions.schema import AUDIENCES, Question, QuestionnaireDefinition, unused_key
from surveyapp.definitions.xlsform_format import (
    AUDIENCE_COLUMN,
    BACKGROUND_COLUMN,
    KEY_COLUMN,
    PLAN_SECTION_COLUMN,
    THEME_COLUMN,
    TITLE_NN_COLUMN,
    SkippedRow,
    XLSFormImport,
)
from surveyapp.definitions.xlsform_fields import condition, read_grid, typed
from surveyapp.definitions.xlsform_sheets import Record, Sheet, open_sheets, pick_languages
from surveyapp.definitions.xlsform_types import (
    ROW_IN_REPEAT,
    ChoiceList,
    kind_of,
    normalise_type,
    read_choices,
    to_key,
)
from surveyapp.exceptions import InvalidQuestionnaire, InvalidXLSForm

_TRUE = {"yes", "true", "true()", "1", "ja"}
_FALSE = {"no", "false", "false()", "0", "nei", ""}


@dataclass
class Group:
    """A ``begin_group``/``begin_repeat`` … ``end_*`` pair and the rows between them."""

    record: Record
    kind: str
    children: list[Any] = field(default_factory=list)


@dataclass
class Seen:
    """A survey name already read: what it became, for conditions that name it."""

    key: str | None
    row: int
    type: str | None = None
    #: choice name → option value, for choice questions
    values: dict[str, str] | None = None


class _Reader:
    def __init__(self, sheets: dict[str, Sheet]) -> None:
        self.survey = sheets["survey"]
        settings = sheets.get("settings")
        self.settings = settings.records[0] if settings and settings.records else None
        default = self.settings.get("default_language") if self.settings else None
        self.nb, self.nn = pick_languages(self.survey.languages, default or None)
        #: (sheet, row, message), told in the order of the file
        self.errors: list[tuple[str, int, str]] = []
        self.skipped: list[SkippedRow] = []
        choices = sheets.get("choices")
        self.lists: dict[str, ChoiceList] = (
            read_choices(choices, self, *pick_languages(choices.languages, default or None))
            if choices
            else {}
        )
        self.seen: dict[str, Seen] = {}
        self.question_rows: dict[str, int] = {}
        self.all_names: dict[str, int] = {}
        #: names of groups and grid rows: never the target of a ``show_if``
        self.not_questions: set[str] = set()

    # --- small helpers ---------------------------------------------------------------------

    def error(self, record: Record, message: str) -> None:
        self.errors.append((record.sheet, record.row, f"{record.at}: {message}"))

    def problems(self) -> list[str]:
        order = {"survey": 0, "choices": 1, "settings": 2}
        return [m for _, _, m in sorted(self.errors, key=lambda e: (order[e[0]], e[1]))]

    def skip(self, record: Record, reason: str) -> None:
        self.skipped.append(
            SkippedRow(record.sheet, record.row, record.get("name"), record.get("type"), reason)
        )

    def text(self, record: Record, column: str, nb_lang=..., nn_lang=...) -> dict | None:
        """A text from a column's language variants: {nb, nn?} or None when empty."""
        nb_lang = self.nb if nb_lang is ... else nb_lang
        nn_lang = self.nn if nn_lang is ... else nn_lang
        nb = record.cells.get((column, nb_lang)) or record.cells.get((column, None))
        nn = record.cells.get((column, nn_lang)) if nn_lang else None
        if not nb and not nn:
            return None
        return {"nb": nb or nn, "nn": nn} if nn else {"nb": nb}

    # --- structure -------------------------------------------------------------------------

    def tree(self) -> list[Any]:
        """Rows nested in their groups; a group left open or closed twice is an error."""
        missing = [c for c in ("type", "name") if c not in self.survey.columns]
        if missing:
            self.error(Record("survey", 1), f"kolonnen «{missing[0]}» mangler.")
            return []
        top: list[Any] = []
        stack: list[Group] = []
        for record in self.survey.records:
            kind = normalise_type(record.get("type"))
            name = record.get("name")
            if not kind:
                if name:
                    self.error(record, f"raden «{name}» mangler type.")
                continue
            if kind in ("begin_group", "begin_repeat"):
                group = Group(record, kind)
                (stack[-1].children if stack else top).append(group)
                stack.append(group)
            elif kind in ("end_group", "end_repeat"):
                if not stack or stack[-1].kind != kind.replace("end", "begin"):
                    self.error(record, f"«{kind}» uten en åpen gruppe å avslutte.")
                else:
                    stack.pop()
            else:
                (stack[-1].children if stack else top).append(record)
            if name and kind not in ("end_group", "end_repeat"):
                self.all_names.setdefault(name, record.row)
        for group in stack:
            name = group.record.get("name")
            self.error(group.record, f"gruppen «{name}» avsluttes aldri (end_group mangler).")
        return top

    def sections(self, top: list[Any]) -> tuple[dict | None, list[dict]]:
        intro: dict | None = None
        sections: list[dict] = []
        loose: dict | None = None
        for node in top:
            if isinstance(node, Group) and node.kind == "begin_group":
                loose = None
                section = self.section(node)
                if section:
                    sections.append(section)
            elif isinstance(node, Group):
                self.skip_repeat(node)
            elif normalise_type(node.get("type")) == "note" and not self.question_rows:
                intro = _join(intro, self.text(node, "label"))
            else:
                if loose is None:
                    loose = {"key": None, "title": {"nb": "Spørsmål"}, "questions": []}
                    sections.append(loose)
                self.row(node, loose)
        return intro, [s for s in sections if s["questions"]]

    def section(self, group: Group) -> dict | None:
        record = group.record
        key = record.get(KEY_COLUMN) or to_key(record.get("name") or "seksjon")
        title = self.text(record, "label") or {"nb": record.get("name") or key}
        section: dict[str, Any] = {"key": key, "title": title, "questions": []}
        self.not_questions.add(record.get("name"))
        if record.get("relevant"):
            self.skip(record, "Betingelser på en hel gruppe støttes ikke; spørsmålene vises alltid.")
        self.children(group.children, section)
        if not section["questions"]:
            self.skip(record, "Gruppen har ingen spørsmål Innspill kan bruke, og er ikke tatt med.")
            return None
        return section

    def children(self, nodes: list[Any], section: dict) -> None:
        for node in nodes:
            if isinstance(node, Group) and node.kind == "begin_repeat":
                self.skip_repeat(node)
            elif isinstance(node, Group):
                if not read_grid(self, node, section):
                    self.skip(
                        node.record,
                        "Grupper inne i grupper støttes ikke; spørsmålene er lagt rett i "
                        "seksjonen" + (" og vises alltid." if node.record.get("relevant") else "."),
                    )
                    self.children(node.children, section)
            elif normalise_type(node.get("type")) == "note" and not section["questions"]:
                section["intro"] = _join(section.get("intro"), self.text(node, "label"))
            else:
                self.row(node, section)

    def skip_repeat(self, group: Group) -> None:
        self.skip(group.record, "Gjentakende grupper støttes ikke.")
        for node in group.children:
            if isinstance(node, Group):
                self.skip_repeat(node)
            else:
                self.skip(node, ROW_IN_REPEAT)

    # --- questions -------------------------------------------------------------------------

    def row(self, record: Record, section: dict) -> None:
        kind, list_name, reason, or_other = kind_of(record.get("type"))
        name = record.get("name")
        if kind == "note":
            reason = "Informasjonstekster (note) tas bare med først i skjemaet eller en seksjon."
        if reason:
            self.skip(record, reason)
            if name:
                self.mark_left_out(name, record.row)
            return
        if not name:
            self.error(record, "raden mangler navn (name).")
            return
        if name in self.seen:
            self.error(record, f"navnet «{name}» er brukt før (rad {self.seen[name].row}).")
            return
        errors = len(self.errors)
        question = self.base(record, name)
        typed(self, record, question, kind, list_name)
        condition(self, record, question)
        if len(self.errors) > errors:
            self.mark_left_out(name, record.row)
            return
        if or_other and question.get("options") is not None:
            self.add_other(record, question, section, name)
        else:
            self.add(record, question, section, name)

    def add_other(self, record: Record, question: dict, section: dict, name: str) -> None:
        """``select_one LIST or_other``: an "Annet" option and a text shown when it is chosen,
        as pyxform makes them."""
        question["options"].append({"value": "other", "label": {"nb": "Annet", "nn": "Anna"}})
        if self.add(record, question, section, name) is None:
            return
        other = {
            "key": f"{question['key']}_other"[:64],
            "type": "short_text",
            "text": {"nb": "Annet, nemlig:", "nn": "Anna, nemleg:"},
            "show_if": {"question": question["key"], "equals": "other"},
        }
        self.add(record, other, section, f"{name}_other")

    def base(self, record: Record, name: str) -> dict[str, Any]:
        question: dict[str, Any] = {
            "key": record.get(KEY_COLUMN) or to_key(name),
            "text": self.text(record, "label") or {"nb": name},
        }
        if help_text := self.text(record, "hint"):
            question["help"] = help_text
        for column, attribute in (
            (BACKGROUND_COLUMN, "background"),
            (THEME_COLUMN, "theme"),
            (PLAN_SECTION_COLUMN, "plan_section"),
        ):
            if record.get(column):
                question[attribute] = record.get(column)
        question["required"] = self.required(record)
        if record.get("choice_filter"):
            self.skip(record, "Valgfilter (choice_filter) støttes ikke; alle valgene vises.")
        return question

    def required(self, record: Record) -> bool:
        value = record.get("required").lower()
        if value in _TRUE or value in _FALSE:
            return value in _TRUE
        self.skip(record, f"Krav om svar med betingelse («{value}») støttes ikke; valgfritt.")
        return False

    def add(self, record: Record, question: dict, section: dict, name: str) -> Question | None:
        try:
            parsed = Question.model_validate(question)
        except ValidationError as e:
            problem = "; ".join(err["msg"].removeprefix("Value error, ") for err in e.errors())
            self.error(record, f"spørsmålet «{name}» kan ikke brukes: {problem}")
            return None
        if parsed.key in self.question_rows:
            self.error(
                record, f"navnet «{name}» er brukt før (rad {self.question_rows[parsed.key]})."
            )
            return None
        self.question_rows[parsed.key] = record.row
        values = None
        if parsed.options is not None or parsed.type.startswith("likert"):
            listed = self.lists.get(_list_name(record))
            values = dict(listed.names) if listed else {v: v for v in parsed.option_values()}
            if parsed.options and "other" in parsed.option_values():
                values.setdefault("other", "other")
        self.seen[name] = Seen(parsed.key, record.row, parsed.type, values)
        section["questions"].append(question)
        return parsed

    def mark_left_out(self, name: str, row: int) -> None:
        """A name conditions may mention but that became no question."""
        self.seen.setdefault(name, Seen(key=None, row=row))

    # --- the whole form --------------------------------------------------------------------

    def definition(self) -> dict[str, Any]:
        top = self.tree()
        intro, sections = self.sections(top)
        _name_loose_sections(sections)
        settings = self.settings
        title = (settings.get("form_title") if settings else "") or "Spørreskjema"
        title_nn = settings.get(TITLE_NN_COLUMN) if settings else ""
        form_id = (settings.get("form_id") if settings else "") or title
        version = settings.get("version") if settings else ""
        audience = settings.get(AUDIENCE_COLUMN) if settings else ""
        raw: dict[str, Any] = {
            "id": to_key(form_id),
            "version": int(version) if version.isdigit() and int(version) >= 1 else 1,
            "title": {"nb": title, "nn": title_nn} if title_nn else {"nb": title},
            "audience": audience if audience in AUDIENCES else "open",
            "sections": sections,
        }
        if intro:
            raw["intro"] = intro
        return raw


def _list_name(record: Record) -> str:
    parts = normalise_type(record.get("type")).split()
    return parts[1] if len(parts) > 1 else ""


def _join(first: dict | None, second: dict | None) -> dict | None:
    if not first or not second:
        return first or second
    joined = {"nb": f"{first['nb']}\n\n{second['nb']}"}
    if first.get("nn") or second.get("nn"):
        joined["nn"] = f"{first.get('nn') or first['nb']}\n\n{second.get('nn') or second['nb']}"
    return joined


def _name_loose_sections(sections: list[dict]) -> None:
    """Questions outside any group get a section key no group uses."""
    taken = {s["key"] for s in sections}
    for section in sections:
        if section["key"] is None:
            key = unused_key("sporsmal", taken)
            section["key"] = key
            taken.add(key)


def read_xlsform(data: bytes) -> XLSFormImport:
    """The questionnaire in an XLSForm file, and the rows it leaves out.

    Raises :class:`InvalidXLSForm` (every problem with its sheet and row) when the file cannot
    be imported; never another exception.
    """
    reader = _Reader(open_sheets(data))
    raw = reader.definition()
    if not reader.errors and not raw["sections"]:
        raise InvalidXLSForm(["Arket «survey»: skjemaet har ingen spørsmål Innspill kan bruke."])
    if reader.errors:
        raise InvalidXLSForm(reader.problems())
    try:
        definition: QuestionnaireDefinition = parse_definition(raw, "XLSForm")
    except InvalidQuestionnaire as e:
        raise InvalidXLSForm([f"Skjemaet kan ikke brukes: {p}" for p in e.problems]) from e
    return XLSFormImport(definition, tuple(reader.skipped))
