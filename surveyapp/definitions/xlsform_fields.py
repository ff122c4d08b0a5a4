"""Reading one survey row's type-specific parts: text limits, number ranges, choice lists and
Likert scales, ``relevant`` as ``show_if``, and Likert grids (a group inside a section whose
rows are all Likert questions on one scale, as :mod:`surveyapp.definitions.xlsform_write`
writes a ``likert_grid``).

Each function takes the reader of :mod:`surveyapp.definitions.xlsform_read`, which collects
errors and skipped rows.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from surveyapp.definitions.xlsform_format import KEY_COLUMN, MUNICIPALITIES_FILE, parse_relevant
from surveyapp.definitions.xlsform_types import kind_of, scale_of, to_key

if TYPE_CHECKING:
    from surveyapp.definitions.xlsform_sheets import Record

_MAX_LENGTH = re.compile(r"string-length\(\s*\.\s*\)\s*<=\s*(\d+)")
_BOUND = re.compile(r"\.\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)")


def typed(reader, record: Record, question: dict, kind: str, list_name: str | None) -> None:
    appearance = record.get("appearance").lower()
    constraint = record.get("constraint")
    question["type"] = kind
    if kind == "short_text":
        if "multiline" in appearance:
            question["type"] = "long_text"
        if constraint and (m := _MAX_LENGTH.fullmatch(constraint)) and 0 < int(m[1]) <= 5000:
            question["max_length"] = int(m[1])
            constraint = ""
    elif kind == "number" and constraint:
        bounds = [_BOUND.fullmatch(p.strip()) for p in constraint.split(" and ")]
        if all(bounds):
            for b in bounds:
                question["min" if b[1] == ">=" else "max"] = float(b[2])
            constraint = ""
    elif kind in ("single_choice", "multiple_choice"):
        _options(reader, record, question, list_name, appearance)
    if constraint:
        reader.skip(record, f"Kontrollen (constraint) «{constraint}» tas ikke med.")

def _options(reader, record: Record, question: dict, list_name: str | None, appearance: str):
    if list_name == MUNICIPALITIES_FILE:
        question["options_from"] = "municipalities"
        return
    if not list_name:
        reader.error(record, f"«{record.get('type')}» mangler navnet på en valgliste.")
        return
    found = reader.lists.get(list_name)
    if found is None:
        reader.error(record, f"valglisten «{list_name}» finnes ikke i arket «choices».")
        return
    scale = scale_of(found)
    if question["type"] == "single_choice" and "likert" in appearance:
        if scale is not None:
            question["type"], question["scale"] = "likert", scale
            return
        reader.skip(record, "Skalaen er ikke 1–5 som i Innspill; tatt med som «ett valg».")
    question["options"] = [{"value": v, "label": label} for v, label in found.options]

def condition(reader, record: Record, question: dict) -> None:
    expression = record.get("relevant")
    if not expression:
        return
    found = parse_relevant(expression)
    if found is None:
        reader.skip(
            record,
            f"Betingelsen kan ikke uttrykkes som show_if: «{expression}». "
            "Spørsmålet vises alltid.",
        )
        return
    target = reader.seen.get(found.name)
    if target is None and found.name in reader.not_questions:
        reader.skip(
            record,
            f"Betingelsen viser til «{found.name}», som ikke er et spørsmål. "
            "Spørsmålet vises alltid.",
        )
        return
    if target is None:
        later = found.name in reader.all_names
        reader.error(
            record,
            f"betingelsen (relevant) viser til «{found.name}», som "
            + (
                "kommer senere. Den kan bare vise til spørsmål før dette."
                if later
                else "ikke finnes i skjemaet."
            ),
        )
        return
    if target.key is None:
        reader.skip(
            record,
            f"Betingelsen viser til «{found.name}», som ikke er tatt med. "
            "Spørsmålet vises alltid.",
        )
        return
    values = [(target.values or {}).get(v, v) for v in found.values]
    if target.values is not None and not set(found.values) <= set(target.values):
        unknown = ", ".join(sorted(set(found.values) - set(target.values)))
        reader.skip(
            record,
            f"Betingelsen bruker «{unknown}», som ikke er et valg i «{found.name}». "
            "Spørsmålet vises alltid.",
        )
        return
    rule = {"any_of": values} if found.disjunction else {"equals": values[0]}
    question["show_if"] = {"question": target.key, **rule}


def _scale_list(node: Any) -> str | None:
    """The choice list of a Likert row (``select_one LIST``, appearance likert), else None."""
    if not hasattr(node, "cells") or "likert" not in node.get("appearance").lower():
        return None
    kind, list_name, reason, or_other = kind_of(node.get("type"))
    if kind != "single_choice" or reason or or_other:
        return None
    return list_name


def read_grid(reader, group, section: dict) -> bool:
    """Add the group to the section as one ``likert_grid`` question when it is one."""
    if group.kind != "begin_group" or not group.children:
        return False
    lists = {_scale_list(node) for node in group.children}
    if len(lists) != 1 or None in lists:
        return False
    found = reader.lists.get(lists.pop())
    scale = scale_of(found) if found else None
    if scale is None:
        return False
    record = group.record
    name = record.get("name")
    if not name:
        reader.error(record, "gruppen mangler navn (name).")
        return True
    if name in reader.seen:
        reader.error(record, f"navnet «{name}» er brukt før (rad {reader.seen[name].row}).")
        return True
    question = reader.base(record, name)
    question.update(
        type="likert_grid",
        scale=scale,
        required=all(reader.required(node) for node in group.children),
        items=[
            {
                "key": node.get(KEY_COLUMN) or to_key(node.get("name") or f"rad_{node.row}"),
                "text": reader.text(node, "label") or {"nb": node.get("name")},
            }
            for node in group.children
        ],
    )
    condition(reader, record, question)
    for node in group.children:
        if node.get("relevant"):
            reader.skip(node, "Betingelser på én påstand i et rutenett støttes ikke.")
        if node.get("name"):
            reader.not_questions.add(node.get("name"))
    reader.add(record, question, section, name)
    return True
