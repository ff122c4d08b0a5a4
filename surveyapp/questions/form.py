"""The answer form, built from questionnaire data: one page per section."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from surveyapp.definitions import Question, QuestionnaireDefinition
from surveyapp.definitions.schema import ShowIf
from surveyapp.questions.base import Choice, Context, Problem, QuestionType, question_type
from surveyapp.questions.conditions import drop_hidden, visible_keys

#: fields every answer page posts besides the answers (answer fields start with ``q-``)
CONTROL_FIELDS = frozenset({"csrf_token", "flow", "idempotency_key", "action", "respondent_name"})


@dataclass
class FormField:
    """One question as drawn on a page: texts in the chosen language, what was typed, errors."""

    question: Question
    type: QuestionType
    ctx: Context
    shown: Any = None
    error: Problem | None = None
    #: the ``show_if`` rule when its question is on the same page (evaluated by the page's JS)
    condition: ShowIf | None = None
    condition_hint: str | None = None

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def name(self) -> str:
        return self.type.field_names(self.question, self.ctx)[0]

    @property
    def id(self) -> str:
        return self.type.input_id(self.question, self.ctx)

    @property
    def template(self) -> str:
        return self.type.template

    @property
    def text(self) -> str:
        return self.question.text.get(self.ctx.language)

    @property
    def help(self) -> str | None:
        return self.question.help.get(self.ctx.language) if self.question.help else None

    @property
    def choices(self) -> list[Choice]:
        return self.type.choices(self.question, self.ctx)

    def described_by(self, *extra: str) -> str:
        """Ids for ``aria-describedby``: help, condition hint, ``extra`` notes, the error."""
        ids = [self.key + "-hint"] if self.question.help else []
        if self.condition_hint:
            ids.append(self.key + "-condition")
        ids.extend(extra)
        if self.error:
            ids.append(self.key + "-error")
        return " ".join(ids)

    @property
    def error_target(self) -> str:
        return (self.error.target if self.error else None) or self.id

    def __getattr__(self, name: str) -> Any:
        # type-specific facts (multiple, multiline, limit, scale_values...) come from the type
        if name.startswith("_"):
            raise AttributeError(name)
        attribute = getattr(self.type, name)
        return attribute(self.question) if callable(attribute) else attribute


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def applicable(ctx: Context):
    """A predicate: does this question apply in the round at all."""
    return lambda q: question_type(q.type).applies(q, ctx)


def page_questions(
    definition: QuestionnaireDefinition, index: int, values: dict[str, Any], ctx: Context
) -> list[tuple[Question, ShowIf | None]]:
    """The questions drawn on page ``index``, each with the rule the page itself evaluates.

    A condition on an earlier page is decided here; a condition on a question of the same page
    is left to the page (JavaScript hides the question; without it the question is shown with
    a hint, and the server drops the answer if the condition is not met).
    """
    shown = visible_keys(definition.questions(), values, applicable(ctx))
    section = definition.sections[index]
    on_page: set[str] = set()
    drawn: list[tuple[Question, ShowIf | None]] = []
    for question in section.questions:
        rule = question.show_if
        if rule is not None and rule.question in on_page and applicable(ctx)(question):
            drawn.append((question, rule))
        elif question.key in shown:
            drawn.append((question, None))
        else:
            continue
        on_page.add(question.key)
    return drawn


def pages(definition: QuestionnaireDefinition, values: dict[str, Any], ctx: Context) -> list[int]:
    """Indexes of the sections that have at least one question to show."""
    return [
        i for i in range(len(definition.sections)) if page_questions(definition, i, values, ctx)
    ]


@dataclass
class AnswerForm:
    """The questions of one section, ready to draw, or to read back from a posted form."""

    definition: QuestionnaireDefinition
    index: int
    ctx: Context
    fields: list[FormField]
    form_errors: list[str] = field(default_factory=list)

    @property
    def section(self):
        return self.definition.sections[self.index]

    @property
    def errors(self) -> list[FormField]:
        return [f for f in self.fields if f.error]

    @property
    def has_errors(self) -> bool:
        return bool(self.form_errors or self.errors)

    @property
    def keys(self) -> set[str]:
        return {f.key for f in self.fields}

    def mark_missing(self, values: dict[str, Any]) -> None:
        """Mark required questions that ``values`` leaves unanswered."""
        for f in self.fields:
            f.error = f.error or f.type.missing(f.question, values.get(f.key))

    def parse(
        self,
        form: MultiDict,
        saved: dict[str, Any],
        require: bool = True,
        files: Iterable[str] = (),
    ) -> dict[str, Any]:
        """Read this page's answers; mark errors; return the page's answers that are shown.

        ``saved`` holds the answers to the other pages, which conditions may depend on.
        With ``require`` false (going back, saving for later), unanswered required questions
        are not errors; answers that cannot be right (unknown options, too long) still are.
        Unknown field names, and ``files`` (names of uploads), are an error of the form.
        """
        known = set(CONTROL_FIELDS)
        for f in self.fields:
            known.update(f.type.field_names(f.question, self.ctx))
        if any(name not in known for name in form.keys()) or any(True for _ in files):
            self.form_errors.append(
                _("Skjemaet inneholdt felt vi ikke kjenner igjen. Sjekk svarene og send på nytt.")
            )
        values: dict[str, Any] = {}
        for f in self.fields:
            parsed = f.type.parse(f.question, form, self.ctx)
            f.shown = parsed.shown
            f.error = Problem(parsed.error) if parsed.error else None
            values[f.key] = parsed.value
        merged = {**saved, **values}
        shown = visible_keys(self.definition.questions(), merged, applicable(self.ctx))
        for f in self.fields:
            if f.key not in shown:
                f.error = None
                values.pop(f.key)
            elif f.error is None and require:
                f.error = f.type.missing(f.question, values[f.key])
        return {k: v for k, v in values.items() if not is_empty(v)}


def _condition_hint(rule: ShowIf, definition: QuestionnaireDefinition, ctx: Context) -> str:
    target = definition.question(rule.question)
    labels = {c.value: c.label for c in question_type(target.type).choices(target, ctx)}
    quoted = [f"«{labels.get(v, v)}»" for v in rule.values]
    answers = quoted[0]
    if len(quoted) > 1:
        answers = _("%(some)s eller %(last)s", some=", ".join(quoted[:-1]), last=quoted[-1])
    return _(
        "Svar bare hvis du svarte %(answers)s på «%(question)s».",
        answers=answers,
        question=target.text.get(ctx.language),
    )


def build_answer_form(
    definition: QuestionnaireDefinition,
    index: int,
    ctx: Context,
    values: dict[str, Any] | None = None,
) -> AnswerForm:
    """The form for section ``index``, filled with the answers saved so far."""
    values = values or {}
    fields = []
    for question, rule in page_questions(definition, index, values, ctx):
        kind = question_type(question.type)
        fields.append(
            FormField(
                question=question,
                type=kind,
                ctx=ctx,
                shown=kind.shown(values.get(question.key)),
                condition=rule,
                condition_hint=_condition_hint(rule, definition, ctx) if rule else None,
            )
        )
    return AnswerForm(definition, index, ctx, fields)


def first_incomplete_page(
    definition: QuestionnaireDefinition, values: dict[str, Any], ctx: Context
) -> int | None:
    """The first section where a shown, required question has no answer."""
    shown = visible_keys(definition.questions(), values, applicable(ctx))
    for index, section in enumerate(definition.sections):
        for question in section.questions:
            kind = question_type(question.type)
            if question.key in shown and kind.missing(question, values.get(question.key)):
                return index
    return None


def answers_to_store(
    definition: QuestionnaireDefinition, values: dict[str, Any], ctx: Context
) -> dict[str, Any]:
    """The answers of shown questions only, in questionnaire order."""
    return drop_hidden(definition.questions(), values, applicable(ctx))
