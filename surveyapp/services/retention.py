"""Deleting a round's raw answers once the plan is adopted, keeping suppressed aggregates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import gettext as _

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Answer, Draft, Response, Round, RoundSummary, User
from surveyapp.services import overview

#: other parts of the app (themes, findings) that keep their own suppressed aggregates
SnapshotProvider = Callable[[Round], dict[str, Any]]
_providers: dict[str, SnapshotProvider] = {}


def register_snapshot(name: str, provider: SnapshotProvider) -> None:
    """Have ``provider(round)`` saved under ``data["kept"][name]`` before answers go.

    What a provider returns is stored as it is, so it must already have passed
    suppression and must hold no answer text.
    """
    _providers[name] = provider


def delete_raw_answers(round_: Round, user: User | None, lang: str = "nb") -> RoundSummary:
    """Store the overview as it is now, then delete every response, answer and draft.

    The overview holds only numbers that passed suppression, so what is kept shows
    nothing about a small group. Nothing is committed here: the caller commits once,
    so the snapshot and the deletion happen together or not at all.
    """
    if round_.state != "closed":
        raise InnspillError(_("Steng runden før du sletter svarene."))
    if overview.stored_summary(round_) is not None:
        raise InnspillError(_("Svarene i denne runden er allerede slettet."))
    snapshot = overview.build(round_, lang=lang)
    snapshot["kept"] = {name: provider(round_) for name, provider in _providers.items()}
    summary = RoundSummary(round=round_, data=snapshot, deleted_by=user)
    db.session.add(summary)
    response_ids = db.select(Response.id).where(Response.round_id == round_.id)
    db.session.execute(db.delete(Answer).where(Answer.response_id.in_(response_ids)))
    db.session.execute(db.delete(Response).where(Response.round_id == round_.id))
    db.session.execute(db.delete(Draft).where(Draft.round_id == round_.id))
    db.session.flush()
    return summary
