"""When a question is shown: ``show_if`` rules, evaluated the same way on the server and in
``static/js/respondent.js`` (which mirrors :func:`condition_met` on the page)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from surveyapp.definitions.schema import Question, ShowIf


def condition_met(show_if: ShowIf, values: dict[str, Any]) -> bool:
    """True when the earlier question's answer is (or, for lists, includes) one of the values."""
    answer = values.get(show_if.question)
    answered = answer if isinstance(answer, list) else [answer]
    wanted = set(show_if.values)
    return any(a is not None and str(a) in wanted for a in answered)


def visible_keys(
    questions: Iterable[Question], values: dict[str, Any], applicable=lambda q: True
) -> set[str]:
    """Keys of the questions shown given ``values``, in one pass.

    ``show_if`` always names an earlier question, so a question is shown when it applies, and
    its condition's question is shown and answered with one of the condition's values.
    """
    shown: set[str] = set()
    for question in questions:
        if not applicable(question):
            continue
        rule = question.show_if
        if rule is None or (rule.question in shown and condition_met(rule, values)):
            shown.add(question.key)
    return shown


def drop_hidden(
    questions: Iterable[Question], values: dict[str, Any], applicable=lambda q: True
) -> dict[str, Any]:
    """Only the answers to questions that are shown: hidden questions' answers are dropped."""
    questions = list(questions)
    keep = visible_keys(questions, values, applicable)
    return {q.key: values[q.key] for q in questions if q.key in keep and q.key in values}
