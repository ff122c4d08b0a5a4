"""Writing, adding and moderating idea-wall statements, and listing them."""

from __future__ import annotations

import unicodedata

from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from surveyapp.exceptions import NotFound
from surveyapp.extensions import db
from surveyapp.models import User
from surveyapp.models.ideawall import (
    AGREE,
    MAX_STATEMENT_LENGTH,
    IdeaParticipant,
    IdeaPrompt,
    IdeaStatement,
    IdeaVote,
    IdeaWall,
)
from surveyapp.privacy import mask_pii
from surveyapp.services.ideawall.errors import InvalidStatement, WallClosed
from surveyapp.services.ideawall.walls import SPACES, audit

#: how many statements one device may write on one wall (keeps a prankster from flooding it)
MAX_STATEMENTS_PER_PARTICIPANT = 15


# --- statements ----------------------------------------------------------------------


def clean_text(text: str | None) -> str:
    """Text as a participant meant it: no control or invisible characters, single spaces."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in text)
    return SPACES.sub(" ", text).strip()


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
