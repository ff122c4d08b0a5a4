"""Questionnaire files: the built-in ones validate, broken ones fail with a clear message."""

from pathlib import Path

import pytest
import yaml

from surveyapp.config import PROJECT_ROOT
from surveyapp.definitions import load_directory, load_file, questionnaire_files
from surveyapp.exceptions import InvalidQuestionnaire

BUILT_IN = PROJECT_ROOT / "questionnaires"

MINIMAL = {
    "id": "proeve",
    "version": 1,
    "title": "Prøve",
    "audience": "staff",
    "sections": [
        {
            "key": "del1",
            "title": "Del 1",
            "questions": [
                {"key": "rolle", "type": "single_choice", "text": "Rolle?", "options": ["A", "B"]},
                {"key": "fritekst", "type": "long_text", "text": "Hva mener du?"},
            ],
        }
    ],
}


def write(tmp_path: Path, data, name: str = "proeve.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def broken(mutate) -> dict:
    data = yaml.safe_load(yaml.safe_dump(MINIMAL))
    mutate(data["sections"][0]["questions"])
    return data


@pytest.mark.parametrize("path", questionnaire_files(BUILT_IN), ids=lambda p: p.name)
def test_every_built_in_questionnaire_validates(path):
    definition = load_file(path)
    assert definition.questions()
    assert path.stem == definition.id


def test_the_four_built_in_questionnaires_are_shipped():
    found = load_directory(BUILT_IN)
    assert set(found) == {"tjenester", "innspill_fire_tema", "ungdomsrad", "samarbeid_bti"}
    themes = {q.theme for q in found["innspill_fire_tema"].questions() if q.theme}
    assert themes == {"hvor_trykker_skoen", "samhandling", "medvirkning", "faglig_skjonn"}


def test_youth_questionnaire_ships_in_bokmal_and_nynorsk():
    youth = load_file(BUILT_IN / "ungdomsrad.yaml")
    assert youth.audience == "youth"
    for question in youth.questions():
        assert question.text.nn, f"{question.key} has no nynorsk text"
        for option in question.options or []:
            if not any(c.isalpha() for c in option.label.nb):
                continue  # "13–14" reads the same in both
            assert option.label.nn, f"{question.key}/{option.value} has no nynorsk label"
    assert youth.question("alder").text.get("nn") == "Kor gammal er du?"
    assert youth.question("alder").text.get("nb") == "Hvor gammel er du?"


def test_background_questions_are_marked_for_breakdowns():
    staff = load_file(BUILT_IN / "tjenester.yaml")
    marked = {q.key: q.background for q in staff.questions() if q.background}
    assert marked == {"kommune": "municipality", "tjeneste": "service", "aldersgruppe": "age_group"}


def test_minimal_file_loads_with_defaults(tmp_path):
    definition = load_file(write(tmp_path, MINIMAL))
    question = definition.question("fritekst")
    assert question.required is False
    assert question.max_length == 5000
    assert definition.question("rolle").option_values() == ["A", "B"]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda qs: qs[1].update(type="slider"), "question 'fritekst'"),
        (lambda qs: qs[1].update(key="rolle"), "question 'rolle': duplicate question key"),
        (
            lambda qs: qs[0].pop("options"),
            "question 'rolle' (sections.0.questions.0): options missing",
        ),
        (
            lambda qs: qs[1].update(show_if={"question": "finnes_ikke", "equals": "A"}),
            "show_if names unknown question 'finnes_ikke'",
        ),
        (
            lambda qs: qs[1].update(show_if={"question": "rolle", "equals": "C"}),
            "are not options of 'rolle'",
        ),
        (lambda qs: qs[1].update(colour="red"), "unknown field"),
    ],
    ids=["unknown-type", "duplicate-key", "options-missing", "show-if-unknown", "show-if-value", "extra"],
)
def test_broken_file_names_file_and_problem(tmp_path, mutate, expected):
    path = write(tmp_path, broken(mutate))
    with pytest.raises(InvalidQuestionnaire) as caught:
        load_file(path)
    message = str(caught.value)
    assert str(path) in message
    assert expected in message


def test_unknown_type_message_lists_the_allowed_types(tmp_path):
    path = write(tmp_path, broken(lambda qs: qs[1].update(type="slider")))
    with pytest.raises(InvalidQuestionnaire) as caught:
        load_file(path)
    assert "unknown type 'slider'" in str(caught.value)
    assert "long_text" in str(caught.value)


def test_show_if_must_point_at_an_earlier_question(tmp_path):
    data = broken(lambda qs: qs[0].update(show_if={"question": "fritekst", "equals": "x"}))
    with pytest.raises(InvalidQuestionnaire, match="must be an earlier question"):
        load_file(write(tmp_path, data))


@pytest.mark.parametrize(
    ("content", "expected"),
    [("id: [unclosed", "not valid YAML"), ("- just\n- a list\n", "must hold a mapping")],
)
def test_unreadable_files_are_explained(tmp_path, content, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(InvalidQuestionnaire, match=expected):
        load_file(path)


@pytest.mark.parametrize("options", [None, []], ids=["left-out", "empty"])
def test_missing_options_are_called_missing(tmp_path, options):
    def mutate(qs):
        qs[0]["options"] = options
        if options is None:
            del qs[0]["options"]

    with pytest.raises(InvalidQuestionnaire) as caught:
        load_file(write(tmp_path, broken(mutate)))
    assert caught.value.problems == [
        (
            "section 'del1', question 'rolle' (sections.0.questions.0): options missing: "
            "a single_choice question needs 'options' (or 'options_from: municipalities')"
        )
    ]


def test_a_directory_is_not_a_questionnaire_file(tmp_path):
    with pytest.raises(InvalidQuestionnaire, match="is a directory, not a questionnaire file"):
        load_file(tmp_path)


def test_a_file_that_cannot_be_read_is_explained(tmp_path, monkeypatch):
    path = write(tmp_path, MINIMAL)

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_text", refuse)
    with pytest.raises(InvalidQuestionnaire, match="cannot be read: Permission denied"):
        load_file(path)


def test_two_files_with_the_same_id_are_refused(tmp_path):
    write(tmp_path, MINIMAL, "a.yaml")
    write(tmp_path, MINIMAL, "b.yaml")
    with pytest.raises(InvalidQuestionnaire, match="id 'proeve' is used by another file"):
        load_directory(tmp_path)


@pytest.mark.parametrize("readme", ["questionnaires/README.md", "README.md"])
def test_documented_examples_are_valid(readme):
    text = (PROJECT_ROOT / readme).read_text()
    examples = [block.split("```")[0] for block in text.split("```yaml")[1:]]
    assert examples
    for example in examples:
        assert load_file_from_text(example).questions()


def load_file_from_text(text: str):
    from surveyapp.definitions import parse_definition

    return parse_definition(yaml.safe_load(text), "README example")
