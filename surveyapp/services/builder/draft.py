"""Editing a draft questionnaire as plain data: settings, sections, questions and their order.

A draft has the shape of a stored definition (see :func:`surveyapp.definitions.as_data`) but
may not validate yet: texts may be empty, a choice list may still be missing. Every function
takes a draft and returns a new one (the JSON column sees a new value, never an in-place
change); a change that would break a condition raises :class:`InnspillError` in Norwegian.
"""

from __future__ import annotations

import copy
from typing import Any

from surveyapp.definitions.schema import unused_key
from surveyapp.exceptions import InnspillError

Draft = dict[str, Any]

#: what a new question of each type starts with besides key, type and text
STARTERS: dict[str, dict[str, Any]] = {
    "single_choice": {"options": []},
    "multiple_choice": {"options": []},
    "likert": {},
    "likert_grid": {"items": []},
    "short_text": {"max_length": 300},
    "long_text": {},
    "number": {},
}


def label(question: dict[str, Any]) -> str:
    """How messages name a question: its bokmål text, else its key."""
    text = (question.get("text") or {}).get("nb") or ""
    return f"«{text}»" if text.strip() else f"«{question.get('key', '')}»"


def questions(draft: Draft) -> list[dict[str, Any]]:
    return [q for s in draft.get("sections", []) for q in s.get("questions", [])]


def locate(draft: Draft, key: str) -> tuple[int, int]:
    """Section and position of question ``key``; InnspillError when there is none."""
    for s, section in enumerate(draft.get("sections", [])):
        for i, question in enumerate(section.get("questions", [])):
            if question.get("key") == key:
                return s, i
    raise InnspillError(f"Fant ikke spørsmålet «{key}» i skjemaet.")


def question(draft: Draft, key: str) -> dict[str, Any]:
    s, i = locate(draft, key)
    return draft["sections"][s]["questions"][i]


def taken_keys(draft: Draft) -> set[str]:
    return {q.get("key") for q in questions(draft)} | {
        s.get("key") for s in draft.get("sections", [])
    }


def free_key(draft: Draft, base: str, taken: set[str] | None = None) -> str:
    """A question or section key the draft (and ``taken``) does not use yet, from ``base``;
    the key found is added to ``taken``."""
    taken = taken if taken is not None else taken_keys(draft)
    key = unused_key(base[:60], taken)
    taken.add(key)
    return key


def _dependants(draft: Draft, keys: set[str]) -> list[dict[str, Any]]:
    return [
        q
        for q in questions(draft)
        if q.get("key") not in keys and (q.get("show_if") or {}).get("question") in keys
    ]


def _refuse_if_needed(draft: Draft, keys: set[str], what: str) -> None:
    needed = _dependants(draft, keys)
    if needed:
        names = ", ".join(label(q) for q in needed)
        raise InnspillError(
            f"{what} styrer når {names} vises. Fjern eller endre vilkåret der først."
        )


def update_settings(draft: Draft, title: dict, intro: dict | None, audience: str) -> Draft:
    new = copy.deepcopy(draft)
    new["title"] = title
    if intro:
        new["intro"] = intro
    else:
        new.pop("intro", None)
    new["audience"] = audience
    return new


def add_section(draft: Draft) -> Draft:
    new = copy.deepcopy(draft)
    number = len(new.get("sections", [])) + 1
    key = free_key(new, f"del_{number}")
    new.setdefault("sections", []).append(
        {"key": key, "title": {"nb": f"Del {number}"}, "questions": []}
    )
    return new


def update_section(draft: Draft, index: int, title: dict, intro: dict | None) -> Draft:
    new = copy.deepcopy(draft)
    section = _section(new, index)
    section["title"] = title
    if intro:
        section["intro"] = intro
    else:
        section.pop("intro", None)
    return new


def _section(draft: Draft, index: int) -> dict[str, Any]:
    sections = draft.get("sections", [])
    if not 0 <= index < len(sections):
        raise InnspillError("Fant ikke den delen i skjemaet.")
    return sections[index]


def move_section(draft: Draft, index: int, delta: int) -> Draft:
    new = copy.deepcopy(draft)
    _section(new, index)
    target = index + delta
    sections = new["sections"]
    if 0 <= target < len(sections):
        sections[index], sections[target] = sections[target], sections[index]
    return new


def duplicate_section(draft: Draft, index: int) -> Draft:
    """A copy right after the section, with new keys; conditions inside the copy follow it."""
    new = copy.deepcopy(draft)
    original = _section(new, index)
    twin = copy.deepcopy(original)
    taken = taken_keys(new)
    twin["key"] = free_key(new, f"{original['key']}_kopi", taken)
    renamed: dict[str, str] = {}
    for q in twin.get("questions", []):
        old = q["key"]
        q["key"] = renamed[old] = free_key(new, f"{old}_kopi", taken)
    for q in twin.get("questions", []):
        rule = q.get("show_if")
        if rule and rule.get("question") in renamed:
            rule["question"] = renamed[rule["question"]]
    new["sections"].insert(index + 1, twin)
    return new


def remove_section(draft: Draft, index: int) -> Draft:
    new = copy.deepcopy(draft)
    section = _section(new, index)
    if len(new["sections"]) == 1:
        raise InnspillError("Skjemaet må ha minst én del.")
    keys = {q["key"] for q in section.get("questions", [])}
    _refuse_if_needed(new, keys, f"Et spørsmål i delen «{section['title'].get('nb', '')}»")
    del new["sections"][index]
    return new


def add_question(draft: Draft, index: int, kind: str) -> tuple[Draft, str]:
    """A new, empty question of type ``kind`` at the end of section ``index``; and its key."""
    if kind not in STARTERS:
        raise InnspillError("Velg en spørsmålstype fra lista.")
    new = copy.deepcopy(draft)
    section = _section(new, index)
    key = free_key(new, f"sporsmal_{len(questions(new)) + 1}")
    section.setdefault("questions", []).append(
        {"key": key, "type": kind, "text": {"nb": ""}, **copy.deepcopy(STARTERS[kind])}
    )
    return new, key


def replace_question(draft: Draft, key: str, updated: dict[str, Any]) -> Draft:
    """Put ``updated`` in the place of question ``key``; a new key is followed by conditions."""
    new = copy.deepcopy(draft)
    s, i = locate(new, key)
    new_key = updated["key"]
    if new_key != key and any(q.get("key") == new_key for q in questions(new)):
        raise InnspillError(f"Nøkkelen «{new_key}» brukes allerede av et annet spørsmål.")
    new["sections"][s]["questions"][i] = updated
    if new_key != key:
        for q in questions(new):
            rule = q.get("show_if")
            if rule and rule.get("question") == key:
                rule["question"] = new_key
    return new


def move_question(draft: Draft, key: str, delta: int) -> Draft:
    """One step up or down; past a section's edge it goes to the next section's edge."""
    new = copy.deepcopy(draft)
    s, i = locate(new, key)
    sections = new["sections"]
    items = sections[s]["questions"]
    target = i + delta
    if 0 <= target < len(items):
        items[i], items[target] = items[target], items[i]
    elif 0 <= s + delta < len(sections):
        moved = items.pop(i)
        neighbour = sections[s + delta].setdefault("questions", [])
        if delta < 0:
            neighbour.append(moved)
        else:
            neighbour.insert(0, moved)
    return new


def reorder(draft: Draft, index: int, keys: list[str]) -> Draft:
    """Section ``index``'s questions in the order of ``keys`` (the same keys, reordered)."""
    new = copy.deepcopy(draft)
    section = _section(new, index)
    by_key = {q["key"]: q for q in section.get("questions", [])}
    if sorted(keys) != sorted(by_key):
        raise InnspillError("Rekkefølgen kunne ikke leses. Last siden på nytt og prøv igjen.")
    section["questions"] = [by_key[k] for k in keys]
    return new


def duplicate_question(draft: Draft, key: str) -> tuple[Draft, str]:
    new = copy.deepcopy(draft)
    s, i = locate(new, key)
    twin = copy.deepcopy(new["sections"][s]["questions"][i])
    twin["key"] = free_key(new, f"{key}_kopi")
    new["sections"][s]["questions"].insert(i + 1, twin)
    return new, twin["key"]


def remove_question(draft: Draft, key: str) -> Draft:
    new = copy.deepcopy(draft)
    s, i = locate(new, key)
    _refuse_if_needed(new, {key}, f"Spørsmålet {label(new['sections'][s]['questions'][i])}")
    del new["sections"][s]["questions"][i]
    return new
