"""What the XLSForm reader and writer agree on: column names, languages, the Likert list shape,
and ``relevant`` ↔ ``show_if``.

Innspill's own facts travel in columns pyxform passes over: ``innspill::…`` on the survey and
settings sheets, ``innspill_value`` on the choices sheet (pyxform turns extra choices columns
into data of each choice, where ``::`` is not allowed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from surveyapp.definitions.schema import QuestionnaireDefinition, ShowIf

#: XLSForm language names, "Name (code)" as pyxform and KoboToolbox expect
LANGUAGES = {"nb": "Norsk bokmål (nb)", "nn": "Norsk nynorsk (nn)"}
#: survey columns for Innspill's own fields (pyxform ignores them)
KEY_COLUMN = "innspill::key"
BACKGROUND_COLUMN = "innspill::background"
THEME_COLUMN = "innspill::theme"
PLAN_SECTION_COLUMN = "innspill::plan_section"
#: the exact option value when the choice ``name`` had to differ from it (spaces)
VALUE_COLUMN = "innspill_value"
#: settings columns
AUDIENCE_COLUMN = "innspill::audience"
TITLE_NN_COLUMN = "innspill::title_nn"
#: the round's municipalities are the options of ``options_from: municipalities``
MUNICIPALITIES_FILE = "kommuner.csv"
#: the Likert scale as a choice list: 1–5 and, when the scale has it, "Vet ikke"
LIKERT_VALUES = ("1", "2", "3", "4", "5")
DONT_KNOW = "vet_ikke"
DONT_KNOW_TEXT = {"nb": "Vet ikke", "nn": "Veit ikkje"}


@dataclass(frozen=True)
class SkippedRow:
    """A row of the file that Innspill leaves out (or takes in only in part), and why."""

    sheet: str
    row: int
    name: str
    type: str
    #: a short Norwegian (bokmål) sentence a planner understands
    reason: str


@dataclass(frozen=True)
class XLSFormImport:
    """What an XLSForm file gives: the questionnaire, and the rows it could not take in."""

    definition: QuestionnaireDefinition
    skipped: tuple[SkippedRow, ...]


def where(sheet: str, row: int) -> str:
    """The Norwegian location every message starts with."""
    return f"Arket «{sheet}», rad {row}"


# --- relevant ↔ show_if -------------------------------------------------------------------


def literal(value: str) -> str:
    """An XPath 1.0 string literal for ``value`` (which has no way to escape a quote)."""
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    parts = value.split("'")
    pieces = ", \"'\", ".join(f"'{p}'" for p in parts)
    return f"concat({pieces})"


def relevant_for(show_if: ShowIf, multiple: bool, names: dict[str, str]) -> str:
    """The ``relevant`` expression for a ``show_if``; ``names`` maps option values to choice names.

    ``equals`` is one bare comparison; ``any_of`` is a disjunction in parentheses (so that an
    ``any_of`` with one value reads back as ``any_of``).
    """
    ref = "${" + show_if.question + "}"

    def term(value: str) -> str:
        name = literal(names.get(value, value))
        return f"selected({ref}, {name})" if multiple else f"{ref} = {name}"

    if show_if.equals is not None:
        return term(show_if.equals)
    return "(" + " or ".join(term(v) for v in show_if.any_of or []) + ")"


_REF = r"\$\{\s*([^}\s]+)\s*\}"
_LIT = r"'[^']*'|\"[^\"]*\"|concat\((?:\s*(?:'[^']*'|\"[^\"]*\")\s*,?)+\)|-?\d+(?:\.\d+)?"
_TERMS = (
    re.compile(rf"\s*selected\(\s*{_REF}\s*,\s*({_LIT})\s*\)\s*"),
    re.compile(rf"\s*{_REF}\s*=\s*({_LIT})\s*"),
)
_OR = re.compile(r"or\b", re.IGNORECASE)


@dataclass(frozen=True)
class Condition:
    """A ``relevant`` expression read as "question NAME has one of VALUES"."""

    name: str
    values: tuple[str, ...]
    #: written as a disjunction (``any_of``) rather than one comparison (``equals``)
    disjunction: bool


def _unquote(text: str) -> str:
    if text.startswith("concat("):
        return "".join(m[1:-1] for m in re.findall(r"'[^']*'|\"[^\"]*\"", text))
    if text[:1] in "'\"":
        return text[1:-1]
    return text


def parse_relevant(expression: str) -> Condition | None:
    """Read ``${q} = 'x'``, ``selected(${q}, 'x')`` and their ``or``; None for anything else."""
    text = expression.strip()
    wrapped = text.startswith("(") and text.endswith(")")
    if wrapped:
        text = text[1:-1]
    names: list[str] = []
    values: list[str] = []
    pos = 0
    while True:
        match = next((m for t in _TERMS if (m := t.match(text, pos))), None)
        if match is None:
            return None
        names.append(match.group(1))
        values.append(_unquote(match.group(2)))
        pos = match.end()
        if pos == len(text):
            break
        joiner = _OR.match(text, pos)
        if joiner is None:
            return None
        pos = joiner.end()
    if len(set(names)) != 1:
        return None
    return Condition(names[0], tuple(values), wrapped or len(values) > 1)
