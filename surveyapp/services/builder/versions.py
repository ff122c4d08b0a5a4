"""An organisation's own questionnaires: create, copy, import, and save drafts as versions.

Every save makes a new version; a stored version never changes. A round keeps the version it
was opened with, except a round that has not opened and holds no answers or drafts: it can
have none, so it moves to the new version (the builder says which rounds do which).
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func

from surveyapp.definitions import QuestionnaireDefinition, as_data, checksum, parse_definition
from surveyapp.definitions.schema import unused_key
from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import (
    Draft,
    Organisation,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    Round,
    utcnow,
)
from surveyapp.services.questionnaires import available_definitions

KEY_LIMIT = 56
LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


@dataclass(frozen=True)
class RoundUse:
    """A round on one of a questionnaire's versions, and whether it holds answers."""

    round: Round
    version: int
    answered: bool

    @property
    def follows_new_versions(self) -> bool:
        """A round that has not opened and holds nothing moves to each new version."""
        return not self.answered and self.round.state == "draft"


def slug(text: str) -> str:
    """A key made from a title: lower-case letters, digits and ``_``, starting with a letter."""
    plain = unicodedata.normalize("NFKD", text.lower().translate(LETTERS))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    key = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")
    if not key or not key[0].isalpha():
        key = f"skjema_{key}".rstrip("_")
    return key[:KEY_LIMIT].rstrip("_")


def free_key(wanted: str) -> str:
    """``wanted`` as a key no built-in or stored questionnaire has, with ``_2``... if needed."""
    base = slug(wanted)
    taken = set(available_definitions()) | set(
        db.session.scalars(db.select(Questionnaire.key).where(Questionnaire.key.like(f"{base}%")))
    )
    return unused_key(base, taken)


def blank_definition(key: str, title: str, audience: str = "open") -> dict[str, Any]:
    """The draft of a new questionnaire: a title and one empty section."""
    return {
        "id": key,
        "version": 1,
        "title": {"nb": title},
        "audience": audience,
        "sections": [{"key": "del_1", "title": {"nb": "Del 1"}, "questions": []}],
    }


def create(
    organisation: Organisation,
    title: str,
    source: dict[str, Any] | None = None,
    wanted_key: str | None = None,
) -> Questionnaire:
    """A new questionnaire of ``organisation``: blank, or a copy of ``source`` (definition
    data); its key is made from ``wanted_key`` or the title, with ``_2``... when taken."""
    title = " ".join(title.split())
    if not title:
        raise InnspillError("Spørreskjemaet må ha en tittel.")
    key = free_key(wanted_key or title)
    draft = copy.deepcopy(source) if source else blank_definition(key, title)
    draft.update(id=key, version=1, title={**_text(draft.get("title")), "nb": title})
    questionnaire = Questionnaire(
        key=key, organisation=organisation, draft=draft, draft_updated_at=utcnow()
    )
    db.session.add(questionnaire)
    db.session.flush()
    return questionnaire


def _text(value: Any) -> dict[str, str]:
    return {"nb": value} if isinstance(value, str) else dict(value or {})


def import_definition(
    organisation: Organisation, definition: QuestionnaireDefinition
) -> Questionnaire:
    """Store an imported definition as a new questionnaire with version 1, keeping its id as
    the key when no other questionnaire has it."""
    data = as_data(definition)
    questionnaire = create(organisation, definition.title.nb, data, wanted_key=definition.id)
    save_version(questionnaire)
    return questionnaire


def uses(questionnaire: Questionnaire) -> list[RoundUse]:
    """The rounds on any version of ``questionnaire``, with whether each holds answers."""
    version_ids = [v.id for v in questionnaire.versions]
    if not version_ids:
        return []
    rounds = db.session.scalars(
        db.select(Round)
        .where(Round.questionnaire_version_id.in_(version_ids))
        .order_by(Round.created_at, Round.id)
    ).all()
    ids = [r.id for r in rounds]
    held: set[int] = set()
    for model in (Response, Draft):
        query = db.select(model.round_id).where(model.round_id.in_(ids)).distinct()
        held.update(db.session.scalars(query))
    number = {v.id: v.version for v in questionnaire.versions}
    return [RoundUse(r, number[r.questionnaire_version_id], r.id in held) for r in rounds]


def next_number(questionnaire: Questionnaire) -> int:
    latest = db.session.scalar(
        db.select(func.max(QuestionnaireVersion.version)).filter_by(
            questionnaire_id=questionnaire.id
        )
    )
    return (latest or 0) + 1


def unchanged(questionnaire: Questionnaire, data: dict[str, Any]) -> bool:
    """Whether ``data`` says what the latest version says (the version number aside)."""
    latest = questionnaire.latest
    if latest is None:
        return False
    return checksum({**data, "version": 0}) == checksum({**latest.definition, "version": 0})


def save_version(
    questionnaire: Questionnaire, data: dict[str, Any] | None = None
) -> QuestionnaireVersion:
    """Save the draft (or ``data``) as the next version; unopened, empty rounds move to it.

    Raises :class:`~surveyapp.exceptions.InvalidQuestionnaire` when the content does not
    validate (the builder checks first, in Norwegian, see :mod:`.checks`).
    """
    if questionnaire.built_in:
        raise InnspillError("Innebygde spørreskjema kan ikke endres. Lag en kopi.")
    number = next_number(questionnaire)
    raw = {**(data if data is not None else questionnaire.draft or {}), "id": questionnaire.key}
    definition = parse_definition({**raw, "version": number}, questionnaire.key)
    stored = as_data(definition)
    version = QuestionnaireVersion(
        questionnaire=questionnaire,
        version=number,
        title=definition.title.nb,
        definition=stored,
        checksum=checksum(stored),
    )
    db.session.add(version)
    db.session.flush()
    for use in uses(questionnaire):
        if use.follows_new_versions:
            use.round.questionnaire_version = version
    questionnaire.draft = stored
    questionnaire.draft_updated_at = utcnow()
    db.session.flush()
    return version
