"""Opening, closing and describing rounds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from datetime import datetime

from flask import current_app, has_request_context, request, url_for
from sqlalchemy import func

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import AUDIENCES, Organisation, QuestionnaireVersion, Response, Round, User


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


#: outside a request (the CLI) in development, when PUBLIC_BASE_URL is not set
DEVELOPMENT_ADDRESS = "http://127.0.0.1:5000"


def public_url_for(endpoint: str, **values: Any) -> str:
    """``url_for(endpoint, **values)`` as an absolute address respondents can open.

    ``PUBLIC_BASE_URL`` when it is set (production refuses to start without it). Otherwise
    the address the planner is on (the request's scheme, host and port), so ``make run
    PORT=8080`` and a laptop reached by its LAN address give links that work. Either base is
    the address of the app's root; the path is added to it.
    """
    base = current_app.config.get("PUBLIC_BASE_URL")
    if has_request_context():
        # request.root_url, not SERVER_NAME: the host and port the planner really used
        base = base or request.root_url
        path = url_for(endpoint, **values)[len(request.script_root) :]
    else:
        with current_app.test_request_context():
            path = url_for(endpoint, **values)
    return (base or DEVELOPMENT_ADDRESS).rstrip("/") + path


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
