"""The seven question types of the questionnaire format."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext
from werkzeug.datastructures import MultiDict

from surveyapp.definitions.schema import Question
from surveyapp.questions.base import (
    MAX_TEXT_LENGTH,
    Choice,
    Context,
    Parsed,
    Problem,
    QuestionType,
    clean_text,
    field_name,
    register,
)

DONT_KNOW = "vet_ikke"
LIKERT_VALUES = ("1", "2", "3", "4", "5")
NUMBER_PATTERN = re.compile(r"^[+-]?\d+([.]\d+)?$")


def wrong_choice() -> str:
    return _("Velg blant svaralternativene som står på siden.")


class ChoiceType(QuestionType):
    """Shared by single and multiple choice: options from the file or the round's places."""

    template = "respondent/questions/choice.html"
    multiple = False

    def choices(self, question: Question, ctx: Context) -> list[Choice]:
        if question.options_from == "municipalities":
            return [Choice(name, name) for name in ctx.municipalities]
        return [Choice(o.value, o.label.get(ctx.language)) for o in question.options or []]

    def applies(self, question: Question, ctx: Context) -> bool:
        # a place question is pointless (and unanswerable) when the round covers one place
        return question.options_from is None or len(ctx.municipalities) > 1

    def input_id(self, question: Question, ctx: Context) -> str:
        return field_name(question.key, "0")


@register
class SingleChoice(ChoiceType):
    name = "single_choice"
    required_message = lazy_gettext("Velg ett av svaralternativene.")

    def parse(self, question: Question, form: MultiDict, ctx: Context) -> Parsed:
        raw, error = self.single(form, field_name(question.key))
        if error:
            return Parsed(error=error)
        if not raw:
            return Parsed(shown="")
        if raw not in {c.value for c in self.choices(question, ctx)}:
            return Parsed(error=wrong_choice())
        return Parsed(value=raw, shown=raw)


@register
class MultipleChoice(ChoiceType):
    name = "multiple_choice"
    multiple = True
    required_message = lazy_gettext("Velg minst ett av svaralternativene.")

    def shown(self, value: Any) -> Any:
        return list(value or [])

    def parse(self, question: Question, form: MultiDict, ctx: Context) -> Parsed:
        raw = [v for v in form.getlist(field_name(question.key)) if v]
        allowed = [c.value for c in self.choices(question, ctx)]
        if any(v not in allowed for v in raw):
            return Parsed(shown=[v for v in raw if v in allowed], error=wrong_choice())
        value = [v for v in allowed if v in raw]
        return Parsed(value=value or None, shown=value)


class ScaleType(QuestionType):
    """Likert 1–5 with labelled ends, and "Vet ikke" unless the question turns it off."""

    required_message = lazy_gettext("Velg et svar på skalaen.")

    def scale_values(self, question: Question) -> tuple[str, ...]:
        dont_know = question.scale is None or question.scale.dont_know
        return LIKERT_VALUES + ((DONT_KNOW,) if dont_know else ())

    def read(self, question: Question, form: MultiDict, name: str) -> Parsed:
        raw, error = self.single(form, name)
        if error:
            return Parsed(error=error)
        if not raw:
            return Parsed(shown="")
        if raw not in self.scale_values(question):
            return Parsed(error=wrong_choice())
        return Parsed(value=raw if raw == DONT_KNOW else int(raw), shown=raw)


@register
class Likert(ScaleType):
    name = "likert"
    template = "respondent/questions/likert.html"

    def input_id(self, question: Question, ctx: Context) -> str:
        return field_name(question.key, "1")

    def parse(self, question: Question, form: MultiDict, ctx: Context) -> Parsed:
        return self.read(question, form, field_name(question.key))


@register
class LikertGrid(ScaleType):
    """Several statements on one scale; the answer is ``{item: value}``."""

    name = "likert_grid"
    template = "respondent/questions/likert_grid.html"
    required_message = lazy_gettext("Svar på alle påstandene.")

    def field_names(self, question: Question, ctx: Context) -> list[str]:
        return [field_name(question.key, item.key) for item in question.items or []]

    def input_id(self, question: Question, ctx: Context) -> str:
        return field_name(question.key, question.items[0].key, "1")

    def shown(self, value: Any) -> Any:
        return {k: str(v) for k, v in (value or {}).items()}

    def parse(self, question: Question, form: MultiDict, ctx: Context) -> Parsed:
        value: dict[str, Any] = {}
        shown: dict[str, str] = {}
        error = None
        for item in question.items or []:
            got = self.read(question, form, field_name(question.key, item.key))
            error = error or got.error
            if got.value is not None:
                value[item.key] = got.value
                shown[item.key] = got.shown
        return Parsed(value=value or None, shown=shown, error=error)

    def missing(self, question: Question, value: Any) -> Problem | None:
        if not question.required:
            return None
        for item in question.items or []:
            if (value or {}).get(item.key) is None:
                return Problem(str(self.required_message), field_name(question.key, item.key, "1"))
        return None


class TextType(QuestionType):
    template = "respondent/questions/text.html"
    multiline = False
    required_message = lazy_gettext("Skriv et svar.")

    def limit(self, question: Question) -> int:
        return min(question.max_length, MAX_TEXT_LENGTH)

    def parse(self, question: Question, form: MultiDict, ctx: Context) -> Parsed:
        raw, error = self.single(form, field_name(question.key))
        if error:
            return Parsed(error=error)
        text, error = clean_text(raw or "")
        if not self.multiline:
            text = text.replace("\n", " ")
        if error:
            return Parsed(shown=text, error=error)
        limit = self.limit(question)
        if len(text) > limit:
            return Parsed(
                shown=text,
                error=_(
                    "Svaret er %(length)s tegn langt. Det kan være på høyst %(limit)s tegn.",
                    length=len(text),
                    limit=limit,
                ),
            )
        return Parsed(value=text.strip() or None, shown=text)


@register
class ShortText(TextType):
    name = "short_text"


@register
class LongText(TextType):
    name = "long_text"
    multiline = True


def format_number(number: float | int) -> str:
    """A number the Norwegian way: decimal comma, no trailing ``.0``."""
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    return str(number).replace(".", ",")


@register
class Number(QuestionType):
    name = "number"
    template = "respondent/questions/number.html"
    required_message = lazy_gettext("Skriv et tall.")

    def shown(self, value: Any) -> Any:
        return "" if value is None else format_number(value)

    def parse(self, question: Question, form: MultiDict, ctx: Context) -> Parsed:
        raw, error = self.single(form, field_name(question.key))
        if error:
            return Parsed(error=error)
        typed, error = clean_text(raw or "")
        if error:
            return Parsed(shown=typed, error=error)
        compact = re.sub(r"[\s\u00a0\u202f]", "", typed).replace(",", ".")
        if not compact:
            return Parsed(shown=typed)
        if len(compact) > 30 or not NUMBER_PATTERN.match(compact):
            return Parsed(shown=typed, error=_("Skriv et tall med sifre, for eksempel 12."))
        try:
            number = Decimal(compact)
        except InvalidOperation:  # pragma: no cover - the pattern already rules this out
            return Parsed(shown=typed, error=_("Skriv et tall med sifre, for eksempel 12."))
        value: int | float = int(number) if number == number.to_integral_value() else float(number)
        error = self.out_of_range(question, value)
        return Parsed(value=None if error else value, shown=typed, error=error)

    def range_hint(self, question: Question) -> str | None:
        low, high = question.min, question.max
        if low is not None and high is not None:
            return _(
                "Skriv et tall fra %(low)s til %(high)s.",
                low=format_number(low),
                high=format_number(high),
            )
        if low is not None:
            return _("Skriv et tall som er %(low)s eller større.", low=format_number(low))
        if high is not None:
            return _("Skriv et tall som er %(high)s eller mindre.", high=format_number(high))
        return None

    def out_of_range(self, question: Question, value: float) -> str | None:
        low, high = question.min, question.max
        if low is not None and high is not None and not low <= value <= high:
            return _(
                "Tallet må være mellom %(low)s og %(high)s.",
                low=format_number(low),
                high=format_number(high),
            )
        if low is not None and value < low:
            return _("Tallet må være minst %(low)s.", low=format_number(low))
        if high is not None and value > high:
            return _("Tallet kan være høyst %(high)s.", high=format_number(high))
        return None
