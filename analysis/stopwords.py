"""The project-owned Norwegian stop list (bokmål and nynorsk).

The list lives in ``analysis/data/stopwords.txt`` so planners and developers can read and edit
it. It removes function words and the stock phrasing of survey answers ("bør", "mer", "bedre"),
but keeps negations ("ikke", "ingen", "uten") and domain words ("tid", "barn"), which often
carry the point of an answer.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["KEPT_WORDS", "load_stopwords", "is_stopword"]

#: Words that must never be treated as stop words, whatever the list file says.
KEPT_WORDS: frozenset[str] = frozenset(
    {
        "ikke",
        "ikkje",
        "ingen",
        "inga",
        "ingenting",
        "uten",
        "utan",
        "aldri",
        "mangler",
        "tid",
        "barn",
        "unge",
        "ungdom",
        "foreldre",
        "forelder",
        "hjelp",
        "tiltak",
        "tilbud",
    }
)


def _read_data_lines(name: str) -> list[str]:
    """Return the non-comment, non-empty lines of a file in ``analysis/data``."""
    text = resources.files("analysis").joinpath("data", name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def load_stopwords() -> frozenset[str]:
    """Return the stop list as a frozen set of lower-case words.

    Returns
    -------
    frozenset of str
        Stop words in bokmål and nynorsk, minus :data:`KEPT_WORDS`.
    """
    return frozenset(_read_data_lines("stopwords.txt")) - KEPT_WORDS


def is_stopword(word: str) -> bool:
    """Return True if ``word`` (lower case) is on the stop list."""
    return word in load_stopwords()
