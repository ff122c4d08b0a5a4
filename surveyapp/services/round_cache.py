"""Rounds as respondents meet them, cached per process and checked by their revision.

Every respondent request needs the round, its questionnaire version, its organisation's name
and its places; reading them costs two queries, and they change perhaps a handful of times
in a round's life. So each process keeps a :class:`PublicRound` (plain, immutable data) per
slug, and checks it against ``round.revision``, which every change raises (see
:func:`surveyapp.models.rounds._bump_revisions`), whichever process or instance made it:

* pages that store something (a page of answers, the submission) read the revision in the
  same query that reads the draft, and reload the round when it moved;
* starting (the access code, open or closed) checks the revision first, in one small query;
* pages that only show something (the front page, the receipt) may use a copy checked in the
  last ``ROUND_CACHE_SECONDS`` (default 2): a front page may say "open" two seconds after
  a planner closed the round, but pressing *Start* then says it is closed.

Time-based opening and closing needs no check at all: the state is worked out from the cached
``opens_at``/``closes_at`` at every request. Changes made in this process drop its copy at once.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session, joinedload, selectinload
from werkzeug.security import check_password_hash

from surveyapp.extensions import db
from surveyapp.models import Municipality, QuestionnaireVersion, Round, utcnow
from surveyapp.models.rounds import is_slug, state_at

#: more rounds than a process serves at once; past it the cache starts again
LIMIT = 1000


@dataclass(frozen=True)
class PublicOrganisation:
    id: int
    name: str
    suppression_threshold: int


@dataclass(frozen=True)
class PublicRound:
    """What respondent pages use of a round, read once per revision."""

    id: int
    slug: str
    title: str
    audience: str
    anonymous: bool
    opens_at: datetime | None
    closes_at: datetime | None
    access_code_hash: str | None
    revision: int
    organisation: PublicOrganisation
    questionnaire_version_id: int
    checksum: str
    #: (id, name) of the round's municipalities, by name
    places: tuple[tuple[int, str], ...]

    @property
    def state(self) -> str:
        return state_at(self.opens_at, self.closes_at, utcnow())

    @property
    def needs_access_code(self) -> bool:
        return self.access_code_hash is not None

    def check_access_code(self, code: str) -> bool:
        return self.access_code_hash is None or check_password_hash(self.access_code_hash, code)

    @property
    def municipality_names(self) -> tuple[str, ...]:
        return tuple(name for _, name in self.places)


#: slug -> (the round, when it was last read or checked: time.monotonic())
_ROUNDS: dict[str, tuple[PublicRound, float]] = {}


def _public(round_: Round) -> PublicRound:
    org = round_.organisation
    return PublicRound(
        id=round_.id,
        slug=round_.slug,
        title=round_.title,
        audience=round_.audience,
        anonymous=round_.anonymous,
        opens_at=round_.opens_at,
        closes_at=round_.closes_at,
        access_code_hash=round_.access_code_hash,
        revision=round_.revision,
        organisation=PublicOrganisation(org.id, org.name, org.suppression_threshold),
        questionnaire_version_id=round_.questionnaire_version_id,
        checksum=round_.questionnaire_version.checksum,
        places=tuple((m.id, m.name) for m in round_.municipalities),
    )


def _keep(public: PublicRound) -> PublicRound:
    if len(_ROUNDS) >= LIMIT:
        _ROUNDS.clear()
    _ROUNDS[public.slug] = (public, time.monotonic())
    return public


def load(slug: str) -> tuple[PublicRound, QuestionnaireVersion] | None:
    """Read the round from the database (two queries) and keep it; None if there is none.

    The version comes along (its large definition deferred) so that a definition not parsed
    yet in this process can be read from it.
    """
    if not is_slug(slug):
        return None
    round_ = db.session.scalar(
        db.select(Round)
        .filter_by(slug=slug)
        .options(
            joinedload(Round.questionnaire_version).defer(QuestionnaireVersion.definition),
            joinedload(Round.organisation),
            selectinload(Round.municipalities).load_only(Municipality.id, Municipality.name),
        )
        # a Round this session already holds may be older than the row: read the row
        .execution_options(populate_existing=True)
    )
    if round_ is None:
        _ROUNDS.pop(slug, None)
        return None
    return _keep(_public(round_)), round_.questionnaire_version


def cached(slug: str, max_age: float | None = None) -> PublicRound | None:
    """This process's copy, if checked within ``max_age`` seconds (any age when None)."""
    found = _ROUNDS.get(slug)
    if found is None:
        return None
    public, checked = found
    if max_age is not None and time.monotonic() - checked > max_age:
        return None
    return public


def recent_enough() -> float:
    """How old a copy pages that only show something may use (``ROUND_CACHE_SECONDS``)."""
    return float(current_app.config.get("ROUND_CACHE_SECONDS", 2))


def current_revision(slug: str) -> int | None:
    """The round's revision in the database now (one small query); None if it is gone."""
    if not is_slug(slug):
        return None
    return db.session.scalar(db.select(Round.revision).filter_by(slug=slug))


def confirm(public: PublicRound, revision: int | None) -> bool:
    """Whether ``public`` is still the round at ``revision`` (read just now); note the check."""
    if revision is None or revision != public.revision:
        _ROUNDS.pop(public.slug, None)
        return False
    _ROUNDS[public.slug] = (public, time.monotonic())
    return True


def forget(slug: str) -> None:
    _ROUNDS.pop(slug, None)


@event.listens_for(Session, "after_flush")
def _drop_changed(session: Session, flush_context) -> None:
    """A round changed in this process is read again here at once (others see its revision)."""
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, Round) and obj.slug in _ROUNDS:
            _ROUNDS.pop(obj.slug, None)
