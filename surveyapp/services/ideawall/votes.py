"""Voting on idea-wall statements, the next statement to vote on, and the vote counts.

Voting must survive a race: :func:`cast_vote` commits itself and turns the database's unique
constraint into :class:`AlreadyVoted`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import SmallInteger, bindparam, case, func, insert, update
from sqlalchemy.exc import IntegrityError, OperationalError

from surveyapp.exceptions import NotFound
from surveyapp.extensions import db
from surveyapp.models.ideawall import IdeaParticipant, IdeaPrompt, IdeaStatement, IdeaVote, IdeaWall
from surveyapp.services.ideawall.errors import AlreadyVoted, WallClosed


@dataclass(frozen=True)
class StatementCounts:
    agree: int = 0
    disagree: int = 0
    passes: int = 0

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.passes



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
        _count_one(statement_id)
        db.session.commit()
    except IntegrityError as e:
        db.session.rollback()
        raise AlreadyVoted(_l("Du har allerede stemt på dette innlegget.")) from e


def vote_at_once(join_code: str, key_hash: str, statement_id: int, value: int) -> int | None:
    """The common case of :func:`cast_vote` in two statements: the vote, and the count.

    One ``INSERT ... SELECT`` stores the vote only if the wall with ``join_code`` is open, the
    device with ``key_hash`` joined it and the statement is an approved one of it, and returns
    the participant's id; None when any of that is not so (nothing is stored: let
    :func:`cast_vote` say why). A second vote raises AlreadyVoted, as in :func:`cast_vote`.

    On SQLite a statement that reads and then writes is refused at once ("database is
    locked", without waiting) when another connection wrote in between; it is tried again.
    """
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            return _vote_at_once(join_code, key_hash, statement_id, value)
        except OperationalError:
            db.session.rollback()
            if attempt == WRITE_ATTEMPTS:
                raise
            time.sleep(0.005 * attempt)
    return None


#: tries of :func:`vote_at_once` when SQLite refuses a write that raced another
WRITE_ATTEMPTS = 5


def _voting_statements():
    """The three statements of a vote on the hot path, built once with bind parameters.

    Built per call, each cost more Python (the expression, then its cache key) than SQLite
    took to run it; a module-level statement keeps its cache key between executions. The
    insert and the update run on the session's connection: given parameters, the ORM would
    read them as rows of a bulk insert or update.
    """
    participant_id = bindparam("participant_id")
    chosen = (
        db.select(IdeaParticipant.id, IdeaStatement.id, bindparam("value", type_=SmallInteger))
        .join(IdeaWall, IdeaWall.id == IdeaParticipant.wall_id)
        .join(IdeaStatement, IdeaStatement.wall_id == IdeaWall.id)
        .where(
            IdeaWall.join_code == bindparam("join_code"),
            IdeaWall.closed_at.is_(None),
            IdeaParticipant.key_hash == bindparam("key_hash"),
            IdeaStatement.id == bindparam("statement_id"),
            IdeaStatement.status == "approved",
        )
    )
    store = (
        insert(IdeaVote)
        .from_select(["participant_id", "statement_id", "value"], chosen)
        .returning(IdeaVote.participant_id)
    )
    count = (
        update(IdeaStatement)
        .where(IdeaStatement.id == bindparam("statement_id"))
        .values(vote_count=IdeaStatement.vote_count + 1)
        .execution_options(synchronize_session=False)
    )
    wall_id = (
        db.select(IdeaParticipant.wall_id)
        .where(IdeaParticipant.id == participant_id)
        .scalar_subquery()
    )
    voted, total = _progress(wall_id, participant_id)
    mine = (
        db.select(IdeaVote.id)
        .where(IdeaVote.participant_id == participant_id, IdeaVote.statement_id == IdeaStatement.id)
        .exists()
    )
    spread = (IdeaStatement.id * 31 + participant_id * 17) % 97
    upcoming = (
        db.select(IdeaStatement.id, IdeaStatement.text, IdeaPrompt.text, voted, total)
        .join(IdeaPrompt, IdeaPrompt.id == IdeaStatement.prompt_id)
        .where(IdeaStatement.wall_id == wall_id, IdeaStatement.status == "approved", ~mine)
        .order_by(IdeaStatement.vote_count, spread, IdeaStatement.id)
        .limit(1)
    )
    return store, count, upcoming, db.select(voted, total)


def _vote_at_once(join_code: str, key_hash: str, statement_id: int, value: int) -> int | None:
    try:
        params = {
            "join_code": join_code,
            "key_hash": key_hash,
            "statement_id": statement_id,
            "value": value,
        }
        participant_id = db.session.connection().scalar(_STORE, params)
        if participant_id is None:
            db.session.rollback()
            return None
        _count_one(statement_id)
        db.session.commit()
    except IntegrityError as e:
        db.session.rollback()
        raise AlreadyVoted(_l("Du har allerede stemt på dette innlegget.")) from e
    return participant_id


def _count_one(statement_id: int) -> None:
    db.session.connection().execute(_COUNT, {"statement_id": statement_id})


@dataclass(frozen=True)
class NextStatement:
    id: int
    text: str
    prompt: str


def next_statement(participant_id: int) -> tuple[NextStatement | None, int, int]:
    """The approved statement this device should see next (the one with fewest votes), and
    its progress: statements it voted on, approved statements on its wall.

    Ties are broken by a cheap hash of (device, statement), so devices see statements with
    equal counts in different orders and a new statement reaches someone quickly. One query
    while there is a next statement, whatever the number of votes (the vote count is kept on
    the statement); two once the device has voted on everything.
    """
    params = {"participant_id": participant_id}
    row = db.session.execute(_UPCOMING, params).first()
    if row is not None:
        return NextStatement(row[0], row[1], row[2]), int(row[3]), int(row[4])
    voted_n, total_n = db.session.execute(_PROGRESS, params).one()
    return None, int(voted_n), int(total_n)


def _progress(wall_id, participant_id):
    """Scalar subqueries: statements this device voted on, approved statements on the wall."""
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
    return voted, total


_STORE, _COUNT, _UPCOMING, _PROGRESS = _voting_statements()


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
    """Per wall, in three queries: ``participants`` (phones that joined), ``voters`` (of them,
    those who voted on a shown statement), approved and pending statements, and votes."""
    ids = [w.id for w in walls]
    keys = ("participants", "voters", "approved", "pending", "votes")
    totals = {i: dict.fromkeys(keys, 0) for i in ids}
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
    for wall_id, n, voters in db.session.execute(
        db.select(
            IdeaStatement.wall_id,
            func.count(IdeaVote.id),
            func.count(func.distinct(IdeaVote.participant_id)),
        )
        .join(IdeaVote, IdeaVote.statement_id == IdeaStatement.id)
        .where(
            IdeaStatement.wall_id.in_(ids), IdeaStatement.status == "approved", _counted_vote()
        )
        .group_by(IdeaStatement.wall_id)
    ):
        totals[wall_id]["votes"], totals[wall_id]["voters"] = n, voters
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
