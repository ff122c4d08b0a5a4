"""Load questionnaire YAML files and explain every problem by file and question key."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from surveyapp.definitions.schema import QuestionnaireDefinition
from surveyapp.exceptions import InvalidQuestionnaire


def _where(raw: Any, loc: tuple) -> str:
    """Describe a pydantic error location by the question key it falls in, when there is one."""
    parts: list[str] = []
    node = raw
    for step in loc:
        node = node[step] if isinstance(node, (dict, list)) and _has(node, step) else None
        if isinstance(node, dict) and "key" in node and isinstance(node.get("key"), str):
            label = "question" if "type" in node else "section"
            parts.append(f"{label} '{node['key']}'")
    path = ".".join(str(s) for s in loc)
    return f"{', '.join(parts)} ({path})" if parts else path or "file"


def _has(node: Any, step: Any) -> bool:
    if isinstance(node, dict):
        return step in node
    return isinstance(step, int) and 0 <= step < len(node)


def _cross_checks(definition: QuestionnaireDefinition) -> list[str]:
    """Rules that span questions: unique keys and ``show_if`` naming an earlier question."""
    problems: list[str] = []
    seen: dict[str, Any] = {}
    section_keys: set[str] = set()
    for section in definition.sections:
        if section.key in section_keys:
            problems.append(f"section '{section.key}': duplicate section key")
        section_keys.add(section.key)
        for q in section.questions:
            if q.key in seen:
                problems.append(f"question '{q.key}': duplicate question key")
            if q.show_if:
                target = seen.get(q.show_if.question)
                if target is None:
                    problems.append(
                        f"question '{q.key}': show_if names unknown question "
                        f"'{q.show_if.question}' (it must be an earlier question)"
                    )
                elif target.type in ("single_choice", "multiple_choice") and target.options:
                    unknown = set(q.show_if.values) - set(target.option_values())
                    if unknown:
                        problems.append(
                            f"question '{q.key}': show_if value(s) {sorted(unknown)} are not "
                            f"options of '{target.key}'"
                        )
            seen[q.key] = q
    return problems


def parse_definition(raw: Any, source: str) -> QuestionnaireDefinition:
    """Validate already-parsed YAML; raise :class:`InvalidQuestionnaire` naming every problem."""
    if not isinstance(raw, dict):
        raise InvalidQuestionnaire(source, ["the file must hold a mapping (id, version, title...)"])
    try:
        definition = QuestionnaireDefinition.model_validate(raw)
    except ValidationError as e:
        problems = [f"{_where(raw, err['loc'])}: {_message(err)}" for err in e.errors()]
        raise InvalidQuestionnaire(source, problems) from e
    problems = _cross_checks(definition)
    if problems:
        raise InvalidQuestionnaire(source, problems)
    return definition


def _message(err: dict) -> str:
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "literal_error" and err["loc"] and err["loc"][-1] == "type":
        return f"unknown type {err.get('input')!r}; {msg.lower()}"
    if err["type"] == "extra_forbidden":
        return "unknown field"
    return msg


def parse_text(text: str, source: str) -> QuestionnaireDefinition:
    """Parse and validate questionnaire YAML text; ``source`` names it in every problem."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise InvalidQuestionnaire(source, [f"not valid YAML: {e}"]) from e
    return parse_definition(raw, source)


def load_file(path: str | Path) -> QuestionnaireDefinition:
    """Read and validate one questionnaire file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise InvalidQuestionnaire(str(path), ["file not found"]) from e
    except IsADirectoryError as e:
        problem = "is a directory, not a questionnaire file; name its files (DIR/*.yaml)"
        raise InvalidQuestionnaire(str(path), [problem]) from e
    except OSError as e:
        raise InvalidQuestionnaire(str(path), [f"cannot be read: {e.strerror or e}"]) from e
    except UnicodeDecodeError as e:
        raise InvalidQuestionnaire(str(path), ["the file is not UTF-8 text"]) from e
    return parse_text(text, str(path))


def questionnaire_files(directory: str | Path) -> list[Path]:
    return sorted(p for p in Path(directory).glob("*.yaml") if p.is_file())


def load_directory(directory: str | Path) -> dict[str, QuestionnaireDefinition]:
    """All questionnaires in a directory by id; the first invalid file raises."""
    found: dict[str, QuestionnaireDefinition] = {}
    for path in questionnaire_files(directory):
        definition = load_file(path)
        if definition.id in found:
            raise InvalidQuestionnaire(str(path), [f"id '{definition.id}' is used by another file"])
        found[definition.id] = definition
    return found


def as_data(definition: QuestionnaireDefinition) -> dict[str, Any]:
    """The definition as plain JSON data, the form stored with each version."""
    return definition.model_dump(mode="json", exclude_none=True)


def checksum(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
