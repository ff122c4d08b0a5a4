"""Opening, finding and joining idea walls, and the audit log of planner actions on them.

Joining must survive a race: it commits itself and turns the database's unique constraint
into the existing participant; the rest leave committing to the caller.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError

from surveyapp.extensions import db
from surveyapp.models import AuditEvent, Organisation, User, utcnow
from surveyapp.models.ideawall import IdeaJoinMinute, IdeaParticipant, IdeaPrompt, IdeaWall
from surveyapp.services.ideawall.errors import IdeaWallError, WallClosed
from surveyapp.services.rounds import public_url_for

#: join codes use upper-case letters and digits that cannot be mistaken for each other
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_PROMPTS = 5
_KEY_PATTERN = re.compile(r"[0-9a-f]{32}")
#: runs of white space, made into one space in titles, prompts and statements
SPACES = re.compile(r"\s+")


# --- walls ---------------------------------------------------------------------------


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str | None) -> str:
    """What a participant typed, as a code: upper case, no spaces or dashes."""
    return re.sub(r"[\s\-]", "", raw or "").upper()[:16]


def create_wall(
    organisation: Organisation,
    title: str,
    prompts: list[str],
    *,
    moderated: bool = True,
    created_by: User | None = None,
) -> IdeaWall:
    """A new, open wall with a join code no other wall has ever had."""
    title = SPACES.sub(" ", title).strip()
    prompts = [SPACES.sub(" ", p).strip() for p in prompts if p and p.strip()]
    if not title:
        raise IdeaWallError(_l("Idéveggen må ha en tittel."))
    if not prompts or len(prompts) > MAX_PROMPTS:
        raise IdeaWallError(_l("Skriv mellom ett og fem spørsmål, ett på hver linje."))
    if any(len(p) > 300 for p in prompts):
        raise IdeaWallError(_l("Hvert spørsmål kan være på høyst 300 tegn."))
    code = new_join_code()
    while db.session.scalar(db.select(IdeaWall.id).filter_by(join_code=code)) is not None:
        code = new_join_code()
    wall = IdeaWall(
        organisation=organisation,
        title=title[:200],
        join_code=code,
        moderated=moderated,
        created_by=created_by,
        prompts=[IdeaPrompt(position=i, text=p) for i, p in enumerate(prompts)],
    )
    db.session.add(wall)
    db.session.flush()
    audit(created_by, wall, "ideawall.create")
    return wall


def find_wall(code: str) -> IdeaWall | None:
    """The wall with this join code (as typed); None for anything that cannot be a code."""
    code = normalise_code(code)
    if not code or set(code) - set(CODE_ALPHABET):
        return None
    return db.session.scalar(db.select(IdeaWall).filter_by(join_code=code))


def list_walls(organisation: Organisation) -> list[IdeaWall]:
    return list(
        db.session.scalars(
            db.select(IdeaWall)
            .filter_by(organisation_id=organisation.id)
            .order_by(IdeaWall.created_at.desc(), IdeaWall.id.desc())
        )
    )


def set_open(wall: IdeaWall, is_open: bool, user: User | None = None) -> None:
    """Close the wall (nothing more is written or voted) or open it again."""
    wall.closed_at = None if is_open else (wall.closed_at or utcnow())
    audit(user, wall, "ideawall.open" if is_open else "ideawall.close")


def set_entry(wall: IdeaWall, is_open: bool, user: User | None = None) -> None:
    """*Steng for nye deltakere* (devices joining later are not counted), or open it again."""
    wall.entry_closed_at = None if is_open else (wall.entry_closed_at or utcnow())
    audit(user, wall, "ideawall.entry_open" if is_open else "ideawall.entry_close")


def join_rate(wall: IdeaWall, now: datetime | None = None) -> dict[str, int]:
    """Joins in the last minute and in the busiest minute: a sudden burst shows stuffing."""
    minute = _minute(now or utcnow())
    rows = db.session.execute(
        db.select(IdeaJoinMinute.minute, IdeaJoinMinute.joins).filter_by(wall_id=wall.id)
    ).all()
    return {
        "last_minute": sum(n for m, n in rows if m >= minute - timedelta(minutes=1)),
        "busiest_minute": max((n for _m, n in rows), default=0),
        "not_counted": db.session.scalar(
            db.select(func.count(IdeaParticipant.id)).filter_by(wall_id=wall.id, counted=False)
        ),
    }


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def _note_join(wall: IdeaWall) -> None:
    """Count one join in this minute's row (made when missing; race-safe)."""
    minute = _minute(utcnow())
    row = db.select(IdeaJoinMinute.id).filter_by(wall_id=wall.id, minute=minute)
    if db.session.scalar(row) is None:
        try:
            with db.session.begin_nested():
                db.session.add(IdeaJoinMinute(wall_id=wall.id, minute=minute, joins=0))
        except IntegrityError:
            pass
    db.session.execute(
        db.update(IdeaJoinMinute)
        .where(IdeaJoinMinute.wall_id == wall.id, IdeaJoinMinute.minute == minute)
        .values(joins=IdeaJoinMinute.joins + 1)
        .execution_options(synchronize_session=False)
    )


def join_url(wall: IdeaWall) -> str:
    """The address participants open (and the QR code holds)."""
    return public_url_for("ideawall.participant.wall", code=wall.join_code)


def audit(user: User | None, wall: IdeaWall, action: str, **details: Any) -> None:
    """Log a planner action. Never pass statement text: the log holds ids only."""
    db.session.add(
        AuditEvent(
            organisation_id=wall.organisation_id,
            user_id=user.id if user is not None else None,
            action=action,
            target=f"idea_wall:{wall.id}",
            details=details,
        )
    )


# --- participants --------------------------------------------------------------------


def new_participant_key() -> str:
    """A random 128-bit device key for the participant's cookie."""
    return secrets.token_hex(16)


def hash_key(key: str | None) -> str | None:
    """The stored form of a device key, or None when ``key`` is not one we could have made."""
    if not key or not _KEY_PATTERN.fullmatch(key):
        return None
    return hashlib.sha256(key.encode()).hexdigest()


def participant_for(wall: IdeaWall, key: str | None) -> IdeaParticipant | None:
    digest = hash_key(key)
    if digest is None:
        return None
    return db.session.scalar(db.select(IdeaParticipant).filter_by(wall_id=wall.id, key_hash=digest))


def join(wall: IdeaWall, key: str) -> IdeaParticipant:
    """The participant for this device key, added and committed when new (race-safe)."""
    existing = participant_for(wall, key)
    if existing is not None:
        return existing
    if not wall.is_open:
        raise WallClosed(_l("Idéveggen er stengt."))
    digest = hash_key(key)
    if digest is None:
        raise IdeaWallError(_l("Ugyldig nøkkel."))
    participant = IdeaParticipant(
        wall_id=wall.id, key_hash=digest, counted=wall.entry_closed_at is None
    )
    db.session.add(participant)
    try:
        db.session.flush()
        _note_join(wall)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        participant = participant_for(wall, key)
        if participant is None:
            raise
    return participant
