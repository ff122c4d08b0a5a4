"""YAML in and out in the questionnaire format of ``questionnaires/*.yaml``, for text that
comes from outside (an upload, a script) rather than the built-in folder.

Reading validates exactly as :func:`surveyapp.definitions.loader.load_file` does, after
refusing text that is too long or uses anchors and aliases (which let a small file expand
without bound). Writing gives the short form a person would write: plain strings for texts
without nynorsk, defaults left out, keys in the format's order.
"""

from __future__ import annotations

from typing import Any

import yaml

from surveyapp.definitions.loader import parse_text
from surveyapp.definitions.schema import Question, QuestionnaireDefinition, Scale
from surveyapp.exceptions import InvalidQuestionnaire

#: far more than any real questionnaire (the largest built-in is under 6 kB)
MAX_YAML_CHARS = 256 * 1024


def uses_anchors(text: str) -> bool:
    """True when YAML text has an anchor (&) or alias (*). Only tokenises, never expands;
    raises :class:`yaml.YAMLError` on text the scanner cannot read."""
    return any(
        isinstance(token, (yaml.AnchorToken, yaml.AliasToken))
        for token in yaml.scan(text, Loader=yaml.SafeLoader)
    )


def read_yaml(text: str, source: str = "YAML") -> QuestionnaireDefinition:
    """A questionnaire from YAML text; raises :class:`InvalidQuestionnaire` naming each problem."""
    if len(text) > MAX_YAML_CHARS:
        raise InvalidQuestionnaire(
            source, [f"Filen er for lang: høyst {MAX_YAML_CHARS // 1024} kB tekst."]
        )
    try:
        anchors = uses_anchors(text)
    except yaml.YAMLError as e:
        raise InvalidQuestionnaire(source, [f"not valid YAML: {e}"]) from e
    if anchors:
        raise InvalidQuestionnaire(
            source,
            ["Filen bruker YAML-ankere eller -aliaser (& og *). Skriv hver del ut i sin helhet."],
        )
    return parse_text(text, source)


def _short(value: Any) -> Any:
    """Texts without nynorsk as plain strings, options whose label is their value as strings."""
    if isinstance(value, dict):
        if set(value) == {"nb"}:
            return value["nb"]
        if set(value) == {"value", "label"} and value["label"] == {"nb": value["value"]}:
            return value["value"]
        return {k: _short(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_short(v) for v in value]
    return value


def _question(question: Question) -> dict[str, Any]:
    data = question.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data = {"key": question.key, "type": question.type, **data}
    if question.scale is not None and question.scale == Scale():
        data.pop("scale", None)
    elif question.scale is not None:
        data["scale"] = question.scale.model_dump(mode="json", exclude_none=True)
    return data


def as_yaml_data(definition: QuestionnaireDefinition) -> dict[str, Any]:
    """The definition as the plain data :func:`write_yaml` writes."""
    data = definition.model_dump(mode="json", exclude_none=True)
    data["sections"] = [
        {
            **section.model_dump(mode="json", exclude_none=True, exclude={"questions"}),
            "questions": [_question(q) for q in section.questions],
        }
        for section in definition.sections
    ]
    return _short(data)


def write_yaml(definition: QuestionnaireDefinition) -> str:
    """The definition as YAML text that :func:`read_yaml` reads back to an equal definition."""
    return yaml.safe_dump(
        as_yaml_data(definition), allow_unicode=True, sort_keys=False, width=100
    )
