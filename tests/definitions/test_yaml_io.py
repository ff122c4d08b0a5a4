"""YAML in and out in the questionnaire format: the built-ins come back equal, and text from
outside is refused when it is too long or uses anchors and aliases."""

from __future__ import annotations

import pytest

from surveyapp.config import PROJECT_ROOT
from surveyapp.definitions import load_directory
from surveyapp.definitions.yaml_io import MAX_YAML_CHARS, read_yaml, write_yaml
from surveyapp.exceptions import InvalidQuestionnaire

BUILT_INS = load_directory(PROJECT_ROOT / "questionnaires")


@pytest.mark.parametrize("key", sorted(BUILT_INS))
def test_built_in_round_trips_through_yaml(key):
    text = write_yaml(BUILT_INS[key])
    assert read_yaml(text) == BUILT_INS[key]
    assert write_yaml(read_yaml(text)) == text


def test_written_yaml_is_readable_and_keeps_norwegian_letters():
    text = write_yaml(BUILT_INS["ungdomsrad"])
    assert text.startswith("id: ungdomsrad\nversion: 1\ntitle:\n  nb: Hva mener ungdommen?")
    assert "Kva meiner ungdommen?" in text and "\\u" not in text
    assert "required: false" not in text and "max_length" not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x [1]\nb: *x\n", "YAML-ankere eller -aliaser"),
        ("x" * (MAX_YAML_CHARS + 1), "Filen er for lang"),
        ("id: [unclosed\n", "not valid YAML"),
        ("- just a list\n", "the file must hold a mapping"),
        ("id: a\nversion: 1\ntitle: T\naudience: staff\nsections: []\n", "sections"),
    ],
    ids=["alias", "too-long", "broken", "list", "no-sections"],
)
def test_bad_yaml_is_refused_with_the_loaders_messages(text, expected):
    with pytest.raises(InvalidQuestionnaire) as caught:
        read_yaml(text, "mitt.yaml")
    assert expected in str(caught.value)
    assert str(caught.value).startswith("mitt.yaml: ")
