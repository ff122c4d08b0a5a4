"""Opening, closing and describing rounds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import AUDIENCES, Organisation, QuestionnaireVersion, Response, Round, User
from surveyapp.services.links import public_url_for


@dataclass(frozen=True)
class RoundSettings:
    title: str
    audience: str
    anonymous: bool = True
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    access_code: str | None = None
    municipality_ids: tuple[int, ...] = ()


def create_round(
    organisation: Organisation,
    version: QuestionnaireVersion,
    settings: RoundSettings,
    created_by: User | None = None,
) -> Round:
    """A new round of ``version`` for ``organisation``."""
    if not settings.title.strip():
        raise InnspillError("Runden må ha en tittel.")
    if settings.audience not in AUDIENCES:
        raise InnspillError(f"Ukjent målgruppe: {settings.audience}.")
    if settings.opens_at and settings.closes_at and settings.closes_at <= settings.opens_at:
        raise InnspillError("Sluttidspunktet må komme etter starttidspunktet.")
    chosen = set(settings.municipality_ids)
    round_ = Round(
        organisation=organisation,
        questionnaire_version=version,
        title=settings.title.strip(),
        audience=settings.audience,
        anonymous=settings.anonymous,
        opens_at=settings.opens_at,
        closes_at=settings.closes_at,
        created_by=created_by,
        municipalities=[m for m in organisation.municipalities if not chosen or m.id in chosen],
    )
    round_.set_access_code(settings.access_code)
    db.session.add(round_)
    db.session.flush()
    return round_


def public_url(round_: Round) -> str:
    """The answer URL to share with respondents."""
    return public_url_for("respondent.start", slug=round_.slug)


def response_counts(round_ids: list[int]) -> dict[int, int]:
    """Submitted responses per round, in one query."""
    rows = db.session.execute(
        db.select(Response.round_id, func.count(Response.id))
        .where(Response.round_id.in_(round_ids))
        .group_by(Response.round_id)
    )
    return {round_id: count for round_id, count in rows}


def list_rounds(organisation: Organisation | None = None) -> list[Round]:
    query = db.select(Round).order_by(Round.created_at.desc(), Round.id.desc())
    if organisation is not None:
        query = query.where(Round.organisation_id == organisation.id)
    return list(db.session.scalars(query))


def describe(rounds: list[Round]) -> list[dict]:
    """Rounds as plain data: what ``rounds list --json`` prints."""
    counts = response_counts([r.id for r in rounds])
    return [
        {
            "id": r.id,
            "title": r.title,
            "questionnaire": r.questionnaire_version.questionnaire.key,
            "state": r.state,
            "url": public_url(r),
            "access_code": r.needs_access_code,
            "responses": counts.get(r.id, 0),
        }
        for r in rounds
    ]
