"""Between a draft question (plain data) and the question form: fill it, and read it back."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from surveyapp.builder.forms import SPARE_ROWS, QuestionForm
from surveyapp.definitions.schema import CHOICE_TYPES, KEY_PATTERN, TEXT_TYPES, unused_key
from surveyapp.services.builder.versions import slug

KEY = re.compile(KEY_PATTERN)


def text_from(nb: str | None, nn: str | None) -> dict[str, str] | None:
    """A text from its two fields; ``None`` when both are empty."""
    nb, nn = (nb or "").strip(), (nn or "").strip()
    if not nb and not nn:
        return None
    return {"nb": nb, **({"nn": nn} if nn else {})}


def condition_targets(earlier: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The earlier questions a condition can be built on: choice questions with options."""
    return [q for q in earlier if q.get("type") in CHOICE_TYPES and q.get("options")]


def setup(form: QuestionForm, earlier: list[dict[str, Any]]) -> None:
    """Choices of the condition fields, from the questions before this one."""
    targets = condition_targets(earlier)
    form.show_if_question.choices = [("", "Alltid (ingen vilkår)")] + [
        (q["key"], (q.get("text") or {}).get("nb") or q["key"]) for q in targets
    ]
    form.show_if_values.choices = [
        (f"{q['key']}:{o['value']}", o["label"].get("nb") or o["value"])
        for q in targets
        for o in q["options"]
    ]


def _rows(entries, rows: list[dict[str, Any]], text_of) -> None:
    while len(entries):
        entries.pop_entry()
    for row in [*rows, *[None] * SPARE_ROWS]:
        entries.append_entry()
        entry = entries[-1]
        if row is not None:
            text = text_of(row) or {}
            entry.form.value.data = row.get("value") or row.get("key") or ""
            entry.form.nb.data = text.get("nb", "")
            entry.form.nn.data = text.get("nn", "")


def fill(form: QuestionForm, q: dict[str, Any]) -> None:
    """Show question ``q`` in the form (with empty rows for more options and statements)."""
    form.key.data = q.get("key")
    form.type.data = q.get("type")
    form.text_nb.data = (q.get("text") or {}).get("nb", "")
    form.text_nn.data = (q.get("text") or {}).get("nn", "")
    form.help_nb.data = (q.get("help") or {}).get("nb", "")
    form.help_nn.data = (q.get("help") or {}).get("nn", "")
    form.required.data = bool(q.get("required"))
    form.max_length.data = q.get("max_length")
    form.min.data = q.get("min")
    form.max.data = q.get("max")
    _rows(form.options, q.get("options") or [], lambda o: o.get("label"))
    form.municipalities.data = q.get("options_from") == "municipalities"
    _rows(form.items, q.get("items") or [], lambda i: i.get("text"))
    scale = q.get("scale") or {}
    low = scale.get("low") or {"nb": "Helt uenig", "nn": "Heilt usamd"}
    high = scale.get("high") or {"nb": "Helt enig", "nn": "Heilt samd"}
    form.low_nb.data, form.low_nn.data = low.get("nb", ""), low.get("nn", "")
    form.high_nb.data, form.high_nn.data = high.get("nb", ""), high.get("nn", "")
    form.dont_know.data = scale.get("dont_know", True)
    form.background.data = q.get("background") or ""
    form.theme.data = q.get("theme") or ""
    form.plan_section.data = q.get("plan_section") or ""
    rule = q.get("show_if") or {}
    form.show_if_question.data = rule.get("question") or ""
    values = [rule["equals"]] if rule.get("equals") is not None else rule.get("any_of") or []
    form.show_if_values.data = [f"{rule.get('question')}:{v}" for v in values]


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _read_rows(entries, prefix: str) -> list[dict[str, Any]]:
    """Filled rows: an existing row keeps its value; a new one takes its bokmål text."""
    rows = []
    for entry in entries:
        text = text_from(entry.form.nb.data, entry.form.nn.data)
        if text is None:
            continue
        value = (entry.form.value.data or "").strip() or text.get("nb") or text.get("nn", "")
        rows.append({prefix: value, "text": text})
    return rows


def _items(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Statements with keys: a kept key, or one made from the text, unique in the question."""
    taken: set[str] = set()
    items = []
    for row in rows:
        base = row["value"] if KEY.match(row["value"]) else slug(row["value"])
        key = unused_key(base[:60], taken)
        taken.add(key)
        items.append({"key": key, "text": row["text"]})
    return items


def read(form: QuestionForm) -> dict[str, Any]:
    """The question as the form says it, holding only what its type uses."""
    kind = form.type.data
    q: dict[str, Any] = {"key": form.key.data.strip(), "type": kind}
    q["text"] = text_from(form.text_nb.data, form.text_nn.data) or {"nb": ""}
    if help_ := text_from(form.help_nb.data, form.help_nn.data):
        q["help"] = help_
    if form.required.data:
        q["required"] = True
    if kind in CHOICE_TYPES:
        if form.municipalities.data:
            q["options_from"] = "municipalities"
        else:
            q["options"] = [
                {"value": r["value"][:100], "label": r["text"]}
                for r in _read_rows(form.options, "value")
            ]
    if kind == "likert_grid":
        q["items"] = _items(_read_rows(form.items, "value"))
    if kind.startswith("likert"):
        q["scale"] = {
            "low": text_from(form.low_nb.data, form.low_nn.data) or {"nb": ""},
            "high": text_from(form.high_nb.data, form.high_nn.data) or {"nb": ""},
            "dont_know": bool(form.dont_know.data),
        }
    if kind == "number":
        for name in ("min", "max"):
            if (value := _number(getattr(form, name).data)) is not None:
                q[name] = value
    if kind in TEXT_TYPES:
        q["max_length"] = form.max_length.data or 5000
    for name in ("background", "theme", "plan_section"):
        if value := (getattr(form, name).data or "").strip():
            q[name] = value
    question = form.show_if_question.data
    if question and question in {key for key, _label in form.show_if_question.choices}:
        ticked = [v.split(":", 1) for v in form.show_if_values.data or []]
        values = [value for target, value in ticked if target == question]
        rule = {"equals": values[0]} if len(values) == 1 else {"any_of": values}
        q["show_if"] = {"question": question, **rule}
    return q
