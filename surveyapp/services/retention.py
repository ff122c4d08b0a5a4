"""Deleting a round's raw answers once the plan is adopted, keeping suppressed aggregates."""

from __future__ import annotations

from flask_babel import gettext as _

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Answer, Draft, Response, Round, RoundSummary, User
from surveyapp.services import overview
from surveyapp.services.access import threshold_for
from surveyapp.services.themes import stats as theme_stats


def delete_raw_answers(round_: Round, user: User | None, lang: str = "nb") -> RoundSummary:
    """Store the overview and the themes as they are now, then delete every response,
    answer and draft.

    Both hold only numbers that passed suppression and no answer text, so what is kept
    shows nothing about a small group. Nothing is committed here: the caller commits once,
    so the snapshot and the deletion happen together or not at all.
    """
    if round_.state != "closed":
        raise InnspillError(_("Steng runden før du sletter svarene."))
    if overview.stored_summary(round_) is not None:
        raise InnspillError(_("Svarene i denne runden er allerede slettet."))
    snapshot = overview.build(round_, lang=lang)
    snapshot["themes"] = theme_stats.kept_themes(round_, threshold_for(round_.organisation))
    summary = RoundSummary(round=round_, data=snapshot, deleted_by=user)
    db.session.add(summary)
    response_ids = db.select(Response.id).where(Response.round_id == round_.id)
    db.session.execute(db.delete(Answer).where(Answer.response_id.in_(response_ids)))
    db.session.execute(db.delete(Response).where(Response.round_id == round_.id))
    db.session.execute(db.delete(Draft).where(Draft.round_id == round_.id))
    db.session.flush()
    return summary
