"""Hypothesis strategies for valid questionnaire definitions, built from the schema's types."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from surveyapp.definitions import parse_definition
from surveyapp.definitions.schema import AUDIENCES, BACKGROUND_KINDS, PLAN_SECTIONS

keys = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
#: letters (Norwegian ones too), digits, spaces, punctuation and quotes; no control characters,
#: which an .xlsx cannot hold
_ALPHABET = st.characters(
    codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="\x85\u2028\u2029"
)
#: texts with something to read (a text of spaces and line breaks shows nothing)
words = st.text(_ALPHABET, min_size=1, max_size=30).filter(str.strip)
lines = st.text(st.one_of(_ALPHABET, st.just("\n")), min_size=1, max_size=60).filter(str.strip)


def texts(strings=words) -> st.SearchStrategy[Any]:
    """A plain bokmål string, or {nb, nn} (nn absent or non-empty)."""
    return st.one_of(
        strings,
        st.builds(lambda nb, nn: {"nb": nb, "nn": nn}, strings, strings),
    )


option_values = st.text(_ALPHABET, min_size=1, max_size=20).filter(str.strip)
numbers = st.one_of(
    st.none(),
    st.integers(-10_000, 10_000).map(float),
    st.decimals(-1000, 1000, places=2, allow_nan=False).map(float),
)


@st.composite
def scales(draw) -> dict[str, Any]:
    return {"low": draw(texts()), "high": draw(texts()), "dont_know": draw(st.booleans())}


@st.composite
def questions(draw, key: str, earlier: list[dict]) -> dict[str, Any]:
    kind = draw(
        st.sampled_from(
            ["single_choice", "multiple_choice", "likert", "likert_grid", "short_text",
             "long_text", "number"]
        )
    )
    q: dict[str, Any] = {"key": key, "type": kind, "text": draw(texts(lines))}
    if draw(st.booleans()):
        q["help"] = draw(texts(lines))
    q["required"] = draw(st.booleans())
    if kind in ("single_choice", "multiple_choice"):
        if draw(st.integers(0, 4)) == 0:
            q["options_from"] = "municipalities"
        else:
            values = draw(st.lists(option_values, min_size=1, max_size=5, unique=True))
            q["options"] = [
                draw(st.one_of(st.just(v), st.builds(lambda lab: {"value": v, "label": lab},
                                                     texts())))
                for v in values
            ]
    if kind.startswith("likert") and draw(st.booleans()):
        q["scale"] = draw(scales())
    if kind == "likert_grid":
        item_keys = draw(st.lists(keys, min_size=1, max_size=4, unique=True))
        q["items"] = [{"key": k, "text": draw(texts(lines))} for k in item_keys]
    if kind == "number":
        low, high = sorted(draw(numbers) or 0.0 for _ in range(2))
        q["min"], q["max"] = draw(st.sampled_from([(low, high), (low, None), (None, high),
                                                   (None, None)]))
    if kind in ("short_text", "long_text") and draw(st.booleans()):
        q["max_length"] = draw(st.integers(1, 5000))
    for field, choices in (("background", BACKGROUND_KINDS), ("plan_section", PLAN_SECTIONS)):
        if draw(st.integers(0, 3)) == 0:
            q[field] = draw(st.sampled_from(choices))
    if draw(st.integers(0, 3)) == 0:
        q["theme"] = draw(keys)
    targets = [t for t in earlier if t["type"] != "likert_grid"]
    if targets and draw(st.booleans()):
        q["show_if"] = draw(show_ifs(draw(st.sampled_from(targets))))
    return q


def _values_of(target: dict) -> st.SearchStrategy[str]:
    if target.get("options"):
        return st.sampled_from(
            [o if isinstance(o, str) else o["value"] for o in target["options"]]
        )
    if target["type"] == "likert":
        dont_know = target.get("scale", {}).get("dont_know", True)
        return st.sampled_from(["1", "2", "3", "4", "5"] + (["vet_ikke"] if dont_know else []))
    return option_values


@st.composite
def show_ifs(draw, target: dict) -> dict[str, Any]:
    values = _values_of(target)
    if draw(st.booleans()):
        return {"question": target["key"], "equals": draw(values)}
    return {"question": target["key"], "any_of": draw(st.lists(values, min_size=1, max_size=3))}


@st.composite
def definitions(draw):
    """A valid questionnaire: 1–4 sections of 1–4 questions with unique keys."""
    shape = draw(st.lists(st.integers(1, 4), min_size=1, max_size=4))
    question_keys = draw(st.lists(keys, min_size=sum(shape), max_size=sum(shape), unique=True))
    section_keys = draw(st.lists(keys, min_size=len(shape), max_size=len(shape), unique=True))
    earlier: list[dict] = []
    sections = []
    for section_key, size in zip(section_keys, shape):
        section: dict[str, Any] = {"key": section_key, "title": draw(texts()), "questions": []}
        if draw(st.booleans()):
            section["intro"] = draw(texts(lines))
        for _ in range(size):
            question = draw(questions(question_keys[len(earlier)], earlier))
            earlier.append(question)
            section["questions"].append(question)
        sections.append(section)
    raw = {
        "id": draw(keys),
        "version": draw(st.integers(1, 1000)),
        "title": draw(texts()),
        "audience": draw(st.sampled_from(AUDIENCES)),
        "sections": sections,
    }
    if draw(st.booleans()):
        raw["intro"] = draw(texts(lines))
    return parse_definition(raw, "hypothesis")
