"""Keep the stored questionnaire versions in step with the YAML files."""

from __future__ import annotations

from flask import current_app

from surveyapp.definitions import QuestionnaireDefinition, as_data, checksum, load_directory
from surveyapp.exceptions import InvalidQuestionnaire, NotFound
from surveyapp.extensions import db
from surveyapp.models import Questionnaire, QuestionnaireVersion


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


def latest_version(key: str) -> QuestionnaireVersion:
    """The current version of questionnaire ``key``, stored if needed."""
    definitions = available_definitions()
    if key not in definitions:
        raise NotFound(f"Fant ikke spørreskjemaet «{key}».")
    return store_version(definitions[key])


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
