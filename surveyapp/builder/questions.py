"""One question of a draft: its form, and *Flytt opp / Flytt ned*, *Dupliser* and *Fjern*."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from surveyapp.builder import bp
from surveyapp.builder.access import change, load_questionnaire, role_required, store_draft
from surveyapp.builder.fields import fill, read, setup
from surveyapp.builder.forms import QuestionForm
from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.planner.forms import ActionForm
from surveyapp.services.builder import checks
from surveyapp.services.builder import draft as drafts


def _earlier(draft: dict, key: str) -> list[dict]:
    found = []
    for q in drafts.questions(draft):
        if q.get("key") == key:
            return found
        found.append(q)
    return found


@bp.route("/<int:questionnaire_id>/sporsmal/<key>", methods=["GET", "POST"])
@role_required("planner")
def question(questionnaire_id: int, key: str):
    """Everything about one question; saved into the draft, even when not complete yet."""
    questionnaire = load_questionnaire(questionnaire_id)
    draft = questionnaire.draft or {}
    try:
        current = drafts.question(draft, key)
    except InnspillError:
        abort(404)
    form = QuestionForm()
    setup(form, _earlier(draft, key))
    if not form.is_submitted():
        fill(form, current)
    if form.validate_on_submit():
        updated = read(form)
        try:
            store_draft(questionnaire, drafts.replace_question(draft, key, updated))
        except InnspillError as e:
            form.key.errors = [str(e)]
        else:
            db.session.commit()
            flash(_("Spørsmålet er lagret i utkastet."), "success")
            if request.form.get("then") == "more" or updated["type"] != current.get("type"):
                again = url_for(
                    "builder.question", questionnaire_id=questionnaire.id, key=updated["key"]
                )
                return redirect(again)
            back = url_for("builder.edit", questionnaire_id=questionnaire.id)
            return redirect(f"{back}#q-{updated['key']}")
    status = 400 if form.is_submitted() else 200
    problems = [p for p in checks.problems(draft) if drafts.label(current) in p]
    return render_template(
        "builder/question.html",
        questionnaire=questionnaire,
        form=form,
        current=current,
        problems=problems,
        targets=[c for c in form.show_if_question.choices if c[0]],
    ), status


QUESTION_ACTIONS = {
    "opp": lambda d, k: drafts.move_question(d, k, -1),
    "ned": lambda d, k: drafts.move_question(d, k, 1),
    "dupliser": lambda d, k: drafts.duplicate_question(d, k)[0],
    "fjern": drafts.remove_question,
}


@bp.post("/<int:questionnaire_id>/sporsmal/<key>/<any(opp, ned, dupliser, fjern):action>")
@role_required("planner")
def question_action(questionnaire_id: int, key: str, action: str):
    """The buttons beside each question on the edit page."""
    questionnaire = load_questionnaire(questionnaire_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    messages = {
        "dupliser": _("Spørsmålet er kopiert."),
        "fjern": _("Spørsmålet er fjernet fra utkastet."),
    }
    anchor = "" if action == "fjern" else f"#q-{key}"
    return change(
        questionnaire, lambda d: QUESTION_ACTIONS[action](d, key), messages.get(action), anchor
    )
