"""Invariants of the idea wall that the database itself enforces."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from surveyapp.models.ideawall import IdeaChoice, IdeaParticipant, IdeaStatement, IdeaVote, IdeaWall


@pytest.fixture
def statement(db, make_wall, seed):
    wall = make_wall()
    (statement,) = seed(wall, "Gratis steder å henge")
    participant = IdeaParticipant(wall_id=wall.id, key_hash="a" * 64)
    db.session.add(participant)
    db.session.commit()
    return statement, participant


def test_one_vote_per_participant_and_statement(db, statement):
    s, p = statement
    db.session.add(IdeaVote(participant_id=p.id, statement_id=s.id, value=1))
    db.session.commit()
    db.session.add(IdeaVote(participant_id=p.id, statement_id=s.id, value=-1))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize(
    "make",
    [
        lambda s, p: IdeaVote(participant_id=p.id, statement_id=s.id, value=2),
        lambda s, p: IdeaStatement(
            wall_id=s.wall_id, prompt_id=s.prompt_id, text="x", status="maybe"
        ),
        lambda s, p: IdeaChoice(
            wall_id=s.wall_id, statement_id=s.id, kind="best", agree=1, disagree=0, passes=0
        ),
        lambda s, p: IdeaChoice(
            wall_id=s.wall_id, statement_id=s.id, kind="divisive", agree=-1, disagree=0, passes=0
        ),
        lambda s, p: IdeaParticipant(wall_id=s.wall_id, key_hash="a" * 64),
        lambda s, p: IdeaWall(
            organisation_id=s.wall.organisation_id, title="x", join_code=s.wall.join_code
        ),
    ],
    ids=[
        "vote-value",
        "statement-status",
        "choice-kind",
        "choice-counts",
        "same-device-twice",
        "join-code-reused",
    ],
)
def test_invalid_rows_are_refused(db, statement, make):
    db.session.add(make(*statement))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_deleting_a_wall_deletes_everything_in_it(db, statement):
    s, p = statement
    db.session.add(IdeaVote(participant_id=p.id, statement_id=s.id, value=0))
    db.session.add(
        IdeaChoice(
            wall_id=s.wall_id, statement_id=s.id, kind="divisive", agree=0, disagree=0, passes=1
        )
    )
    db.session.commit()
    with db.engine.begin() as conn:
        conn.execute(db.text("DELETE FROM idea_wall"))
    for model in (IdeaVote, IdeaChoice, IdeaParticipant, IdeaStatement):
        assert db.session.scalars(db.select(model)).all() == []
