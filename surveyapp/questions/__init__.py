"""Question types and the answer form built from questionnaire data.

Every type in :data:`surveyapp.definitions.QUESTION_TYPES` has one class in
:mod:`surveyapp.questions.types`, found through :func:`question_type`.
"""

from surveyapp.questions import types as _types  # noqa: F401  (registers the types)
from surveyapp.questions.base import (
    MAX_TEXT_LENGTH,
    REGISTRY,
    Choice,
    Context,
    Parsed,
    Problem,
    QuestionType,
    field_name,
    question_type,
)
from surveyapp.questions.conditions import condition_met, drop_hidden, visible_keys
from surveyapp.questions.form import (
    CONTROL_FIELDS,
    AnswerForm,
    FormField,
    answers_to_store,
    build_answer_form,
    first_incomplete_page,
    page_questions,
    pages,
)

__all__ = [
    "CONTROL_FIELDS",
    "MAX_TEXT_LENGTH",
    "REGISTRY",
    "AnswerForm",
    "Choice",
    "Context",
    "FormField",
    "Parsed",
    "Problem",
    "QuestionType",
    "answers_to_store",
    "build_answer_form",
    "condition_met",
    "drop_hidden",
    "field_name",
    "first_incomplete_page",
    "page_questions",
    "pages",
    "question_type",
    "visible_keys",
]
