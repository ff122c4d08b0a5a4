"""What stops a draft from being saved, and what one language lacks, in plain Norwegian.

:func:`problems` names the question and the problem (a duplicate key, a condition pointing
forward, an empty choice list ...); a draft without problems always validates with the
questionnaire schema. :func:`missing_translations` lists texts written in only one language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from surveyapp.definitions import parse_definition
from surveyapp.definitions.schema import CHOICE_TYPES, KEY_PATTERN, QUESTION_TYPES, TEXT_TYPES
from surveyapp.exceptions import InvalidQuestionnaire
from surveyapp.services.builder.draft import Draft, label

KEY = re.compile(KEY_PATTERN)


def _nb(text: Any) -> str:
    return ((text or {}).get("nb") or "").strip() if isinstance(text, dict) else str(text or "")


def _key_problems(q: dict[str, Any], seen: set[str]) -> Iterator[str]:
    key = q.get("key") or ""
    if not KEY.match(key) or len(key) > 64:
        yield (
            f"Spørsmålet {label(q)}: nøkkelen «{key}» kan bare ha små bokstaver a–z, tall "
            "og _, og må begynne med en bokstav."
        )
    elif key in seen:
        yield f"Spørsmålet {label(q)}: nøkkelen «{key}» brukes av et annet spørsmål også."


def _choice_problems(q: dict[str, Any]) -> Iterator[str]:
    options = q.get("options") or []
    if not options and not q.get("options_from"):
        yield f"Spørsmålet {label(q)} har ingen svaralternativer. Skriv minst to."
    values = [o.get("value") for o in options]
    for value in sorted({v for v in values if values.count(v) > 1}):
        yield f"Spørsmålet {label(q)} har svaralternativet «{value}» to ganger."
    if any(not _nb(o.get("label")) for o in options):
        yield f"Spørsmålet {label(q)} har et svaralternativ uten tekst på bokmål."
    if any(len(v or "") > 100 for v in values):
        yield f"Spørsmålet {label(q)} har et svaralternativ over 100 tegn."


def _type_problems(q: dict[str, Any]) -> Iterator[str]:
    kind = q.get("type")
    if kind not in QUESTION_TYPES:
        yield f"Spørsmålet {label(q)} har en ukjent type («{kind}»)."
        return
    if kind in CHOICE_TYPES:
        yield from _choice_problems(q)
    if kind == "likert_grid":
        items = q.get("items") or []
        if not items:
            yield f"Spørsmålet {label(q)} har ingen påstander. Skriv minst én."
        if any(not _nb(i.get("text")) for i in items):
            yield f"Spørsmålet {label(q)} har en påstand uten tekst på bokmål."
    if kind.startswith("likert") and q.get("scale"):
        if not _nb(q["scale"].get("low")) or not _nb(q["scale"].get("high")):
            yield f"Spørsmålet {label(q)}: skalaen må ha tekst i begge ender på bokmål."
    if kind == "number" and q.get("min") is not None and q.get("max") is not None:
        if q["min"] > q["max"]:
            yield f"Spørsmålet {label(q)}: minste tillatte tall er større enn største."
    if kind in TEXT_TYPES and not 1 <= int(q.get("max_length", 5000)) <= 5000:
        yield f"Spørsmålet {label(q)}: største antall tegn må være mellom 1 og 5000."


def _condition_problems(
    q: dict[str, Any], earlier: dict[str, dict], later: dict[str, dict]
) -> Iterator[str]:
    rule = q.get("show_if")
    if not rule:
        return
    target_key = rule.get("question")
    values = [rule["equals"]] if rule.get("equals") is not None else list(rule.get("any_of") or [])
    if target_key in later:
        yield (
            f"Spørsmålet {label(q)} har et vilkår som peker framover, til "
            f"{label(later[target_key])}. Et vilkår kan bare bygge på et spørsmål som kommer "
            "før. Flytt spørsmålet ned, eller velg et annet vilkår."
        )
        return
    target = earlier.get(target_key)
    if target is None:
        yield (
            f"Spørsmålet {label(q)} har et vilkår som bygger på et spørsmål som ikke finnes."
        )
        return
    if not values:
        yield f"Spørsmålet {label(q)}: vilkåret mangler svaret som skal vise spørsmålet."
    if target.get("type") in CHOICE_TYPES and target.get("options"):
        known = {o.get("value") for o in target["options"]}
        for value in [v for v in values if v not in known]:
            yield (
                f"Spørsmålet {label(q)}: vilkåret bruker «{value}», som ikke er et "
                f"svaralternativ på {label(target)}."
            )


def problems(draft: Draft) -> list[str]:
    """Every reason the draft cannot be saved as a version; empty when it can."""
    found: list[str] = []
    if not _nb(draft.get("title")):
        found.append("Skjemaet mangler tittel på bokmål.")
    sections = draft.get("sections") or []
    if not sections:
        found.append("Skjemaet har ingen deler.")
    all_questions = {q.get("key"): q for s in sections for q in s.get("questions", [])}
    earlier: dict[str, dict] = {}
    seen: set[str] = set()
    for number, section in enumerate(sections, start=1):
        name = _nb(section.get("title")) or str(number)
        if not _nb(section.get("title")):
            found.append(f"Del {number} mangler tittel på bokmål.")
        if not section.get("questions"):
            found.append(f"Delen «{name}» har ingen spørsmål.")
        for position, q in enumerate(section.get("questions", []), start=1):
            if not _nb(q.get("text")):
                found.append(f"Spørsmål {position} i delen «{name}» mangler tekst på bokmål.")
            found.extend(_key_problems(q, seen))
            found.extend(_type_problems(q))
            later = {k: v for k, v in all_questions.items() if k not in earlier and v is not q}
            found.extend(_condition_problems(q, earlier, later))
            seen.add(q.get("key") or "")
            earlier[q.get("key") or ""] = q
    if not found:
        try:
            parse_definition({**draft, "version": 1}, draft.get("id") or "utkast")
        except InvalidQuestionnaire as e:
            found.extend(f"Skjemaet kunne ikke lagres: {p}" for p in e.problems)
    return found


def _texts(draft: Draft) -> Iterator[tuple[str, Any]]:
    """Every text of the draft with the name the warning gives it."""
    yield "Tittel på skjemaet", draft.get("title")
    yield "Innledning til skjemaet", draft.get("intro")
    for section in draft.get("sections") or []:
        name = f"Delen «{_nb(section.get('title'))}»"
        yield f"{name}: tittel", section.get("title")
        yield f"{name}: innledning", section.get("intro")
        for q in section.get("questions", []):
            where = f"Spørsmålet {label(q)}"
            yield f"{where}: spørsmålstekst", q.get("text")
            yield f"{where}: hjelpetekst", q.get("help")
            for option in q.get("options") or []:
                name = f"{where}: svaralternativet «{_nb(option.get('label'))}»"
                yield name, option.get("label")
            for item in q.get("items") or []:
                yield f"{where}: påstanden «{_nb(item.get('text'))}»", item.get("text")
            for end, name_ in (("low", "laveste"), ("high", "høyeste")):
                yield f"{where}: skalaens {name_} verdi", (q.get("scale") or {}).get(end)


def missing_translations(draft: Draft) -> dict[str, list[str]]:
    """The texts written in bokmål with no nynorsk (``nn``), and the reverse (``nb``)."""
    missing: dict[str, list[str]] = {"nb": [], "nn": []}
    for name, text in _texts(draft):
        if not isinstance(text, dict):
            continue
        nb, nn = (text.get("nb") or "").strip(), (text.get("nn") or "").strip()
        if nb and not nn:
            missing["nn"].append(name)
        elif nn and not nb:
            missing["nb"].append(name)
    return missing
