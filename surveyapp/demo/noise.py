"""Realistic noise for demo answers: typing errors and planted (fake) personal identifiers.

Everything here is deterministic given the ``random.Random`` passed in. The planted identifiers
exist so that the app's masking can be demonstrated; they never describe real people:
fødselsnumre are synthetic test numbers (month + 80), names are common first names, e-mail
addresses use example domains, and phone numbers come from a fixed list of made-up,
sequence-like numbers.
"""

from __future__ import annotations

import random
import re

from .phrases import load

# ---------------------------------------------------------------- fødselsnummer (mod-11)

_K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    rest = sum(int(d) * w for d, w in zip(digits, weights)) % 11
    k = 11 - rest
    if k == 11:
        return 0
    if k == 10:
        return None
    return k


def fodselsnummer_is_valid(value: str) -> bool:
    """True when ``value`` (spaces allowed) has 11 digits, a plausible date and valid check digits.

    The month may be the real month (1–12) or the month + 80 used by Skatteetaten's synthetic
    test numbers (Tenor), which is what :func:`make_fodselsnummer` produces.
    """
    digits = re.sub(r"\s", "", value)
    if not re.fullmatch(r"\d{11}", digits):
        return False
    day, month = int(digits[0:2]), int(digits[2:4])
    month -= 80 if month > 80 else 0
    if not (1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1] + (month == 2)):
        return False
    return _check_digit(digits[:9], _K1_WEIGHTS) == int(digits[9]) and _check_digit(
        digits[:10], _K2_WEIGHTS
    ) == int(digits[10])


def make_fodselsnummer(rng: random.Random) -> str:
    """A made-up fødselsnummer for a child born 2007–2022, with valid mod-11 check digits.

    It is a *synthetic* number in Skatteetaten's test format (month + 80), so it can never be
    a real person's number, yet it is shaped and check-digited like one (the app's masking
    recognises it).
    """
    while True:
        year = rng.randint(2007, 2022)
        month = rng.randint(1, 12)
        day = rng.randint(1, _DAYS_IN_MONTH[month - 1])
        individ = rng.randint(500, 999)  # 500–999 = born 2000–2039
        base = f"{day:02d}{month + 80:02d}{year % 100:02d}{individ:03d}"
        k1 = _check_digit(base, _K1_WEIGHTS)
        if k1 is None:
            continue
        k2 = _check_digit(base + str(k1), _K2_WEIGHTS)
        if k2 is None:
            continue
        return f"{base}{k1}{k2}"


# ---------------------------------------------------------------- planted identifiers

_DATA = load("noise")
_PHONES: tuple[str, ...] = _DATA["phones"]
_FIRST_NAMES: tuple[str, ...] = _DATA["first_names"]
_EMAIL_NAMES: tuple[str, ...] = _DATA["email_names"]
_EMAIL_DOMAINS: tuple[str, ...] = _DATA["email_domains"]
# "§" marks where the identifier goes; the text around it may be converted to nynorsk first.
PII_TEMPLATES: dict[str, tuple[str, ...]] = _DATA["pii_templates"]
PII_KINDS: tuple[str, ...] = tuple(PII_TEMPLATES)


def make_identifier(kind: str, rng: random.Random) -> str:
    if kind == "fnr":
        return make_fodselsnummer(rng)
    if kind == "phone":
        return rng.choice(_PHONES)
    if kind == "email":
        return f"{rng.choice(_EMAIL_NAMES)}@{rng.choice(_EMAIL_DOMAINS)}"
    if kind == "name":
        return rng.choice(_FIRST_NAMES)
    raise KeyError(f"unknown identifier kind {kind!r}")


# ---------------------------------------------------------------- typos

_ASCII_FOLD = {"æ": "ae", "ø": "o", "å": "aa", "Æ": "Ae", "Ø": "O", "Å": "Aa"}
_WORD = re.compile(r"[^\W\d_]{4,}")


def _swap_letters(text: str, rng: random.Random) -> str:
    words = list(_WORD.finditer(text))
    if not words:
        return text
    m = rng.choice(words)
    w = m.group()
    i = rng.randrange(len(w) - 1)
    w2 = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    return text[: m.start()] + w2 + text[m.end() :]


def _drop_letter(text: str, rng: random.Random) -> str:
    words = list(_WORD.finditer(text))
    if not words:
        return text
    m = rng.choice(words)
    w = m.group()
    i = rng.randrange(1, len(w))
    return text[: m.start()] + w[:i] + w[i + 1 :] + text[m.end() :]


def _fold_nordic(text: str, rng: random.Random) -> str:
    return "".join(_ASCII_FOLD.get(ch, ch) for ch in text)


def _double_space(text: str, rng: random.Random) -> str:
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces:
        return text
    i = rng.choice(spaces)
    return text[:i] + "  " + text[i + 1 :]


def _lower_start(text: str, rng: random.Random) -> str:
    return text[:1].lower() + text[1:]


_TYPOS = (_swap_letters, _drop_letter, _fold_nordic, _double_space, _lower_start)
_TYPO_WEIGHTS = (4, 2, 2, 3, 2)


def add_typos(text: str, rng: random.Random) -> str:
    """Apply one or two typing errors (swapped/missing letter, æøå → ae/o/aa, double space ...)."""
    count = 1 if rng.random() < 0.75 else 2
    for fn in rng.choices(_TYPOS, weights=_TYPO_WEIGHTS, k=count):
        text = fn(text, rng)
    return text
