"""*Forhåndsvis som respondent*: the real respondent templates for the draft, at phone width.

Nothing is stored: the page is drawn with a GET, its answer form has no way to send, and
the section is chosen with links.
"""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from surveyapp.builder import bp
from surveyapp.builder.access import load_questionnaire, role_required
from surveyapp.definitions import QuestionnaireDefinition
from surveyapp.questions import Context, build_answer_form
from surveyapp.respondent.flow import language
from surveyapp.services.builder import checks


def _meeting_every_condition(definition: QuestionnaireDefinition, index: int) -> dict:
    """Answers on other pages that show every conditional question of page ``index``.

    A list answer meets a condition when it holds one of its values, so one list per
    question can meet every condition on it at once.
    """
    here = {q.key for q in definition.sections[index].questions}
    values: dict[str, list[str]] = {}
    for q in definition.questions():
        if q.show_if and q.show_if.question not in here:
            values.setdefault(q.show_if.question, []).extend(q.show_if.values)
    return values


@bp.get("/<int:questionnaire_id>/forhandsvis")
@role_required("planner")
def preview(questionnaire_id: int):
    """One section of the draft as a respondent on a phone sees it (``?del=N``)."""
    questionnaire = load_questionnaire(questionnaire_id)
    draft = questionnaire.draft or {}
    problems = checks.problems(draft)
    if problems:
        return render_template(
            "builder/preview.html", questionnaire=questionnaire, problems=problems
        )
    definition = QuestionnaireDefinition.model_validate({**draft, "version": 1})
    count = len(definition.sections)
    number = request.args.get("del", "1")
    index = min(max(int(number) if number.isdigit() else 1, 1), count) - 1
    lang = language()
    places = tuple(m.name for m in current_user.organisation.municipalities)
    ctx = Context(language=lang, municipalities=places)
    form = build_answer_form(definition, index, ctx, _meeting_every_condition(definition, index))
    return render_template(
        "builder/preview.html",
        questionnaire=questionnaire,
        definition=definition,
        form=form,
        number=index + 1,
        count=count,
        lang=lang,
    )
