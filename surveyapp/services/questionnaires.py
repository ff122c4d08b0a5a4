"""The questionnaires an organisation can use: built-ins synced from the YAML files, and its own.

A built-in's versions are stored from the files; an organisation's own questionnaires live
in the database only (see :mod:`surveyapp.services.builder`). Keys are unique across both,
so a key names one questionnaire everywhere.
"""

from __future__ import annotations

from flask import current_app

from surveyapp.definitions import QuestionnaireDefinition, as_data, checksum, load_directory
from surveyapp.exceptions import InvalidQuestionnaire, NotFound
from surveyapp.extensions import db
from surveyapp.models import Organisation, Questionnaire, QuestionnaireVersion


def available_definitions() -> dict[str, QuestionnaireDefinition]:
    """The questionnaires in the configured directory, by id."""
    return load_directory(current_app.config["QUESTIONNAIRE_DIR"])


def store_version(definition: QuestionnaireDefinition) -> QuestionnaireVersion:
    """The stored version for ``definition``, adding it when it is new.

    A version number, once stored, always means the same content: a changed file with the
    same number is refused, so answers collected earlier keep their meaning.
    """
    data = as_data(definition)
    digest = checksum(data)
    questionnaire = db.session.scalar(
        db.select(Questionnaire).filter_by(key=definition.id)
    ) or Questionnaire(key=definition.id)
    if questionnaire.organisation_id is not None:
        raise InvalidQuestionnaire(
            definition.id, ["the id is taken by an organisation's own questionnaire; rename it"]
        )
    db.session.add(questionnaire)
    for stored in questionnaire.versions:
        if stored.version == definition.version:
            if stored.checksum != digest:
                raise InvalidQuestionnaire(
                    definition.id,
                    [
                        (
                            f"version {definition.version} is already in use with other "
                            "content; raise 'version' when you change a questionnaire"
                        )
                    ],
                )
            return stored
    version = QuestionnaireVersion(
        questionnaire=questionnaire,
        version=definition.version,
        title=definition.title.nb,
        definition=data,
        checksum=digest,
    )
    db.session.add(version)
    db.session.flush()
    return version


def sync_all() -> list[QuestionnaireVersion]:
    """Store every questionnaire file's current version."""
    return [store_version(d) for d in available_definitions().values()]


def own_questionnaires(organisation: Organisation) -> list[Questionnaire]:
    """The organisation's own questionnaires, newest first."""
    query = (
        db.select(Questionnaire)
        .filter_by(organisation_id=organisation.id)
        .order_by(Questionnaire.created_at.desc(), Questionnaire.id.desc())
    )
    return list(db.session.scalars(query))


def own_questionnaire(key: str, organisation: Organisation | None) -> Questionnaire | None:
    """An organisation's own questionnaire by key (any organisation's when ``None``)."""
    found = db.session.scalar(
        db.select(Questionnaire)
        .filter_by(key=key)
        .where(Questionnaire.organisation_id.is_not(None))
    )
    if found is None or (organisation is not None and found.organisation_id != organisation.id):
        return None
    return found


def latest_version(key: str, organisation: Organisation | None = None) -> QuestionnaireVersion:
    """The current version of questionnaire ``key``: a built-in (stored if needed), or one of
    ``organisation``'s own (any organisation's when ``None``, as the CLI may)."""
    definitions = available_definitions()
    if key in definitions:
        return store_version(definitions[key])
    own = own_questionnaire(key, organisation)
    if own is None or own.latest is None:
        raise NotFound(f"Fant ikke spørreskjemaet «{key}».")
    return own.latest


def choosable(organisation: Organisation) -> dict[str, QuestionnaireDefinition]:
    """What a round can be opened from, by key: the built-ins, then the organisation's own
    questionnaires that have a saved version."""
    found = dict(available_definitions())
    for own in own_questionnaires(organisation):
        if own.latest is not None:
            found[own.key] = definition_of(own.latest)
    return found


#: parsed definitions by checksum: a stored version never changes, so neither does its parse
_PARSED: dict[str, QuestionnaireDefinition] = {}
#: more versions than any process serves at once; past it the cache starts again
PARSED_LIMIT = 100


def cached_definition(checksum: str) -> QuestionnaireDefinition | None:
    """The parsed definition with this checksum if this process has it, without a query."""
    return _PARSED.get(checksum)


def definition_of(version: QuestionnaireVersion) -> QuestionnaireDefinition:
    """The typed definition of a stored version (parsed once per process while cached).

    Keyed on the checksum alone, so a cached parse never reads the (deferred) definition column.
    """
    parsed = _PARSED.get(version.checksum)
    if parsed is None:
        parsed = QuestionnaireDefinition.model_validate(version.definition)
        if len(_PARSED) >= PARSED_LIMIT:
            _PARSED.clear()
        _PARSED[version.checksum] = parsed
    return parsed
