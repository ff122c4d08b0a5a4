"""Recognise non-answers ("vet ikke", "nei", "ingen kommentar", "-") so they stay out of themes."""

from __future__ import annotations

import re
from functools import lru_cache

from .normalise import tokenise
from .stopwords import _read_data_lines

__all__ = ["NONANSWER_MAX_WORDS", "is_nonanswer", "nonanswer_mask"]

#: Longest answer (in words) that can be a non-answer. Longer texts always count as answers.
NONANSWER_MAX_WORDS = 6

_LETTER_RE = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _nonanswer_words() -> frozenset[str]:
    """Return the vocabulary of non-answers from ``data/nonanswers.txt``."""
    return frozenset(_read_data_lines("nonanswers.txt"))


def is_nonanswer(text: object) -> bool:
    """Return True if ``text`` says nothing that can be themed.

    Parameters
    ----------
    text : object
        One answer. ``None`` and NaN count as empty.

    Returns
    -------
    bool
        True for empty text, text without letters ("-", "???", "👍") and short texts made
        only of non-answer words ("Vet ikke", "Nei, ingen kommentar", "Veit ikkje").

    Examples
    --------
    >>> is_nonanswer("Vet ikke.")
    True
    >>> is_nonanswer("Ingen tid til samarbeid")
    False
    """
    if text is None or (isinstance(text, float) and text != text):
        return True
    text = str(text)
    if not _LETTER_RE.search(text[:2000]):
        return True
    if len(text.split(None, NONANSWER_MAX_WORDS * 2)) > NONANSWER_MAX_WORDS * 2:
        return False  # clearly too long; skip tokenising
    words = tokenise(text[:500], max_chars=500)
    if len(words) > NONANSWER_MAX_WORDS:
        return False
    vocab = _nonanswer_words()
    return all(w in vocab for w in words)


def nonanswer_mask(texts: list[str]) -> list[bool]:
    """Return :func:`is_nonanswer` for every text."""
    return [is_nonanswer(t) for t in texts]
