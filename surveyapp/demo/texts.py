"""Deterministic generator of realistic Norwegian free-text answers for the demo data.

Public API::

    free_text_answer(question_key, rng, *, role=None, service=None, nynorsk=None,
                     age_group=None) -> str
    compose_answer(...)  -> DemoAnswer (same text, plus the themes it was built from)
    likert_answer(rng, tendency) -> int | None
    pick_service(rng), pick_role(rng), pick_age_group(rng), pick_nynorsk(rng)

Answers are composed from phrase data (``data/*.yaml``): optional opener or self-introduction,
one to three themes (core statement + optional elaboration + optional service-specific example),
optional closer; some answers are keyword-short or bullet lists. Afterwards: optional nynorsk
conversion, typing errors (~8 %) and, rarely (~2 %), a planted fake personal identifier so the
app's masking can be shown. Only the ``random.Random`` passed in is used, so the same rng state
always gives the same answer.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from .background import (  # noqa: F401  (re-exported)
    NYNORSK_RATE,
    likert_answer,
    pick_age_group,
    pick_nynorsk,
    pick_role,
    pick_service,
)
from .noise import PII_KINDS, PII_TEMPLATES, add_typos, make_identifier
from .nynorsk import to_nynorsk
from .phrases import common, load

EMPTY_RATE = 0.015
NON_ANSWER_RATE = 0.035
TYPO_RATE = 0.08
PII_RATE = 0.02


@dataclass(frozen=True)
class _Question:
    questionnaire: str
    voice: str  # "staff" or "youth"
    themes: dict[str, dict]


_TJENESTER, _FIRE_TEMA, _UNGDOM = load("tjenester"), load("fire_tema"), load("ungdom")
QUESTIONS: dict[str, _Question] = {
    "tiltak_virker": _Question("tjenester", "staff", _TJENESTER["tiltak_virker"]),
    "hindrer_tidlig_innsats": _Question("tjenester", "staff", _TJENESTER["hindrer_tidlig_innsats"]),
    "hvor_trykker_skoen": _Question(
        "innspill_fire_tema", "staff", _FIRE_TEMA["hvor_trykker_skoen"]
    ),
    "mellom_to_stoler": _Question("innspill_fire_tema", "staff", _FIRE_TEMA["mellom_to_stoler"]),
    "bedre_samarbeid": _Question("innspill_fire_tema", "staff", _FIRE_TEMA["bedre_samarbeid"]),
    "reell_innflytelse": _Question("innspill_fire_tema", "staff", _FIRE_TEMA["reell_innflytelse"]),
    "skjonn_situasjon": _Question("innspill_fire_tema", "staff", _FIRE_TEMA["skjonn_situasjon"]),
    "mangler_aktiviteter": _Question("ungdomsrad", "youth", _UNGDOM["mangler_aktiviteter"]),
    "kommunen_burde": _Question("ungdomsrad", "youth", _UNGDOM["kommunen_burde"]),
    "viktigste_forbedring": _Question("samarbeid_bti", "staff", _TJENESTER["viktigste_forbedring"]),
}
QUESTION_KEYS: tuple[str, ...] = tuple(QUESTIONS)


@dataclass(frozen=True)
class DemoAnswer:
    question_key: str
    text: str
    themes: tuple[str, ...]  # theme ids the text was built from; () for blank/non-answers
    pii: str | None  # kind of planted identifier: "fnr", "phone", "email", "name" or None
    nynorsk: bool


def _question(question_key: str) -> _Question:
    try:
        return QUESTIONS[question_key]
    except KeyError:
        raise KeyError(
            f"no demo texts for free-text question {question_key!r}; "
            f"known keys: {', '.join(QUESTION_KEYS)}"
        ) from None


def theme_labels(question_key: str) -> dict[str, str]:
    """Theme id → human label for one question (the demo's ground truth)."""
    return {tid: spec["label"] for tid, spec in _question(question_key).themes.items()}


# ---------------------------------------------------------------- template expansion

_ALTERNATIVES = re.compile(r"\{([^{}]*)\}")
_PROPER_START = frozenset(
    "ICDP COS PMTO BTI BUP NAV PPT TIBIR SFO EPDS VIP Zippys Ungdata Elevundersøkelsen "
    "Tidlig Familiens Trygghetssirkelen Psykologisk Steg De Snap".split()
)


def _expand(template: str, rng: random.Random, service: str | None) -> str:
    text = template
    while "{" in text:
        text = _ALTERNATIVES.sub(lambda m: rng.choice(m.group(1).split("|")), text)
    if "<own>" in text:
        text = text.replace("<own>", common.own_service.get(service or "", "oss"))
    if "<other>" in text:
        own = common.own_service.get(service or "", "")
        others = [o for o in common.other_services if o != own]
        text = text.replace("<other>", rng.choice(others))
    return text


def _decap(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or a proper name."""
    first = text.split(" ", 1)[0].strip(".,:;!?()")
    if not first or first in _PROPER_START or (len(first) > 1 and first[:2].isupper()):
        return text
    return text[:1].lower() + text[1:]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" ([,.!?:;])(?![()])", r"\1", text)
    text = re.sub(r"\.\.(?!\.)", ".", text)
    text = re.sub(r"([:,])\.", r"\1", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


# ---------------------------------------------------------------- composition


def _pick_themes(
    q: _Question, voice: str, n: int, rng: random.Random, boosts: tuple[str | None, ...]
) -> list[str]:
    ids = list(q.themes)
    if voice in ("parent", "youth") and q.voice == "staff" and rng.random() < (
        0.95 if voice == "youth" else 0.8
    ):
        voiced = [tid for tid in ids if voice in q.themes[tid]]
        if voiced:
            ids = voiced
    weights = []
    for tid in ids:
        w = 1.0
        boost = q.themes[tid].get("boost", {})
        for key in boosts:
            if key is not None:
                w *= boost.get(key, 1.0)
        weights.append(w)
    chosen: list[str] = []
    for _ in range(min(n, len(ids))):
        i = rng.choices(range(len(ids)), weights=weights, k=1)[0]
        chosen.append(ids.pop(i))
        weights.pop(i)
    return chosen


def _theme_sentences(
    spec: dict, voice: str, rng: random.Random, service: str | None, rich: bool
) -> list[str]:
    """One theme rendered as 1–3 sentences."""
    if voice in ("parent", "youth") and voice in spec:
        pool = list(spec[voice])
        out = [pool.pop(rng.randrange(len(pool)))]
        if pool and rng.random() < 0.25:
            out.append(rng.choice(pool))
        if voice == "parent" and rng.random() < 0.2 and spec.get("elab"):
            out.append(rng.choice(spec["elab"]))
        return [_expand(s, rng, service) for s in out]
    out = [rng.choice(spec["core"])]
    p_elab, p_ex = (0.6, 0.5) if rich else (0.35, 0.3)
    if spec.get("elab") and rng.random() < p_elab:
        out.append(rng.choice(spec["elab"]))
    examples = spec.get("ex", {})
    if service in examples and rng.random() < p_ex:
        out.append(rng.choice(examples[service]))
    elif "*" in examples and rng.random() < p_ex / 2:
        out.append(rng.choice(examples["*"]))
    return [_expand(s, rng, service) for s in out]


def _short_answer(q: _Question, themes: list[str], rng: random.Random, service: str | None) -> str:
    parts = [_expand(rng.choice(q.themes[t]["short"]), rng, service) for t in themes[:2]]
    if len(parts) == 1 and rng.random() < 0.3:
        parts[0] = rng.choice(("Mer ", "Bedre ", "For lite ", "Mangler ", "")) + _decap(parts[0])
    text = rng.choice((", ", " og ", ". ", "\n", " + ", " / ")).join(
        _cap(p) if rng.random() < 0.6 else _decap(p) for p in parts
    )
    return text + rng.choice(("", "", "", ".", "!", "!!", "..", " osv."))


def _bullets(
    q: _Question, themes: list[str], voice: str, rng: random.Random, service: str | None
) -> str:
    items: list[str] = []
    for t in themes:
        spec = q.themes[t]
        for _ in range(1 if rng.random() < 0.7 else 2):
            if rng.random() < 0.55:
                item = _expand(rng.choice(spec["short"]), rng, service)
            else:
                item = _expand(rng.choice(spec["core"]), rng, service).rstrip(".")
            if item not in items:
                items.append(item)
    if len(items) == 1:
        extra = _expand(rng.choice(q.themes[themes[0]]["short"]), rng, service)
        if extra.lower() != items[0].lower():
            items.append(extra)
    marker = rng.choice(("- ", "- ", "* ", "• ", "#"))
    lines = []
    for i, item in enumerate(items, 1):
        prefix = f"{i}. " if marker == "#" else marker
        lines.append(prefix + (_cap(item) if rng.random() < 0.6 else _decap(item)))
    header = rng.choice(("", "", "", "Stikkord:", "Noen punkter:", "Viktigst:"))
    return "\n".join(([header] if header else []) + lines)


def _prose(
    q: _Question,
    themes: list[str],
    voice: str,
    rng: random.Random,
    role: str | None,
    service: str | None,
) -> str:
    youth = voice == "youth"
    blocks: list[str] = []
    lead = ""
    if voice == "staff" and service in common.service_intros and rng.random() < 0.18:
        lead = _expand(rng.choice(common.service_intros[service]), rng, service)
    elif role in common.role_intros and rng.random() < (
        0.15 if role in ("Ansatt", "Leder") else 0.3
    ):
        lead = _expand(rng.choice(common.role_intros[role]), rng, service)
    elif rng.random() < 0.18:
        pool = {"youth": common.openers_youth, "parent": common.openers_parent}.get(
            voice, common.openers_staff
        )
        lead = rng.choice(pool)
    rich = len(themes) == 1 and rng.random() < 0.5
    connectors = common.connectors_youth if youth else common.connectors
    for i, t in enumerate(themes):
        sentences = _theme_sentences(q.themes[t], voice, rng, service, rich)
        if i > 0:
            conn = rng.choice(connectors)
            if conn:
                sentences[0] = conn + _decap(sentences[0])
        if youth:  # youth often skip the full stop, but not between two sentences
            last_block = i == len(themes) - 1
            sentences = [
                s
                if s[-1:] in ".!?" or (last_block and j == len(sentences) - 1 and rng.random() < 0.5)
                else s + rng.choice((".", ".", ",", "!"))
                for j, s in enumerate(sentences)
            ]
        blocks.append(" ".join(sentences))
    sep = "\n\n" if len(blocks) > 1 and rng.random() < 0.12 else " "
    text = sep.join(blocks)
    if lead:
        ends = lead[-1:]
        body = _decap(text) if ends not in ".!?:" or (ends == ":" and rng.random() < 0.5) else text
        text = lead + " " + body
    if rng.random() < 0.1:
        pool = {"youth": common.closers_youth, "parent": common.closers_parent}.get(
            voice, common.closers_staff
        )
        text += " " + _expand(rng.choice(pool), rng, service)
    return text


def _style(text: str, voice: str, rng: random.Random) -> str:
    text = _tidy(text)
    if voice == "youth":
        if rng.random() < 0.35:
            text = text.lower()
        if rng.random() < 0.4:
            text = text.rstrip(".")
    else:
        if rng.random() < 0.04:
            text = text.lower()
        if rng.random() < 0.15:
            text = text.rstrip(".")
    return text


def _plant_pii(text: str, rng: random.Random, nynorsk: bool) -> tuple[str, str]:
    kind = rng.choices(PII_KINDS, weights=(30, 25, 20, 25), k=1)[0]
    template = rng.choice(PII_TEMPLATES[kind])
    if nynorsk:
        template = to_nynorsk(template)
    sentence = template.replace("§", make_identifier(kind, rng))
    if rng.random() < 0.7:
        glue = "\n" if "\n" in text or rng.random() < 0.2 else " "
        if glue == " " and text[-1:].isalnum():
            text += "."
        return text + glue + sentence, kind
    return _cap(sentence) + ("\n" if "\n" in text else " ") + text, kind


def compose_answer(
    question_key: str,
    rng: random.Random,
    *,
    role: str | None = None,
    service: str | None = None,
    nynorsk: bool | None = None,
    age_group: str | None = None,
) -> DemoAnswer:
    """Compose one demo answer and report what it was made of (see module docstring).

    ``nynorsk``: True → always nynorsk, False → never, None → about 10 % of answers.
    ``role``/``service``/``age_group`` colour the answer (voice, theme weights, examples).
    """
    q = _question(question_key)
    nn = rng.random() < NYNORSK_RATE if nynorsk is None else bool(nynorsk)
    voice = q.voice
    if voice == "staff" and role == "Ungdom":
        voice = "youth"
    elif voice == "staff" and role == "Forelder":
        voice = "parent"

    r = rng.random()
    if r < EMPTY_RATE:
        return DemoAnswer(question_key, "", (), None, nn)
    if r < EMPTY_RATE + NON_ANSWER_RATE:
        pool = common.non_answers_youth if voice == "youth" else common.non_answers
        text = rng.choice(pool)
        return DemoAnswer(question_key, to_nynorsk(text) if nn else text, (), None, nn)

    n = rng.choices((1, 2, 3), weights=(62, 29, 9), k=1)[0]
    themes = _pick_themes(q, voice, n, rng, (service, role, age_group))
    p_short, p_bullets = {"youth": (0.2, 0.05), "parent": (0.05, 0.04)}.get(voice, (0.09, 0.12))
    r = rng.random()
    if r < p_short:
        text = _short_answer(q, themes, rng, service)
    elif r < p_short + p_bullets:
        if len(themes) == 1 and rng.random() < 0.7:
            themes += _pick_themes(q, "staff", 1 + len(themes), rng, (service,))[:1]
            themes = list(dict.fromkeys(themes))
        text = _bullets(q, themes, voice, rng, service)
    else:
        text = _prose(q, themes, voice, rng, role, service)
    text = _style(text, voice, rng)
    if nn:
        text = to_nynorsk(text)
    if rng.random() < TYPO_RATE:
        text = add_typos(text, rng)
    pii = None
    if rng.random() < PII_RATE:
        text, pii = _plant_pii(text, rng, nn)
    return DemoAnswer(question_key, text, tuple(themes), pii, nn)


def free_text_answer(
    question_key: str,
    rng: random.Random,
    *,
    role: str | None = None,
    service: str | None = None,
    nynorsk: bool | None = None,
    age_group: str | None = None,
) -> str:
    """One realistic free-text answer for ``question_key`` (may be "" or a non-answer).

    Raises KeyError for a question key that has no demo texts.
    """
    return compose_answer(
        question_key, rng, role=role, service=service, nynorsk=nynorsk, age_group=age_group
    ).text
