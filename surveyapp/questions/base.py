"""The question-type registry: one class per type in the questionnaire format.

A type knows the form field names it owns, how to read its answer from a posted form, the
error to show when the answer is wrong, when an answer counts as empty, and which template
partial draws it. Nothing here is specific to one questionnaire.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext
from werkzeug.datastructures import MultiDict

from surveyapp.definitions.schema import Question

#: what a respondent may write in one answer at most, whatever the questionnaire says
MAX_TEXT_LENGTH = 5000

REGISTRY: dict[str, QuestionType] = {}


@dataclass(frozen=True)
class Context:
    """What rendering a question needs besides the question: language, the round's places."""

    language: str = "nb"
    municipalities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass
class Parsed:
    """One question's answer as read from a form."""

    #: the clean value to store (``None`` when empty or wrong)
    value: Any = None
    #: what to put back in the form, as typed, so nothing is lost when there are errors
    shown: Any = None
    error: str | None = None


@dataclass
class Problem:
    """An error message, and the id of the input the error summary links to."""

    message: str
    target: str | None = None


def field_name(key: str, *parts: str) -> str:
    """Form field names carry a prefix so no question key can clash with a control field."""
    return "-".join(("q", key, *parts))


def register(cls: type[QuestionType]) -> type[QuestionType]:
    """Class decorator: make a question type available by its ``name``."""
    REGISTRY[cls.name] = cls()
    return cls


def question_type(name: str) -> QuestionType:
    return REGISTRY[name]


def clean_text(raw: str) -> tuple[str, str | None]:
    """Text as a browser sends it, with line breaks normalised, and an error if it is unusable.

    NUL bytes cannot be stored (PostgreSQL refuses them) and U+FFFD is what bytes that were
    not UTF-8 become; both are refused with a message instead of being stored or crashing.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text or "\ufffd" in text:
        return text.replace("\x00", ""), _(
            "Teksten inneholder tegn som ikke kan lagres. Fjern dem og prøv igjen."
        )
    return text, None


class QuestionType:
    """Base class: a question type with one form field holding one string."""

    name: ClassVar[str] = ""
    template: ClassVar[str] = ""
    #: shown when a required question is not answered
    required_message: ClassVar[Any] = lazy_gettext("Svar på spørsmålet.")

    def field_names(self, question: Question, ctx: Context) -> list[str]:
        return [field_name(question.key)]

    def input_id(self, question: Question, ctx: Context) -> str:
        """The id of the first input, where the error summary's link goes."""
        return field_name(question.key)

    def choices(self, question: Question, ctx: Context) -> list[Choice]:
        return []

    def applies(self, question: Question, ctx: Context) -> bool:
        """Whether the question makes sense in this round at all."""
        return True

    def is_empty(self, value: Any) -> bool:
        return value is None or value == "" or value == [] or value == {}

    def shown(self, value: Any) -> Any:
        """A stored value as the form shows it."""
        return "" if value is None else str(value)

    def single(self, form: MultiDict, name: str) -> tuple[str | None, str | None]:
        """The one value posted under ``name``, or an error when there are several."""
        values = form.getlist(name)
        if len(values) > 1:
            return None, _("Svaret ble sendt mer enn én gang. Sjekk svaret og send på nytt.")
        return (values[0] if values else None), None

    def parse(self, question: Question, form: MultiDict, ctx: Context) -> Parsed:
        raise NotImplementedError

    def missing(self, question: Question, value: Any) -> Problem | None:
        """The error for a required question left unanswered, else ``None``."""
        if question.required and self.is_empty(value):
            return Problem(str(self.required_message))
        return None
