"""Storing submitted responses: exactly once, masked, and anonymous where the round says so."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError

from surveyapp.definitions import QuestionnaireDefinition
from surveyapp.definitions.schema import TEXT_TYPES
from surveyapp.exceptions import AlreadySubmitted, RoundClosed
from surveyapp.extensions import db
from surveyapp.models import Answer, Draft, Response, Round, utcnow
from surveyapp.privacy import mask_pii
from surveyapp.services.questionnaires import definition_of

if TYPE_CHECKING:
    from surveyapp.services.round_cache import PublicRound


@dataclass(frozen=True)
class Respondent:
    """What a round that is not anonymous may keep about the person answering."""

    name: str | None = None
    ip_address: str | None = None
    user_agent: str | None = None


#: the shape of every idempotency key made here: URL-safe base64 (drafts) or hex (imports, demo)
KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def find_by_key(idempotency_key: str) -> Response | None:
    """The response stored under ``idempotency_key``; None for a key of a shape never made.

    Keys come back from public forms: checking the shape first keeps stray input (a NUL byte,
    which PostgreSQL refuses outright) away from the database.
    """
    if not KEY_SHAPE.fullmatch(idempotency_key):
        return None
    return db.session.scalar(db.select(Response).filter_by(idempotency_key=idempotency_key))


def _background(
    definition: QuestionnaireDefinition,
    places: Sequence[tuple[int, str]],
    values: dict[str, Any],
) -> dict:
    """The background answers copied onto the response; ``places`` are the round's (id, name)."""
    fields: dict[str, Any] = {}
    for question in definition.questions():
        value = values.get(question.key)
        if question.background is None or not isinstance(value, str):
            continue
        if question.background == "municipality":
            fields["municipality_id"] = next((i for i, name in places if name == value), None)
        else:
            fields[question.background] = value
    if "municipality_id" not in fields and len(places) == 1:
        fields["municipality_id"] = places[0][0]
    return fields


def answer_rows(definition: QuestionnaireDefinition, values: dict[str, Any]) -> list[dict]:
    """One row per answered question; free text is masked here and only here.

    Every row has the same keys, so that all of them go to the database in one INSERT.
    """
    rows = []
    for question in definition.questions():
        value = values.get(question.key)
        if value is None or value == "" or value == [] or value == {}:
            continue
        if question.type in TEXT_TYPES:
            rows.append({"question_key": question.key, "value": None, "text": mask_pii(value)})
        else:
            rows.append({"question_key": question.key, "value": value, "text": None})
    return rows


def build_answers(definition: QuestionnaireDefinition, values: dict[str, Any]) -> list[Answer]:
    """One Answer per answered question (for imports and the demo, which add many at once)."""
    return [Answer(**row) for row in answer_rows(definition, values)]


def _identity(anonymous: bool, respondent: Respondent | None) -> dict[str, Any]:
    """What the response keeps about the person: nothing in an anonymous round, not even the
    time of day (the date is kept by ``submitted_on``)."""
    identity = respondent if respondent and not anonymous else Respondent()
    return {
        "anonymous": anonymous,
        "submitted_at": None if anonymous else utcnow(),
        "respondent": identity.name,
        "ip_address": identity.ip_address,
        "user_agent": identity.user_agent[:300] if identity.user_agent else None,
    }


def new_response(
    round_: Round,
    values: dict[str, Any],
    idempotency_key: str,
    *,
    language: str = "nb",
    respondent: Respondent | None = None,
) -> Response:
    """A Response built from validated ``values``, not yet added to the session.

    An anonymous round drops whatever ``respondent`` holds and keeps the date, not the time.
    """
    definition = definition_of(round_.questionnaire_version)
    places = [(m.id, m.name) for m in round_.municipalities]
    return Response(
        round=round_,
        idempotency_key=idempotency_key,
        language=language,
        answers=build_answers(definition, values),
        **_identity(round_.anonymous, respondent),
        **_background(definition, places, values),
    )


def submit_response(
    round_: PublicRound,
    definition: QuestionnaireDefinition,
    values: dict[str, Any],
    idempotency_key: str,
    *,
    language: str = "nb",
    respondent: Respondent | None = None,
    draft_id: int | None = None,
) -> None:
    """Store and commit one validated response, once per ``idempotency_key``.

    One write transaction of three statements: the response, all its answers in one INSERT,
    and the deletion of the draft ``draft_id`` it came from. There is no "sent already?"
    query first: the unique idempotency key decides, and a repeated key (a double click, a
    second tab, a retry, two racing requests) raises AlreadySubmitted with the response
    stored first. ``round_`` must have been checked against the database in this request.
    """
    if round_.state != "open":
        existing = find_by_key(idempotency_key)
        if existing is not None:
            raise AlreadySubmitted(existing)
        raise RoundClosed("Runden tar ikke imot svar nå.")
    rows = answer_rows(definition, values)  # masked before the write starts
    response = Response(
        round_id=round_.id,
        idempotency_key=idempotency_key,
        language=language,
        **_identity(round_.anonymous, respondent),
        **_background(definition, round_.places, values),
    )
    db.session.add(response)
    try:
        db.session.flush()
        if rows:
            # render_nulls: NULLs are sent as such, so that every row fits one statement
            db.session.execute(
                insert(Answer).execution_options(render_nulls=True),
                [{"response_id": response.id, **r} for r in rows],
            )
        if draft_id is not None:
            db.session.execute(delete(Draft).where(Draft.id == draft_id))
        db.session.commit()
    except IntegrityError as e:
        db.session.rollback()
        existing = find_by_key(idempotency_key)
        if existing is None:
            raise
        raise AlreadySubmitted(existing) from e
