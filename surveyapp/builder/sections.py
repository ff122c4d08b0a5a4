"""Sections of a draft: add, edit, move, duplicate, remove, and the order of their questions."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from surveyapp.builder import bp
from surveyapp.builder.access import change, load_questionnaire, role_required, store_draft
from surveyapp.builder.fields import text_from
from surveyapp.builder.forms import AddQuestionForm, SectionForm
from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.planner.forms import ActionForm
from surveyapp.services.builder import draft as drafts

#: the buttons on a section, by the last part of their URL
SECTION_ACTIONS = {
    "opp": (lambda d, i: drafts.move_section(d, i, -1), None),
    "ned": (lambda d, i: drafts.move_section(d, i, 1), None),
    "dupliser": (drafts.duplicate_section, _l("Delen er kopiert.")),
    "fjern": (drafts.remove_section, _l("Delen er fjernet.")),
}


def _checked_action() -> None:
    if not ActionForm().validate_on_submit():
        abort(400)


@bp.post("/<int:questionnaire_id>/del/ny")
@role_required("planner")
def add_section(questionnaire_id: int):
    questionnaire = load_questionnaire(questionnaire_id)
    _checked_action()
    count = len((questionnaire.draft or {}).get("sections", []))
    return change(
        questionnaire, drafts.add_section, _("Ny del er lagt til."), f"#section-{count}"
    )


@bp.post("/<int:questionnaire_id>/del/<int:index>/<any(opp, ned, dupliser, fjern):action>")
@role_required("planner")
def section_action(questionnaire_id: int, index: int, action: str):
    """*Flytt opp*, *Flytt ned*, *Dupliser* and *Fjern* on a section."""
    questionnaire = load_questionnaire(questionnaire_id)
    _checked_action()
    edit, message = SECTION_ACTIONS[action]
    target = index + {"opp": -1, "ned": 1, "dupliser": 1}.get(action, 0)
    return change(
        questionnaire,
        lambda d: edit(d, index),
        str(message) if message else None,
        f"#section-{max(target, 0)}",
    )


@bp.route("/<int:questionnaire_id>/del/<int:index>", methods=["GET", "POST"])
@role_required("planner")
def section(questionnaire_id: int, index: int):
    """A section's title and introduction, in bokmål and nynorsk."""
    questionnaire = load_questionnaire(questionnaire_id)
    sections = (questionnaire.draft or {}).get("sections", [])
    if not 0 <= index < len(sections):
        abort(404)
    current = sections[index]
    form = SectionForm()
    if not form.is_submitted():
        form.title_nb.data = current.get("title", {}).get("nb", "")
        form.title_nn.data = current.get("title", {}).get("nn", "")
        form.intro_nb.data = (current.get("intro") or {}).get("nb", "")
        form.intro_nn.data = (current.get("intro") or {}).get("nn", "")
    if form.validate_on_submit():
        title = text_from(form.title_nb.data, form.title_nn.data) or {"nb": ""}
        intro = text_from(form.intro_nb.data, form.intro_nn.data)
        store_draft(questionnaire, drafts.update_section(questionnaire.draft, index, title, intro))
        db.session.commit()
        flash(_("Delen er lagret i utkastet."), "success")
        back = url_for("builder.edit", questionnaire_id=questionnaire.id)
        return redirect(f"{back}#section-{index}")
    status = 400 if form.is_submitted() else 200
    return render_template(
        "builder/section.html", questionnaire=questionnaire, form=form, index=index
    ), status


@bp.post("/<int:questionnaire_id>/del/<int:index>/sporsmal")
@role_required("planner")
def add_question(questionnaire_id: int, index: int):
    """A new question of the chosen type; the planner goes on to fill it in."""
    questionnaire = load_questionnaire(questionnaire_id)
    form = AddQuestionForm()
    if not form.validate_on_submit():
        flash(_("Velg en spørsmålstype fra lista."), "error")
        return redirect(url_for("builder.edit", questionnaire_id=questionnaire.id))
    try:
        draft, key = drafts.add_question(questionnaire.draft or {}, index, form.type.data)
    except InnspillError as e:
        flash(str(e), "error")
        return redirect(url_for("builder.edit", questionnaire_id=questionnaire.id))
    store_draft(questionnaire, draft)
    db.session.commit()
    return redirect(url_for("builder.question", questionnaire_id=questionnaire.id, key=key))


@bp.post("/<int:questionnaire_id>/del/<int:index>/rekkefolge")
@role_required("planner")
def reorder(questionnaire_id: int, index: int):
    """The order a drag and drop left the section's questions in (``order``: keys, commas)."""
    questionnaire = load_questionnaire(questionnaire_id)
    _checked_action()
    keys = [k for k in request.form.get("order", "").split(",") if k]
    return change(
        questionnaire,
        lambda d: drafts.reorder(d, index, keys),
        _("Rekkefølgen er lagret i utkastet."),
        f"#section-{index}",
    )
