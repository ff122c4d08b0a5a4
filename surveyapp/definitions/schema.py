"""The questionnaire format, as pydantic models.

Texts are either a plain bokmål string or ``{nb: ..., nn: ...}``; both are normalised to a
dict with at least ``nb``. Cross-question rules (unique keys, ``show_if`` pointing at an
earlier question) are checked in :mod:`surveyapp.definitions.loader`, where the file name is
known.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

QUESTION_TYPES = (
    "single_choice",
    "multiple_choice",
    "likert",
    "likert_grid",
    "short_text",
    "long_text",
    "number",
)
CHOICE_TYPES = ("single_choice", "multiple_choice")
TEXT_TYPES = ("short_text", "long_text")
BACKGROUND_KINDS = ("service", "role", "municipality", "age_group")
AUDIENCES = ("staff", "youth", "parents", "open")
PLAN_SECTIONS = (
    "utfordringsbilde",
    "satsingsomrade",
    "mal",
    "strategi",
    "tiltak",
    "organisering",
    "implementering",
    "evaluering",
)
KEY_PATTERN = r"^[a-z][a-z0-9_]*$"


def unused_key(base: str, taken: Collection[str]) -> str:
    """``base``, else ``base_2``, ``base_3``...: the first one ``taken`` does not hold."""
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def _localised(value: Any) -> Any:
    if isinstance(value, str):
        return {"nb": value}
    return value


class Text(BaseModel):
    """A text in bokmål, optionally with a nynorsk variant."""

    model_config = ConfigDict(extra="forbid")
    nb: str = Field(min_length=1)
    nn: str | None = None

    def get(self, language: str) -> str:
        return self.nn if language == "nn" and self.nn else self.nb


LocalText = Annotated[Text, BeforeValidator(_localised)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Option(Strict):
    value: str = Field(min_length=1, max_length=100)
    label: LocalText


def _option(value: Any) -> Any:
    if isinstance(value, str):
        return {"value": value, "label": value}
    return value


class ShowIf(Strict):
    """Show a question only when an earlier question has one of the given answers."""

    question: str
    equals: str | None = None
    any_of: list[str] | None = None

    @model_validator(mode="after")
    def _one_rule(self) -> ShowIf:
        if (self.equals is None) == (self.any_of is None):
            raise ValueError("show_if needs exactly one of 'equals' or 'any_of'")
        return self

    @property
    def values(self) -> list[str]:
        return [self.equals] if self.equals is not None else list(self.any_of or [])


class Scale(Strict):
    low: LocalText = Field(default_factory=lambda: Text(nb="Helt uenig", nn="Heilt usamd"))
    high: LocalText = Field(default_factory=lambda: Text(nb="Helt enig", nn="Heilt samd"))
    dont_know: bool = True


class GridItem(Strict):
    key: str = Field(pattern=KEY_PATTERN, max_length=64)
    text: LocalText


class Question(Strict):
    key: str = Field(pattern=KEY_PATTERN, max_length=64)
    type: Literal[QUESTION_TYPES]  # type: ignore[valid-type]
    text: LocalText
    help: LocalText | None = None
    required: bool = False
    options: list[Annotated[Option, BeforeValidator(_option)]] | None = None
    #: fill the options from the round's municipalities instead of ``options``
    options_from: Literal["municipalities"] | None = None
    scale: Scale | None = None
    items: list[GridItem] | None = None
    min: float | None = None
    max: float | None = None
    max_length: int = Field(default=5000, ge=1, le=5000)
    show_if: ShowIf | None = None
    #: marks a background question used for breakdowns, and which breakdown it feeds
    background: Literal[BACKGROUND_KINDS] | None = None  # type: ignore[valid-type]
    theme: str | None = Field(default=None, pattern=KEY_PATTERN)
    plan_section: Literal[PLAN_SECTIONS] | None = None  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _fits_type(self) -> Question:
        if self.type in CHOICE_TYPES:
            if not self.options and self.options_from is None:
                raise ValueError(
                    f"options missing: a {self.type} question needs 'options' "
                    "(or 'options_from: municipalities')"
                )
            values = [o.value for o in self.options or []]
            if len(values) != len(set(values)):
                raise ValueError("option values must be unique")
        elif self.options or self.options_from:
            raise ValueError(f"a {self.type} question takes no 'options'")
        if self.type == "likert_grid" and not self.items:
            raise ValueError("a likert_grid question needs 'items'")
        if self.type != "likert_grid" and self.items:
            raise ValueError(f"a {self.type} question takes no 'items'")
        if self.type.startswith("likert") and self.scale is None:
            self.scale = Scale()
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("'min' is larger than 'max'")
        return self

    def option_values(self) -> list[str]:
        return [o.value for o in self.options or []]


class Section(Strict):
    key: str = Field(pattern=KEY_PATTERN, max_length=64)
    title: LocalText
    intro: LocalText | None = None
    questions: list[Question] = Field(min_length=1)


class QuestionnaireDefinition(Strict):
    id: str = Field(pattern=KEY_PATTERN, max_length=64)
    version: int = Field(ge=1)
    title: LocalText
    intro: LocalText | None = None
    audience: Literal[AUDIENCES]  # type: ignore[valid-type]
    sections: list[Section] = Field(min_length=1)

    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def question(self, key: str) -> Question:
        for q in self.questions():
            if q.key == key:
                return q
        raise KeyError(key)
