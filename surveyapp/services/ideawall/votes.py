"""Voting on idea-wall statements, the next statement to vote on, and the vote counts.

Voting must survive a race: :func:`cast_vote` commits itself and turns the database's unique
constraint into :class:`AlreadyVoted`.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, update
from sqlalchemy.exc import IntegrityError

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
