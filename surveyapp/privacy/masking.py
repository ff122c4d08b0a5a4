"""Mask personal data in free-text answers before anyone sees them.

Free text from staff and young people often contains exactly what a § 15-1 survey
must not store or show: "ring meg på 912 34 567", "eleven heter Ola Nordmann",
a fødselsnummer pasted from a case file. This module is the single place where such
identifiers are recognised and replaced by fixed placeholders:

=================  ==================  ===================================================
kind               placeholder         what is recognised
=================  ==================  ===================================================
``fodselsnummer``  ``[fødselsnummer]`` 11 digits that pass the mod-11 check digits and a
                                       loose date check: fødselsnummer, D-number (day+40),
                                       H-number and synthetic test numbers (month+40/+80)
``telefon``        ``[telefon]``       Norwegian 8-digit numbers starting with 2-9, with
                                       optional +47 / 0047 / (+47) prefix
``epost``          ``[e-post]``        e-mail addresses, Unicode local parts and subdomains
``navn``           ``[navn]``          capitalised names after "heter", "jeg er", "navnet
                                       hans er" ... and first names from
                                       ``data/first_names.txt``, with a following surname
=================  ==================  ===================================================

Design choices and their trade-offs (privacy wins ties, but ordinary numbers in
planning text - years, counts, times, amounts, postal codes - must survive, or the
answers become useless for analysis):

* **ID numbers** are masked only when the check digits are valid, so invalid
  11-digit numbers (case numbers, account fragments) stay. Accepted spellings:
  11 digits, 6+5 (``010170 12345``, ``010170-12345``, ``010170.12345``), 2+2+2+5
  (``01.01.70 12345``, ``01 01 70 12345``, ``01-01-70-12345``, ``01/01/70 12345``) and
  the same with the individual number split 3+2 (``010170 123 45``, ``01 01 70 123 45``);
  separators are spaces (also no-break and thin), dots, hyphens, en dashes or slashes, and
  may differ between groups. A candidate must not touch other digits, and a grouped one
  not another digit group, so a 13-digit run or a longer grouped number is never cut into
  an ID. The date check is loose (day 1-31, month 1-12) because the
  check digits already carry the weight; month+40 and month+80 are accepted so that
  H-numbers and the synthetic test numbers from NAV (Dolly) and Skatteetaten (Tenor)
  that turn up in test data are masked as well. The 2032 rule change (relaxed first
  check digit) is not implemented yet.
* **Phone numbers** are 8 digits starting with 2-9 written as ``12345678``,
  ``1234 5678``, ``123 45 678`` or ``12 34 56 78``, with one separator kind (space,
  dot or hyphen) used throughout. Grouped forms must not touch another digit group
  (``9 123 45 678`` or an organisation number ``912 345 678`` is not a phone); the
  unbroken form only must not touch digits. Two exceptions avoid common false
  positives: ``2024-2028`` style year ranges (two 19xx/20xx halves, no country
  prefix) and numbers followed by ``kr``/``kroner``/``NOK``/``,-``. Known leftovers:
  an unbroken 8-digit amount or date like ``24122024`` is masked; a real phone number
  that looks like a year range is not.
* **Names** are the weakest part: the masker cannot know every name. A capitalised
  word after a trigger ("heter", "het", "jeg er", "eg er", "navnet hans/hennes/mitt
  er", "mitt navn er", Nynorsk forms) is masked unless it is on a stop list of
  capitalised non-names (services such as NAV, PPT, BUP, SLT, Barnevernet,
  Helsestasjonen; months; weekdays; roles). A first name from the shipped list is
  masked wherever it is capitalised, with one exception: a listed name that is also an
  ordinary word (Per, Liv, Tom, Dag, Hans ...) at the start of a sentence is only
  masked when a capitalised surname follows ("Per Hansen" yes, "Per dag" no). Up to
  two following capitalised words are taken as surnames ("Ola Nordmann" -> one
  ``[navn]``). All-caps words are never names (acronyms). Place names are left alone.

``mask_pii`` repeats the scan until nothing is found, so masking one identifier can
never expose another on a later call: ``mask_pii(mask_pii(t)) == mask_pii(t)``.
Placeholders contain no digits, no ``@`` and no capital letters, so they are never
matched themselves.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

FODSELSNUMMER = "fodselsnummer"
TELEFON = "telefon"
EPOST = "epost"
NAVN = "navn"

PLACEHOLDERS: dict[str, str] = {
    FODSELSNUMMER: "[fødselsnummer]",
    TELEFON: "[telefon]",
    EPOST: "[e-post]",
    NAVN: "[navn]",
}

# When two candidates overlap, the more specific kind wins (an e-mail address may
# contain a phone-like digit run or a first name).
_PRIORITY = {FODSELSNUMMER: 0, EPOST: 1, TELEFON: 2, NAVN: 3}


@dataclass(frozen=True, slots=True)
class PiiMatch:
    """One recognised identifier: ``text == original[start:end]``."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def placeholder(self) -> str:
        return PLACEHOLDERS[self.kind]


# --- fødselsnummer -----------------------------------------------------------------

_K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
#: what people put between digit groups of an ID number: spaces (also no-break and thin),
#: dots, hyphens, en dashes and slashes
_ID_SEP = r"[ \u00a0\u2009\u202f.\-\u2013/]"
_ID_SEPARATORS = re.compile(_ID_SEP)
_ELEVEN_DIGITS = re.compile(r"[0-9]{11}")
_FNR = re.compile(
    rf"""
    (?<![0-9])
    (?:
        [0-9]{{6}}{_ID_SEP}?[0-9]{{5}}(?![0-9])              # 01017012345, 010170 12345
      | (?<![0-9]{_ID_SEP})                                # grouped: not the tail of a longer
        (?:[0-9]{{6}}{_ID_SEP}?[0-9]{{3}}{_ID_SEP}[0-9]{{2}}     # 010170 123 45
          |[0-9]{{2}}{_ID_SEP}[0-9]{{2}}{_ID_SEP}[0-9]{{2}}{_ID_SEP}?  # 01.01.70 ..., 01 01 70-...
           (?:[0-9]{{5}}|[0-9]{{3}}{_ID_SEP}[0-9]{{2}}))       # ... 12345 or ... 123 45
        (?![0-9])(?!{_ID_SEP}[0-9])                        # and not the head of one
    )
    """,
    re.VERBOSE,
)


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    remainder = sum(w * d for w, d in zip(weights, digits)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None  # no valid check digit exists; such numbers are never issued
    return 11 - remainder


def is_valid_fodselsnummer(digits: str) -> bool:
    """True if ``digits`` is a plausible fødselsnummer, D-, H- or synthetic number.

    Spaces, dots and hyphens are ignored; what remains must be exactly 11 ASCII
    digits with valid mod-11 check digits, a day of 1-31 (41-71 for D-numbers) and
    a month of 1-12 (+40 for H-numbers and NAV test data, +80 for Skatteetaten's).
    """
    if not isinstance(digits, str):
        return False
    compact = _ID_SEPARATORS.sub("", digits)
    if not _ELEVEN_DIGITS.fullmatch(compact):
        return False
    d = [int(c) for c in compact]
    k1 = _check_digit(d[:9], _K1_WEIGHTS)
    if k1 is None or k1 != d[9]:
        return False
    k2 = _check_digit(d[:10], _K2_WEIGHTS)
    if k2 is None or k2 != d[10]:
        return False
    day = int(compact[0:2])
    month = int(compact[2:4])
    day -= 40 if day > 40 else 0
    month -= 80 if month > 80 else 40 if month > 40 else 0
    return 1 <= day <= 31 and 1 <= month <= 12


# --- phone numbers -----------------------------------------------------------------

_SEP = r"[ \u00a0\u2009\u202f.\-]"
_PHONE = re.compile(
    rf"""
    (?:(?P<prefix>(?<![0-9])(?:(?:\+|00)[ \u00a0]?47|\((?:\+|00)?47\))){_SEP}?)?
    (?(prefix)|(?<![0-9]))
    (?P<body>
        [2-9][0-9]{{7}}(?![0-9])
      | (?(prefix)|(?<![0-9]{_SEP}))
        (?:[2-9][0-9]{{3}}{_SEP}[0-9]{{4}}
          |[2-9][0-9]{{2}}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{3}}
          |[2-9][0-9]{_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}})
        (?![0-9])(?!{_SEP}[0-9])
    )
    """,
    re.VERBOSE,
)
# Stretches that could hold an ID or phone number; the exact patterns above only run
# inside them, which keeps the scan of ordinary prose fast.
_NUMBERISH = re.compile(r"[0-9+(][0-9 \u00a0\u2009\u202f.\-\u2013/()+]{6,}[0-9]")
_YEAR_RANGE = re.compile(r"(?:19|20)[0-9]{2}\D(?:19|20)[0-9]{2}")
_AMOUNT_AFTER = re.compile(r"\s*(?:kr\b|kroner\b|NOK\b|,-)", re.IGNORECASE)


def _is_phone(match: re.Match[str], text: str) -> bool:
    body = match["body"]
    if len({c for c in body if not c.isdigit()}) > 1:
        return False  # "20.30-21.30" is a time range, not a number
    if match["prefix"] is None and _YEAR_RANGE.fullmatch(body):
        return False
    return _AMOUNT_AFTER.match(text, match.end()) is None


# --- e-mail ------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@(?:[\w\-]+\.)+[^\W\d_]{2,}(?![\w\-])")

# --- names -------------------------------------------------------------------------

# Upper-case letters of the Latin, Greek and Cyrillic blocks and Vietnamese Latin:
# Python's re has no \p{Lu}, and a name must start with one of these.
_UPPER = "".join(
    re.escape(ch)
    for block in (range(0x41, 0x530), range(0x1E00, 0x1F00))
    for ch in map(chr, block)
    if ch.isupper()
)
# The look-behind comes after the first letter so that re can skip ahead to capitals.
_NAME_TOKEN = re.compile(rf"[{_UPPER}](?<![\w'’\-].)[\w'’]*(?:-[\w'’]+)*")
_TRIGGER = re.compile(
    r"""(?i:\b(?:
        heter | heiter | het | hette
      | jeg\s+er | eg\s+er
      | (?:navnet|namnet)(?:\s+(?:hans|hennes|hennar|mitt|til\s+\w+))?\s+(?:er|var)
      | (?:mitt|hans|hennes|hennar)\s+(?:navn|namn)\s+(?:er|var)
    ))[ \t]+""",
    re.VERBOSE,
)
_SURNAME_GAP = re.compile(r"[ \t]+")
_SENTENCE_END = frozenset(".!?…\n")
_OPENERS = frozenset(" \t\r\"'«»“”‘’([{-–—•*>")

# Capitalised words that follow the triggers or first names but are not names.
_NOT_NAMES = frozenset(
    """
    nav ppt bup slt dps mot sfo ot kors barnevern barnevernet barnevernstjenesten
    barneverntjenesten helsestasjon helsestasjonen skolehelsetjenesten
    helsesykepleier helsesykepleieren helsesøster familievernet familiesenteret
    utekontakten ungdomsrådet ungdomsklubben fritidsklubben politiet politi
    kommunen fylkeskommunen statsforvalteren bufetat rådhuset skolen kirken
    røde redd barna norge norsk norske samisk ukraina
    januar februar mars april mai juni juli august september oktober november desember
    mandag tirsdag onsdag torsdag fredag lørdag søndag
    jeg du han hun vi dere de det den eg ho me dei
    lærer lærar elev eleven ungdom ungdommen forelder mor far mamma pappa rektor
    leder leiar ansatt tilsett miljøarbeider miljøterapeut sykepleier sjukepleiar
    ungdomsarbeider ungdomsarbeidar kontaktlærer kontaktlærar assistent saksbehandler
    barnevernspedagog vernepleier politibetjent
    """.split()
)
# Listed first names that are also ordinary words; at a sentence start they are only
# names when a surname follows.
_AMBIGUOUS_NAMES = frozenset(
    """
    per liv tom dag hans stig tone line even iver gro storm lykke aksel mina dina
    vilde mette hege frank finn odd jo ole ask bo tale live elle signe gry
    """.split()
)


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    text = resources.files(__package__).joinpath("data/first_names.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _is_name_word(token: str) -> bool:
    """A capitalised token that could be part of a name (not an acronym or stop word)."""
    first = token.split("-", 1)[0]  # "NAV-ansatt", "PPT-rådgiver"
    return not (len(first) > 1 and first.isupper()) and first.lower() not in _NOT_NAMES


def _listed_first_name(token: str) -> bool:
    names = _first_names()
    lower = token.lower()
    return (
        lower in names
        or lower.split("-", 1)[0] in names  # Anne-Lise, Kari-Anne
        or (lower.endswith("s") and lower[:-1] in names)  # genitive: Olas, Karis
    )


def _surname_end(text: str, end: int, max_words: int = 2) -> tuple[int, int]:
    """Extend a name over up to ``max_words`` following capitalised words.

    Returns the new end and the number of words taken.
    """
    taken = 0
    while taken < max_words:
        gap = _SURNAME_GAP.match(text, end)
        if gap is None:
            break
        token = _NAME_TOKEN.match(text, gap.end())
        if token is None or not _is_name_word(token.group()):
            break
        end = token.end()
        taken += 1
    return end, taken


def _at_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _find_names(text: str) -> list[PiiMatch]:
    found: list[PiiMatch] = []
    for trigger in _TRIGGER.finditer(text):
        token = _NAME_TOKEN.match(text, trigger.end())
        if token is None or not _is_name_word(token.group()):
            continue
        end, _ = _surname_end(text, token.end())
        found.append(PiiMatch(NAVN, token.start(), end, text[token.start() : end]))
    for token in _NAME_TOKEN.finditer(text):
        word = token.group()
        if not _is_name_word(word) or not _listed_first_name(word):
            continue
        end, surnames = _surname_end(text, token.end())
        if not surnames and word.lower() in _AMBIGUOUS_NAMES and _at_sentence_start(text, token.start()):
            continue
        found.append(PiiMatch(NAVN, token.start(), end, text[token.start() : end]))
    return found


# --- public API --------------------------------------------------------------------


def _candidates(text: str) -> list[PiiMatch]:
    found: list[PiiMatch] = []
    for window in _NUMBERISH.finditer(text):
        # Look-behinds still see the text before the window; the window is maximal,
        # so the text after it cannot continue a number.
        for m in _FNR.finditer(text, window.start(), window.end()):
            if is_valid_fodselsnummer(m.group()):
                found.append(PiiMatch(FODSELSNUMMER, m.start(), m.end(), m.group()))
        for m in _PHONE.finditer(text, window.start(), window.end()):
            if _is_phone(m, text):
                found.append(PiiMatch(TELEFON, m.start(), m.end(), m.group()))
    if "@" in text:
        found.extend(PiiMatch(EPOST, m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text))
    found.extend(_find_names(text))
    return found


def find_pii(text: str | None) -> list[PiiMatch]:
    """All identifiers in ``text``, non-overlapping and sorted by position.

    Overlaps are resolved by kind (ID number, e-mail, phone, name), then by length.
    """
    if not text:
        return []
    chosen_starts: list[int] = []
    chosen: list[PiiMatch] = []
    for m in sorted(_candidates(text), key=lambda m: (_PRIORITY[m.kind], m.start - m.end, m.start)):
        i = bisect_left(chosen_starts, m.start)
        if i > 0 and chosen[i - 1].end > m.start:
            continue
        if i < len(chosen) and chosen[i].start < m.end:
            continue
        chosen_starts.insert(i, m.start)
        chosen.insert(i, m)
    return chosen


def mask_pii(text: str | None) -> str:
    """Return ``text`` with every identifier replaced by its placeholder.

    ``None`` becomes ``""``. The scan is repeated until nothing more is found, which
    makes the function idempotent.
    """
    if not text:
        return ""
    while matches := find_pii(text):
        parts: list[str] = []
        pos = 0
        for m in matches:
            parts.append(text[pos : m.start])
            parts.append(m.placeholder)
            pos = m.end
        parts.append(text[pos:])
        text = "".join(parts)
    return text
