"""Storing submitted responses: exactly once, masked, and anonymous where the round says so."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError

from surveyapp.definitions import QuestionnaireDefinition
from surveyapp.definitions.schema import TEXT_TYPES
from surveyapp.exceptions import AlreadySubmitted, RoundClosed
from surveyapp.extensions import db
from surveyapp.models import Answer, Response, Round, utcnow
from surveyapp.privacy import mask_pii
from surveyapp.services.questionnaires import definition_of


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


def _background(definition: QuestionnaireDefinition, round_: Round, values: dict[str, Any]) -> dict:
    fields: dict[str, Any] = {}
    for question in definition.questions():
        value = values.get(question.key)
        if question.background is None or not isinstance(value, str):
            continue
        if question.background == "municipality":
            match = next((m for m in round_.municipalities if m.name == value), None)
            fields["municipality_id"] = match.id if match else None
        else:
            fields[question.background] = value
    if "municipality_id" not in fields and len(round_.municipalities) == 1:
        fields["municipality_id"] = round_.municipalities[0].id
    return fields


def build_answers(definition: QuestionnaireDefinition, values: dict[str, Any]) -> list[Answer]:
    """One Answer per answered question; free text is masked here and only here."""
    answers = []
    for question in definition.questions():
        value = values.get(question.key)
        if value is None or value == "" or value == [] or value == {}:
            continue
        if question.type in TEXT_TYPES:
            answers.append(Answer(question_key=question.key, text=mask_pii(value)))
        else:
            answers.append(Answer(question_key=question.key, value=value))
    return answers


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
    identity = respondent if respondent and not round_.anonymous else Respondent()
    return Response(
        round=round_,
        idempotency_key=idempotency_key,
        anonymous=round_.anonymous,
        submitted_at=None if round_.anonymous else utcnow(),
        respondent=identity.name,
        ip_address=identity.ip_address,
        user_agent=identity.user_agent[:300] if identity.user_agent else None,
        language=language,
        answers=build_answers(definition, values),
        **_background(definition, round_, values),
    )


def submit_response(
    round_: Round,
    values: dict[str, Any],
    idempotency_key: str,
    *,
    language: str = "nb",
    respondent: Respondent | None = None,
) -> Response:
    """Store and commit one validated response, once per ``idempotency_key``.

    A repeated key (a double click, a second tab, a retry) raises AlreadySubmitted carrying
    the response stored first, also when two requests race each other.
    """
    existing = find_by_key(idempotency_key)
    if existing is not None:
        raise AlreadySubmitted(existing)
    if round_.state != "open":
        raise RoundClosed("Runden tar ikke imot svar nå.")
    response = new_response(
        round_, values, idempotency_key, language=language, respondent=respondent
    )
    db.session.add(response)
    try:
        db.session.commit()
    except IntegrityError as e:
        db.session.rollback()
        existing = find_by_key(idempotency_key)
        if existing is None:
            raise
        raise AlreadySubmitted(existing) from e
    return response
