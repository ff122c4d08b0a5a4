"""Loading the signed-in organisation's own questionnaire (404 for others'), and saving drafts."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, url_for
from flask_login import current_user

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Questionnaire, utcnow
from surveyapp.planner.access import role_required

__all__ = ["change", "load_questionnaire", "role_required", "store_draft"]


def load_questionnaire(questionnaire_id: int) -> Questionnaire:
    """The organisation's own questionnaire, or 404 (built-ins and others' alike)."""
    found = db.session.get(Questionnaire, questionnaire_id)
    if found is None or found.organisation_id != current_user.organisation_id:
        abort(404)
    return found


def store_draft(questionnaire: Questionnaire, draft: dict[str, Any]) -> None:
    questionnaire.draft = draft
    questionnaire.draft_updated_at = utcnow()


def change(questionnaire: Questionnaire, edit, success: str | None = None, anchor: str = ""):
    """Apply ``edit`` (draft → draft) and go back to the edit page; a refusal is flashed."""
    try:
        store_draft(questionnaire, edit(questionnaire.draft or {}))
    except InnspillError as e:
        db.session.rollback()
        flash(str(e), "error")
    else:
        db.session.commit()
        if success:
            flash(success, "success")
    return redirect(url_for("builder.edit", questionnaire_id=questionnaire.id) + anchor)
