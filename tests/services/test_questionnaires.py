"""Stored questionnaire versions: a version number always means the same content."""

from __future__ import annotations

import copy

import pytest

from surveyapp.definitions import parse_definition
from surveyapp.exceptions import InvalidQuestionnaire
from surveyapp.models import QuestionnaireVersion
from surveyapp.services import questionnaires

from ..definitions.test_loader import MINIMAL


def definition(version: int = 1, text: str = "Hva mener du?"):
    data = copy.deepcopy(MINIMAL)
    data["version"] = version
    data["sections"][0]["questions"][1]["text"] = text
    return parse_definition(data, "test")


def test_storing_the_same_content_twice_keeps_one_version(db):
    first = questionnaires.store_version(definition())
    assert questionnaires.store_version(definition()) is first
    assert db.session.scalar(db.select(db.func.count(QuestionnaireVersion.id))) == 1


def test_changed_content_without_a_raised_version_is_refused(db):
    stored = questionnaires.store_version(definition())
    db.session.commit()
    with pytest.raises(InvalidQuestionnaire) as caught:
        questionnaires.store_version(definition(text="Hva synes du?"))
    assert caught.value.problems == [
        (
            "version 1 is already in use with other content; "
            "raise 'version' when you change a questionnaire"
        )
    ]
    db.session.rollback()
    versions = db.session.scalars(db.select(QuestionnaireVersion)).all()
    assert versions == [stored]
    assert questionnaires.definition_of(stored).question("fritekst").text.nb == "Hva mener du?"


def test_a_raised_version_is_stored_beside_the_old_one(db):
    old = questionnaires.store_version(definition())
    new = questionnaires.store_version(definition(version=2, text="Hva synes du?"))
    assert (old.version, new.version) == (1, 2)
    assert old.checksum != new.checksum
    assert questionnaires.definition_of(new).question("fritekst").text.nb == "Hva synes du?"


def test_parsed_definitions_are_cached_within_a_bound(db, monkeypatch):
    monkeypatch.setattr(questionnaires, "_PARSED", {})
    monkeypatch.setattr(questionnaires, "PARSED_LIMIT", 3)
    versions = [questionnaires.store_version(definition(version=n)) for n in range(1, 8)]
    first = questionnaires.definition_of(versions[0])
    assert questionnaires.definition_of(versions[0]) is first
    for version in versions:
        assert questionnaires.definition_of(version).version == version.version
        assert len(questionnaires._PARSED) <= 3
