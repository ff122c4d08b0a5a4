"""The builder's list, new questionnaires and copies, the edit page, settings and saving."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyapp.builder import bp
from surveyapp.builder.access import load_questionnaire, role_required, store_draft
from surveyapp.builder.fields import text_from
from surveyapp.builder.forms import AddQuestionForm, NewForm, SettingsForm
from surveyapp.definitions import as_data
from surveyapp.exceptions import InnspillError, InvalidQuestionnaire
from surveyapp.extensions import db
from surveyapp.planner.forms import ActionForm
from surveyapp.services import audit, questionnaires
from surveyapp.services.builder import checks, versions
from surveyapp.services.builder import draft as drafts


@bp.get("/")
@role_required("planner")
def index():
    """Built-ins (read-only, to copy) and the organisation's own questionnaires with versions."""
    own = questionnaires.own_questionnaires(current_user.organisation)
    return render_template(
        "builder/index.html",
        builtin=questionnaires.available_definitions(),
        own=own,
        uses={q.id: versions.uses(q) for q in own},
        form=ActionForm(),
    )


def _start_choices() -> list[tuple[str, str]]:
    choices = [("", _("Tomt skjema"))]
    for key, definition in questionnaires.available_definitions().items():
        choices.append((key, _("Kopi av %(title)s", title=definition.title.nb)))
    for own in questionnaires.own_questionnaires(current_user.organisation):
        title = (own.draft or {}).get("title", {}).get("nb") or own.key
        choices.append((own.key, _("Kopi av %(title)s (eget)", title=title)))
    return choices


def _source(key: str) -> dict | None:
    """Definition data to start from: a built-in, or one of the organisation's own."""
    if not key:
        return None
    builtin = questionnaires.available_definitions().get(key)
    if builtin is not None:
        return as_data(builtin)
    own = questionnaires.own_questionnaire(key, current_user.organisation)
    if own is None:
        abort(404)
    return own.draft


def _create(title: str, source_key: str):
    questionnaire = versions.create(current_user.organisation, title, _source(source_key))
    audit.record(
        "questionnaire.create",
        current_user.organisation,
        current_user,
        target=f"questionnaire:{questionnaire.key}",
        copy_of=source_key or None,
    )
    db.session.commit()
    flash(_("Skjemaet er laget. Det er et utkast til du lagrer en versjon."), "success")
    return redirect(url_for("builder.edit", questionnaire_id=questionnaire.id))


@bp.route("/ny", methods=["GET", "POST"])
@role_required("planner")
def new():
    """A blank questionnaire, or a copy of a built-in or of one of the organisation's own."""
    form = NewForm()
    form.start.choices = _start_choices()
    if form.validate_on_submit():
        try:
            return _create(form.title.data, form.start.data)
        except InnspillError as e:
            db.session.rollback()
            form.form_errors.append(str(e))
    status = 400 if form.is_submitted() else 200
    return render_template("builder/new.html", form=form), status


@bp.post("/kopier/<key>")
@role_required("planner")
def copy(key: str):
    """*Kopier* on the list: a copy named after the original."""
    if not ActionForm().validate_on_submit():
        abort(400)
    source = _source(key)
    title = _("%(title)s (kopi)", title=(source or {}).get("title", {}).get("nb", key))
    return _create(title[:300], key)


def edit_context(questionnaire) -> dict:
    """What the edit page shows: the draft, its problems, missing translations, the rounds."""
    draft = questionnaire.draft or {}
    uses = versions.uses(questionnaire)
    return {
        "questionnaire": questionnaire,
        "draft": draft,
        "problems": checks.problems(draft),
        "missing": checks.missing_translations(draft),
        "uses": uses,
        "answered": [u for u in uses if u.answered],
        "following": [u for u in uses if u.follows_new_versions],
        "next_version": versions.next_number(questionnaire),
        "unchanged": versions.unchanged(questionnaire, draft),
        "action_form": ActionForm(),
        "add_form": AddQuestionForm(),
    }


@bp.get("/<int:questionnaire_id>")
@role_required("planner")
def edit(questionnaire_id: int):
    """The edit page: settings, sections and questions with their buttons, and *Lagre versjon*."""
    questionnaire = load_questionnaire(questionnaire_id)
    draft = questionnaire.draft or {}
    settings = SettingsForm(
        title_nb=draft.get("title", {}).get("nb", ""),
        title_nn=draft.get("title", {}).get("nn", ""),
        intro_nb=(draft.get("intro") or {}).get("nb", ""),
        intro_nn=(draft.get("intro") or {}).get("nn", ""),
        audience=draft.get("audience", "open"),
    )
    return render_template("builder/edit.html", settings=settings, **edit_context(questionnaire))


@bp.post("/<int:questionnaire_id>/innstillinger")
@role_required("planner")
def settings(questionnaire_id: int):
    """Title, introduction and audience of the questionnaire."""
    questionnaire = load_questionnaire(questionnaire_id)
    form = SettingsForm()
    if not form.validate_on_submit():
        return render_template(
            "builder/edit.html", settings=form, **edit_context(questionnaire)
        ), 400
    title = text_from(form.title_nb.data, form.title_nn.data) or {"nb": ""}
    intro = text_from(form.intro_nb.data, form.intro_nn.data)
    draft = drafts.update_settings(questionnaire.draft or {}, title, intro, form.audience.data)
    store_draft(questionnaire, draft)
    db.session.commit()
    flash(_("Innstillingene er lagret i utkastet."), "success")
    return redirect(url_for("builder.edit", questionnaire_id=questionnaire.id))


@bp.post("/<int:questionnaire_id>/lagre")
@role_required("planner")
def save(questionnaire_id: int):
    """*Lagre versjon*: validate the draft, store it as the next version, say what moved."""
    questionnaire = load_questionnaire(questionnaire_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    draft = questionnaire.draft or {}
    if checks.problems(draft):
        flash(
            _("Versjonen ble ikke lagret. Rett opp det som står øverst, og prøv igjen."), "error"
        )
        return redirect(url_for("builder.edit", questionnaire_id=questionnaire.id))
    if versions.unchanged(questionnaire, draft):
        flash(_("Ingen endringer siden forrige versjon."), "info")
        return redirect(url_for("builder.edit", questionnaire_id=questionnaire.id))
    try:
        version = versions.save_version(questionnaire)
    except (InvalidQuestionnaire, InnspillError) as e:
        db.session.rollback()
        flash(_("Versjonen ble ikke lagret: %(problem)s", problem=str(e)), "error")
        return redirect(url_for("builder.edit", questionnaire_id=questionnaire.id))
    audit.record(
        "questionnaire.version",
        current_user.organisation,
        current_user,
        target=f"questionnaire:{questionnaire.key}",
        version=version.version,
    )
    db.session.commit()
    flash(_("Versjon %(n)s er lagret.", n=version.version), "success")
    return redirect(url_for("builder.edit", questionnaire_id=questionnaire.id))
