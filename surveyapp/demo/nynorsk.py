"""A small, deterministic bokmål → nynorsk converter for the demo phrases.

It is not a general translator: it knows the words the demo phrases use, plus a few suffix
and compound rules (-lig → -leg, tjeneste → teneste, skole → skule ...), all in
``data/nynorsk.yaml``, which is enough for the answers to read as plausible (informal)
nynorsk. Case is preserved; all-caps words (BTI, PPT) and tokens containing digits are left
alone.
"""

from __future__ import annotations

import re

from .phrases import load

_DATA = load("nynorsk")
WORDS: dict[str, str] = _DATA["words"]
# Compound rules applied inside longer words (checked in this order, first match wins per rule).
_SUBSTRINGS: tuple[tuple[str, str], ...] = _DATA["substrings"]
_SUFFIXES: tuple[tuple[str, str], ...] = _DATA["suffixes"]
# Words that show a text is nynorsk or bokmål (used by tests and quality checks).
NYNORSK_MARKERS: tuple[str, ...] = _DATA["nynorsk_markers"]
BOKMAAL_MARKERS: tuple[str, ...] = _DATA["bokmaal_markers"]

_TOKEN = re.compile(r"[^\W\d_]+|[\W\d_]+")


def _convert_word(word: str) -> str:
    low = word.lower()
    if word.isupper() and len(word) > 1:
        return word  # acronyms: BTI, PPT, BUP, NAV
    out = WORDS.get(low)
    if out is None:
        out = low
        for old, new in _SUBSTRINGS:
            if old in out:
                out = out.replace(old, new)
        if out == low:
            for old, new in _SUFFIXES:
                if out.endswith(old) and len(out) > len(old) + 1:
                    out = out[: -len(old)] + new
                    break
    if out == low:
        return word
    if word[0].isupper():
        out = out[0].upper() + out[1:]
    return out


def to_nynorsk(text: str) -> str:
    """Convert bokmål demo text to nynorsk, word by word, keeping case and punctuation."""
    return "".join(
        _convert_word(tok) if tok[0].isalpha() else tok for tok in _TOKEN.findall(text)
    )

