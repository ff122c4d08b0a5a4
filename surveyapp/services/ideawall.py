"""The idea wall: opening walls, joining, writing, voting, moderating and choosing for the plan.

Views call these functions. Functions that must survive a race (joining, voting) commit
themselves and turn the database's unique constraints into friendly errors; the rest leave
committing to the caller.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from surveyapp.exceptions import InnspillError, NotFound, RoundClosed
from surveyapp.extensions import db
from surveyapp.models import AuditEvent, Organisation, User, utcnow
from surveyapp.models.findings import Finding
from surveyapp.models.ideawall import (
    AGREE,
    CHOICE_KINDS,
    MAX_STATEMENT_LENGTH,
    IdeaChoice,
    IdeaJoinMinute,
    IdeaParticipant,
    IdeaPrompt,
    IdeaStatement,
    IdeaVote,
    IdeaWall,
)
from surveyapp.privacy import mask_pii
from surveyapp.services import findings as findings_service
from surveyapp.services.access import threshold_for
from surveyapp.services.report_render import number
from surveyapp.services.report_youth import suppressed_votes

#: join codes use upper-case letters and digits that cannot be mistaken for each other
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_PROMPTS = 5
#: how many statements one device may write on one wall (keeps a prankster from flooding it)
MAX_STATEMENTS_PER_PARTICIPANT = 15
#: where a statement taken into the plan lands as a finding; the planner can move it
FINDING_SECTION = "utfordringsbilde"
#: the longest finding statement (``finding.statement`` is a VARCHAR(500))
FINDING_LENGTH = 500
_KEY_PATTERN = re.compile(r"[0-9a-f]{32}")
_SPACE = re.compile(r"\s+")


class IdeaWallError(InnspillError):
    """Something a participant or planner asked for cannot be done; the message says why."""


class WallClosed(RoundClosed):
    """The wall does not take statements or votes any more."""


class AlreadyVoted(IdeaWallError):
    """This device has already voted on this statement."""


class InvalidStatement(IdeaWallError):
    """The statement is empty, too long, a duplicate, or one too many."""


class AlreadyChosen(IdeaWallError):
    """The statement is already in the plan, and already a finding."""


@dataclass(frozen=True)
class StatementCounts:
    agree: int = 0
    disagree: int = 0
    passes: int = 0

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.passes


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
    title = _SPACE.sub(" ", title).strip()
    prompts = [_SPACE.sub(" ", p).strip() for p in prompts if p and p.strip()]
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
    base = current_app.config["PUBLIC_BASE_URL"]
    return base + url_for("ideawall.participant.wall", code=wall.join_code)


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


# --- statements ----------------------------------------------------------------------


def clean_text(text: str | None) -> str:
    """Text as a participant meant it: no control or invisible characters, single spaces."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in text)
    return _SPACE.sub(" ", text).strip()


def _prompt_of(wall: IdeaWall, prompt_id: int | None) -> IdeaPrompt:
    if prompt_id is None and len(wall.prompts) == 1:
        return wall.prompts[0]
    prompt = next((p for p in wall.prompts if p.id == prompt_id), None)
    if prompt is None:
        raise InvalidStatement(_l("Velg hvilket spørsmål du svarer på."))
    return prompt


def _checked_text(wall: IdeaWall, text: str | None) -> str:
    cleaned = clean_text(text)
    if not cleaned:
        raise InvalidStatement(_l("Skriv noe før du sender."))
    if len(cleaned) > MAX_STATEMENT_LENGTH:
        raise InvalidStatement(
            _l("Innlegget kan være på høyst %(n)s tegn.", n=MAX_STATEMENT_LENGTH)
        )
    masked = mask_pii(cleaned)
    duplicate = db.session.scalar(
        db.select(IdeaStatement.id).where(
            IdeaStatement.wall_id == wall.id,
            func.lower(IdeaStatement.text) == masked.lower(),
            IdeaStatement.status != "rejected",
        )
    )
    if duplicate is not None:
        raise InvalidStatement(_l("Noen har allerede skrevet akkurat det. Stem på det i stedet!"))
    return masked


def write_statement(
    wall: IdeaWall, participant: IdeaParticipant, text: str | None, prompt_id: int | None = None
) -> IdeaStatement:
    """A participant's statement, masked, waiting for approval if the wall is moderated.

    As in Pol.is the author agrees with their own statement, so they are never asked to vote
    on it.
    """
    if not wall.is_open:
        raise WallClosed(_l("Idéveggen er stengt."))
    prompt = _prompt_of(wall, prompt_id)
    written = db.session.scalar(
        db.select(func.count(IdeaStatement.id)).filter_by(author_id=participant.id)
    )
    if written >= MAX_STATEMENTS_PER_PARTICIPANT:
        raise InvalidStatement(_l("Du har skrevet mange innlegg nå. Stem på de andres!"))
    statement = IdeaStatement(
        wall_id=wall.id,
        prompt=prompt,
        author_id=participant.id,
        text=_checked_text(wall, text),
        status="pending" if wall.moderated else "approved",
        vote_count=1,
    )
    db.session.add(statement)
    db.session.flush()
    db.session.add(IdeaVote(participant_id=participant.id, statement_id=statement.id, value=AGREE))
    return statement


def add_statement(
    wall: IdeaWall, text: str | None, prompt_id: int | None = None, user: User | None = None
) -> IdeaStatement:
    """A statement the contact person adds to start the discussion: approved at once."""
    statement = IdeaStatement(
        wall_id=wall.id,
        prompt=_prompt_of(wall, prompt_id),
        text=_checked_text(wall, text),
        status="approved",
    )
    db.session.add(statement)
    db.session.flush()
    audit(user, wall, "ideawall.statement.add", statement=statement.id)
    return statement


def statement_of(wall: IdeaWall, statement_id: int) -> IdeaStatement:
    statement = db.session.get(IdeaStatement, statement_id)
    if statement is None or statement.wall_id != wall.id:
        raise NotFound("no such statement on this wall")
    return statement


def moderate(statement: IdeaStatement, approve: bool, user: User | None = None) -> None:
    """Approve (show) or reject (hide) a statement; both can be undone."""
    statement.status = "approved" if approve else "rejected"
    action = "ideawall.statement.approve" if approve else "ideawall.statement.reject"
    audit(user, statement.wall, action, statement=statement.id)


def statements(wall: IdeaWall, status: str | None = None) -> list[IdeaStatement]:
    query = db.select(IdeaStatement).filter_by(wall_id=wall.id).order_by(IdeaStatement.id)
    if status is not None:
        query = query.filter_by(status=status)
    return list(db.session.scalars(query))


def own_statements(wall: IdeaWall, participant: IdeaParticipant) -> list[IdeaStatement]:
    return list(
        db.session.scalars(
            db.select(IdeaStatement)
            .filter_by(wall_id=wall.id, author_id=participant.id)
            .order_by(IdeaStatement.id)
        )
    )


# --- votes ---------------------------------------------------------------------------


def _votable(wall: IdeaWall, statement_id: int) -> None:
    """Raise NotFound unless the statement is an approved one on this wall."""
    row = db.session.execute(
        db.select(IdeaStatement.wall_id, IdeaStatement.status).where(
            IdeaStatement.id == statement_id
        )
    ).first()
    if row is None or row.wall_id != wall.id or row.status != "approved":
        raise NotFound("no such statement to vote on")


def cast_vote(wall: IdeaWall, participant: IdeaParticipant, statement_id: int, value: int) -> None:
    """Store and commit one vote, once per device and statement, also when requests race.

    There is deliberately no "already voted?" query first: the unique constraint on
    (participant, statement) decides, for the first double vote as for two racing ones, and
    the loser gets AlreadyVoted. The statement's vote count goes up in the same transaction.
    """
    if not wall.is_open:
        raise WallClosed(_l("Idéveggen er stengt. Takk for at du var med!"))
    _votable(wall, statement_id)
    db.session.add(IdeaVote(participant_id=participant.id, statement_id=statement_id, value=value))
    try:
        db.session.flush()
        db.session.execute(
            update(IdeaStatement)
            .where(IdeaStatement.id == statement_id)
            .values(vote_count=IdeaStatement.vote_count + 1)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
    except IntegrityError as e:
        db.session.rollback()
        raise AlreadyVoted(_l("Du har allerede stemt på dette innlegget.")) from e


@dataclass(frozen=True)
class NextStatement:
    id: int
    text: str
    prompt: str


def next_statement(wall_id: int, participant_id: int) -> NextStatement | None:
    """The approved statement this device should see next: the one with fewest votes.

    Ties are broken by a cheap hash of (device, statement), so devices see statements with
    equal counts in different orders and a new statement reaches someone quickly. One query,
    whatever the number of votes: the vote count is kept on the statement.
    """
    mine = (
        db.select(IdeaVote.id)
        .where(IdeaVote.participant_id == participant_id, IdeaVote.statement_id == IdeaStatement.id)
        .exists()
    )
    spread = (IdeaStatement.id * 31 + participant_id * 17) % 97
    row = db.session.execute(
        db.select(IdeaStatement.id, IdeaStatement.text, IdeaPrompt.text)
        .join(IdeaPrompt, IdeaPrompt.id == IdeaStatement.prompt_id)
        .where(IdeaStatement.wall_id == wall_id, IdeaStatement.status == "approved", ~mine)
        .order_by(IdeaStatement.vote_count, spread, IdeaStatement.id)
        .limit(1)
    ).first()
    return NextStatement(*row) if row is not None else None


def progress(wall_id: int, participant_id: int) -> tuple[int, int]:
    """(statements this device has voted on, approved statements) on the wall, in one query."""
    approved = IdeaStatement.status == "approved"
    voted = (
        db.select(func.count(IdeaVote.id))
        .join(IdeaStatement, IdeaStatement.id == IdeaVote.statement_id)
        .where(IdeaVote.participant_id == participant_id, approved)
        .scalar_subquery()
    )
    total = (
        db.select(func.count(IdeaStatement.id))
        .where(IdeaStatement.wall_id == wall_id, approved)
        .scalar_subquery()
    )
    voted_n, total_n = db.session.execute(db.select(voted, total)).one()
    return int(voted_n), int(total_n)


# --- counts --------------------------------------------------------------------------


def _counted_vote():
    """Votes of devices that joined before the wall was closed to new participants."""
    counted = db.select(IdeaParticipant.id).where(IdeaParticipant.counted)
    return IdeaVote.participant_id.in_(counted)


def statement_counts(wall: IdeaWall) -> dict[int, StatementCounts]:
    """Agree / disagree / pass counts of every approved statement, in one query."""

    def tally(value: int):
        return func.coalesce(func.sum(case((IdeaVote.value == value, 1), else_=0)), 0)

    rows = db.session.execute(
        db.select(IdeaStatement.id, tally(1), tally(-1), tally(0))
        .outerjoin(IdeaVote, (IdeaVote.statement_id == IdeaStatement.id) & _counted_vote())
        .where(IdeaStatement.wall_id == wall.id, IdeaStatement.status == "approved")
        .group_by(IdeaStatement.id)
    )
    return {sid: StatementCounts(int(a), int(d), int(p)) for sid, a, d, p in rows}


def wall_totals(walls: list[IdeaWall]) -> dict[int, dict[str, int]]:
    """Participants, approved and pending statements and votes per wall, in three queries."""
    ids = [w.id for w in walls]
    totals = {i: {"participants": 0, "approved": 0, "pending": 0, "votes": 0} for i in ids}
    for wall_id, n in db.session.execute(
        db.select(IdeaParticipant.wall_id, func.count(IdeaParticipant.id))
        .where(IdeaParticipant.wall_id.in_(ids), IdeaParticipant.counted)
        .group_by(IdeaParticipant.wall_id)
    ):
        totals[wall_id]["participants"] = n
    for wall_id, status, n in db.session.execute(
        db.select(IdeaStatement.wall_id, IdeaStatement.status, func.count(IdeaStatement.id))
        .where(IdeaStatement.wall_id.in_(ids), IdeaStatement.status != "rejected")
        .group_by(IdeaStatement.wall_id, IdeaStatement.status)
    ):
        totals[wall_id][status] = n
    for wall_id, n in db.session.execute(
        db.select(IdeaStatement.wall_id, func.count(IdeaVote.id))
        .join(IdeaVote, IdeaVote.statement_id == IdeaStatement.id)
        .where(
            IdeaStatement.wall_id.in_(ids), IdeaStatement.status == "approved", _counted_vote()
        )
        .group_by(IdeaStatement.wall_id)
    ):
        totals[wall_id]["votes"] = n
    return totals


def vote_triples(wall: IdeaWall) -> list[tuple[int, int, int]]:
    """(participant id, statement id, value) for every vote on an approved statement."""
    rows = db.session.execute(
        db.select(IdeaVote.participant_id, IdeaVote.statement_id, IdeaVote.value)
        .join(IdeaStatement, IdeaStatement.id == IdeaVote.statement_id)
        .where(
            IdeaStatement.wall_id == wall.id, IdeaStatement.status == "approved", _counted_vote()
        )
        .order_by(IdeaVote.participant_id, IdeaVote.statement_id)
    )
    return [(p, s, v) for p, s, v in rows]


# --- into the plan -------------------------------------------------------------------


def votes_phrase(counts: Mapping[str, int], threshold: int) -> str:
    """The votes as words, "20 enige, 0 uenige, 0 vet ikke", suppressed as in the report."""
    shown = {key: number(n) for key, n in suppressed_votes(counts, threshold).items()}
    return _("%(agree)s enige, %(disagree)s uenige, %(passes)s vet ikke", **shown)


def choose(statement: IdeaStatement, kind: str, user: User | None = None) -> Finding:
    """Take an approved statement into the plan in one step, and commit.

    Two rows keep its vote counts as they are now: an ``IdeaChoice`` for the report's
    "Ungdomsrådet mener", and a finding under "utfordringsbilde" that the planner edits,
    moves and exports like any other. A statement goes into the plan once: choosing it
    again raises AlreadyChosen and changes nothing, also when two clicks race (the unique
    constraint on ``idea_choice.statement_id`` decides, as it does for votes).
    """
    if kind not in CHOICE_KINDS:
        raise IdeaWallError(f"unknown kind {kind!r}")
    if statement.status != "approved":
        raise IdeaWallError(_l("Bare godkjente innlegg kan tas med i planen."))
    if statement.choice is not None:
        raise AlreadyChosen(_l("Innlegget er allerede et funn."))
    wall = statement.wall
    counts = statement_counts(wall).get(statement.id, StatementCounts())
    data = findings_service.FindingData(
        statement=_finding_statement(statement.text),
        plan_section=FINDING_SECTION,
        details=_finding_details(wall, kind, counts),
    )
    choice = IdeaChoice(
        wall_id=wall.id,
        statement_id=statement.id,
        kind=kind,
        agree=counts.agree,
        disagree=counts.disagree,
        passes=counts.passes,
        chosen_by_id=user.id if user is not None else None,
        chosen_at=utcnow(),
    )
    try:
        db.session.add(choice)
        finding = findings_service.create_finding(wall.organisation, data, user)
        audit(
            user, wall, "ideawall.choice.add", statement=statement.id, kind=kind, finding=finding.id
        )
        db.session.commit()
    except IntegrityError as e:
        db.session.rollback()
        raise AlreadyChosen(_l("Innlegget er allerede et funn.")) from e
    return finding


def _finding_statement(text: str) -> str:
    """The statement's stored (masked) text, shortened to fit a finding if it must."""
    text = " ".join(text.split())
    return text if len(text) <= FINDING_LENGTH else text[: FINDING_LENGTH - 1].rstrip() + "…"


def _finding_details(wall: IdeaWall, kind: str, counts: StatementCounts) -> str:
    """What the finding rests on: the wall, the kind of statement and its (suppressed) votes."""
    votes = votes_phrase(asdict(counts), threshold_for(wall.organisation))
    if kind == "common_ground":
        sentence = _("Ungdomsrådet er enige om dette (%(votes)s).", votes=votes)
    else:
        sentence = _("Ungdomsrådet er delt i synet på dette (%(votes)s).", votes=votes)
    source = _(
        "Fra idéveggen «%(title)s», %(date)s.",
        title=wall.title,
        date=format_date(wall.created_at, "d. MMMM y"),
    )
    return f"{sentence} {source}"


def unchoose(statement: IdeaStatement, user: User | None = None) -> None:
    """Take the statement out of "Ungdomsrådet mener"; the finding it became stays."""
    if statement.choice is not None:
        db.session.delete(statement.choice)
        audit(user, statement.wall, "ideawall.choice.remove", statement=statement.id)


def choices(wall: IdeaWall) -> list[IdeaChoice]:
    """What was chosen for the plan: common ground first, then by agreement."""
    items = db.session.scalars(
        db.select(IdeaChoice).filter_by(wall_id=wall.id).options(joinedload(IdeaChoice.statement))
    ).all()
    order = {kind: i for i, kind in enumerate(CHOICE_KINDS)}
    return sorted(items, key=lambda c: (order[c.kind], -c.agree, c.disagree, c.statement_id))
