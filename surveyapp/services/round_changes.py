"""Changing a round after it is created: edit, open, close, reopen and duplicate.

State stays derived from ``opens_at``/``closes_at``: opening sets ``opens_at`` to now,
closing sets ``closes_at`` to now, reopening moves ``closes_at`` into the future.
"""

from __future__ import annotations

import re
from datetime import datetime

from flask_babel import gettext as _

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import AUDIENCES, Round, RoundSummary, User, utcnow
from surveyapp.services.questionnaires import latest_version
from surveyapp.services.rounds import RoundSettings, create_round

YEAR = re.compile(r"\b(20\d\d)\b")


def check_settings(settings: RoundSettings, now: datetime | None = None) -> None:
    """Rules every round's settings follow; raises InnspillError with a readable message."""
    if not settings.title.strip():
        raise InnspillError(_("Runden må ha en tittel."))
    if settings.audience not in AUDIENCES:
        raise InnspillError(_("Ukjent målgruppe."))
    if settings.audience == "youth" and not settings.anonymous:
        raise InnspillError(_("Runder for ungdom må være anonyme."))
    if settings.opens_at and settings.closes_at and settings.closes_at <= settings.opens_at:
        raise InnspillError(_("Sluttidspunktet må komme etter starttidspunktet."))
    if settings.closes_at and settings.closes_at <= (now or utcnow()):
        raise InnspillError(_("Sluttidspunktet har allerede vært."))


def update_round(round_: Round, settings: RoundSettings, keep_access_code: bool = True) -> None:
    """Change every setting of a round that has not opened yet."""
    if round_.state != "draft":
        raise InnspillError(_("Runden er åpnet, så innstillingene kan ikke endres lenger."))
    check_settings(settings)
    chosen = set(settings.municipality_ids)
    round_.title = settings.title.strip()
    round_.audience = settings.audience
    round_.anonymous = settings.anonymous
    round_.opens_at = settings.opens_at
    round_.closes_at = settings.closes_at
    round_.municipalities = [
        m for m in round_.organisation.municipalities if not chosen or m.id in chosen
    ]
    if settings.access_code or not keep_access_code:
        round_.set_access_code(settings.access_code)


def open_round(round_: Round) -> None:
    """Open a draft now."""
    now = utcnow()
    if round_.state != "draft":
        raise InnspillError(_("Bare runder som ikke er åpnet, kan åpnes."))
    if round_.closes_at is not None and round_.closes_at <= now:
        raise InnspillError(_("Sluttidspunktet har allerede vært. Endre det før du åpner runden."))
    round_.opens_at = now


def close_round(round_: Round) -> None:
    """Stop taking answers now."""
    if round_.state != "open":
        raise InnspillError(_("Bare åpne runder kan stenges."))
    round_.closes_at = utcnow()


def raw_deleted(round_: Round) -> bool:
    return db.session.scalar(db.select(RoundSummary.id).filter_by(round_id=round_.id)) is not None


def reopen_round(round_: Round, closes_at: datetime | None) -> None:
    """Take answers again, until ``closes_at`` or until someone closes it."""
    if round_.state != "closed":
        raise InnspillError(_("Bare stengte runder kan åpnes igjen."))
    if raw_deleted(round_):
        raise InnspillError(_("Svarene i runden er slettet, så den kan ikke åpnes igjen."))
    if closes_at is not None and closes_at <= utcnow():
        raise InnspillError(_("Det nye sluttidspunktet må ligge fram i tid."))
    round_.closes_at = closes_at


def next_title(title: str) -> str:
    """``Kartlegging 2026`` becomes ``Kartlegging 2027``; other titles get ``(kopi)``."""
    if YEAR.search(title):
        return YEAR.sub(lambda m: str(int(m.group(1)) + 1), title)
    return _("%(title)s (kopi)", title=title)[:200]


def duplicate_round(round_: Round, user: User | None) -> Round:
    """A new draft with the same settings and the newest version of the same questionnaire."""
    version = latest_version(round_.questionnaire_version.questionnaire.key, round_.organisation)
    settings = RoundSettings(
        title=next_title(round_.title),
        audience=round_.audience,
        anonymous=round_.anonymous,
        municipality_ids=tuple(m.id for m in round_.municipalities),
    )
    copy = create_round(round_.organisation, version, settings, created_by=user)
    copy.access_code_hash = round_.access_code_hash
    return copy
