"""Write a questionnaire definition as an XLSForm workbook (sheets survey, choices, settings).

Sections become top-level groups, a Likert grid a ``field-list`` group of Likert rows, the
questionnaire's and each section's intro a note at their start. Every choice list is named so
pyxform accepts it: a choice ``name`` has no spaces, and the exact value goes in
``innspill_value`` when it had to change.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

from surveyapp.definitions.schema import (
    Question,
    QuestionnaireDefinition,
    Scale,
    Text,
    unused_key,
)
from surveyapp.definitions.xlsform_format import (
    AUDIENCE_COLUMN,
    BACKGROUND_COLUMN,
    DONT_KNOW,
    DONT_KNOW_TEXT,
    KEY_COLUMN,
    LANGUAGES,
    LIKERT_VALUES,
    MUNICIPALITIES_FILE,
    PLAN_SECTION_COLUMN,
    THEME_COLUMN,
    TITLE_NN_COLUMN,
    VALUE_COLUMN,
    relevant_for,
)

DEFAULT_MAX_LENGTH = Question.model_fields["max_length"].default
_NOT_NAME = re.compile(r"[^\w.\-/:]+")


def _number(value: float) -> str:
    """A bound as XPath writes numbers: no exponent, no ``.0``."""
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class _Writer:
    """Collects the rows of the three sheets for one definition."""

    def __init__(self, definition: QuestionnaireDefinition) -> None:
        self.definition = definition
        self.nn = _has_nynorsk(definition)
        self.languages = ["nb", "nn"] if self.nn else ["nb"]
        self.survey: list[dict[str, Any]] = []
        self.choices: list[dict[str, Any]] = []
        #: question key → {option value: choice name}
        self.choice_names: dict[str, dict[str, str]] = {}
        self.scale_lists: dict[str, str] = {}
        self.list_names: set[str] = set()
        self.referenced = {q.show_if.question for q in definition.questions() if q.show_if}
        #: every name a group or question may get, so notes and renamed groups avoid them
        self.taken = {q.key for q in definition.questions()} | {s.key for s in definition.sections}
        self.taken |= {i.key for q in definition.questions() for i in q.items or []}

    # --- names -----------------------------------------------------------------------------

    def unique(self, wanted: str) -> str:
        """A survey name that no question uses (for notes and renamed groups)."""
        name = unused_key(wanted, self.taken)
        self.taken.add(name)
        return name

    def element_name(self, key: str) -> tuple[str, str | None]:
        """(name, innspill::key) for a section or grid item: renamed when a condition names the
        same key (pyxform wants referenced names unique in the whole form)."""
        if key in self.referenced:
            return self.unique(f"{key}_del"), key
        return key, None

    def list_name(self, wanted: str) -> str:
        name = unused_key(wanted, self.list_names)
        self.list_names.add(name)
        return name

    # --- rows ------------------------------------------------------------------------------

    def texts(self, column: str, text: Text | None) -> dict[str, Any]:
        if text is None:
            return {}
        row = {f"{column}::{LANGUAGES['nb']}": text.nb}
        if text.nn:
            row[f"{column}::{LANGUAGES['nn']}"] = text.nn
        return row

    def add_choice(self, list_name: str, value: str, label: Text, names: dict[str, str]) -> None:
        name = _NOT_NAME.sub("_", value).strip("_") or "valg"
        name = unused_key(name, set(names.values()))
        names[value] = name
        row = {"list_name": list_name, "name": name, **self.texts("label", label)}
        if name != value:
            row[VALUE_COLUMN] = value
        self.choices.append(row)

    def scale_list(self, scale: Scale) -> str:
        """One list per distinct scale, shared by the questions that use it."""
        signature = scale.model_dump_json()
        if signature not in self.scale_lists:
            name = self.list_name(f"skala_{len(self.scale_lists) + 1}")
            self.scale_lists[signature] = name
            names: dict[str, str] = {}
            for value in LIKERT_VALUES:
                label = {"1": scale.low, "5": scale.high}.get(value, Text(nb=value, nn=value))
                self.add_choice(name, value, label, names)
            if scale.dont_know:
                self.add_choice(name, DONT_KNOW, Text(**DONT_KNOW_TEXT), names)
        return self.scale_lists[signature]

    def note(self, wanted: str, text: Text) -> None:
        self.survey.append({"type": "note", "name": self.unique(wanted), **self.texts("label", text)})

    def condition(self, question: Question) -> dict[str, Any]:
        if question.show_if is None:
            return {}
        target = self.definition.question(question.show_if.question)
        multiple = target.type == "multiple_choice"
        names = self.choice_names.get(target.key, {})
        return {"relevant": relevant_for(question.show_if, multiple, names)}

    def common(self, question: Question) -> dict[str, Any]:
        row = {
            **self.texts("label", question.text),
            **self.texts("hint", question.help),
            **self.condition(question),
            BACKGROUND_COLUMN: question.background,
            THEME_COLUMN: question.theme,
            PLAN_SECTION_COLUMN: question.plan_section,
        }
        if question.required:
            row["required"] = "yes"
        return row

    def question(self, question: Question) -> None:
        row: dict[str, Any] = {"name": question.key, **self.common(question)}
        if question.type == "likert_grid":
            self.grid(question, row)
            return
        if question.type in ("short_text", "long_text"):
            row["type"] = "text"
            if question.type == "long_text":
                row["appearance"] = "multiline"
            if question.max_length != DEFAULT_MAX_LENGTH:
                row["constraint"] = f"string-length(.) <= {question.max_length}"
        elif question.type == "number":
            row["type"] = "decimal"
            row["constraint"] = _range(question.min, question.max)
        elif question.type == "likert":
            row["type"] = f"select_one {self.scale_list(question.scale or Scale())}"
            row["appearance"] = "likert"
        else:
            row["type"] = self.select(question)
        self.survey.append(row)

    def select(self, question: Question) -> str:
        kind = "select_one" if question.type == "single_choice" else "select_multiple"
        if question.options_from == "municipalities":
            return f"{kind}_from_file {MUNICIPALITIES_FILE}"
        name = self.list_name(question.key)
        names: dict[str, str] = {}
        for option in question.options or []:
            self.add_choice(name, option.value, option.label, names)
        self.choice_names[question.key] = names
        return f"{kind} {name}"

    def grid(self, question: Question, row: dict[str, Any]) -> None:
        scale = self.scale_list(question.scale or Scale())
        row.pop("required", None)
        self.survey.append({**row, "type": "begin_group", "appearance": "field-list"})
        for item in question.items or []:
            name, key = self.element_name(item.key)
            self.survey.append(
                {
                    "type": f"select_one {scale}",
                    "name": name,
                    KEY_COLUMN: key,
                    **self.texts("label", item.text),
                    "appearance": "likert",
                    "required": "yes" if question.required else None,
                }
            )
        self.survey.append({"type": "end_group", "name": question.key})

    def run(self) -> None:
        if self.definition.intro:
            self.note("intro", self.definition.intro)
        for section in self.definition.sections:
            name, key = self.element_name(section.key)
            self.survey.append(
                {"type": "begin_group", "name": name, KEY_COLUMN: key}
                | self.texts("label", section.title)
            )
            if section.intro:
                self.note(f"{section.key}_intro", section.intro)
            for question in section.questions:
                self.question(question)
            self.survey.append({"type": "end_group", "name": name})

    def settings(self) -> dict[str, Any]:
        d = self.definition
        return {
            "form_title": d.title.nb,
            "form_id": d.id,
            "version": str(d.version),
            "default_language": LANGUAGES["nb"],
            TITLE_NN_COLUMN: d.title.nn,
            AUDIENCE_COLUMN: d.audience,
        }

    def columns(self, base: list[str], rows: list[dict[str, Any]], extra: list[str]) -> list[str]:
        """Columns in a stable order: the base ones, text columns per language, then extras
        that some row uses."""
        texts = [
            f"{column}::{LANGUAGES[lang]}"
            for column in ("label", "hint")
            for lang in self.languages
            if column == "label" or any(k.startswith("hint::") for r in rows for k in r)
        ]
        used = {k for r in rows for k, v in r.items() if v not in (None, "")}
        return base + texts + [c for c in extra if c in used]


def _range(low: float | None, high: float | None) -> str | None:
    parts = []
    if low is not None:
        parts.append(f". >= {_number(low)}")
    if high is not None:
        parts.append(f". <= {_number(high)}")
    return " and ".join(parts) or None


def _has_nynorsk(definition: QuestionnaireDefinition) -> bool:
    return '"nn":"' in definition.model_dump_json()


def _sheet(book, title: str, columns: list[str], rows: list[dict[str, Any]], first: bool = False):
    sheet = book.active if first else book.create_sheet()
    sheet.title = title
    sheet.append(columns)
    for row in rows:
        sheet.append([_text(row.get(c)) for c in columns])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # a text that starts with "=" is text, not a formula
                cell.data_type = "s"


def _text(value: Any) -> Any:
    """Characters an .xlsx cannot hold (control characters other than tab and line breaks)
    are left out rather than refused."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def write_xlsform(definition: QuestionnaireDefinition) -> bytes:
    """The definition as an .xlsx XLSForm that pyxform converts and :func:`read_xlsform` reads
    back to an equal definition."""
    from openpyxl import Workbook

    writer = _Writer(definition)
    writer.run()
    survey_columns = writer.columns(
        ["type", "name"],
        writer.survey,
        ["required", "relevant", "appearance", "constraint", KEY_COLUMN, BACKGROUND_COLUMN,
         THEME_COLUMN, PLAN_SECTION_COLUMN],
    )
    choice_columns = writer.columns(["list_name", "name"], writer.choices, [VALUE_COLUMN])
    settings = writer.settings()
    book = Workbook()
    _sheet(book, "survey", survey_columns, writer.survey, first=True)
    _sheet(book, "choices", [c for c in choice_columns if not c.startswith("hint")], writer.choices)
    _sheet(book, "settings", [k for k, v in settings.items() if v is not None], [settings])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
