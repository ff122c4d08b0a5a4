"""Match codebook keywords in answers, including inside Norwegian compounds.

A one-word keyword matches a word with the same feature key ("samarbeidet" for "samarbeid"),
and, when the keyword is at least ``MIN_COMPOUND`` letters, a word that starts or ends with
it ("samarbeidsmøte", "foreldreveiledning"). A phrase matches when all its content words occur
in the answer.
"""

from __future__ import annotations

import re

import numpy as np
import scipy.sparse as sp

from .codebook import Codebook
from .normalise import Normaliser, Token

__all__ = ["MIN_COMPOUND", "KeywordMatcher"]

#: Shortest keyword that is also looked for inside compounds (so "tid" does not match "tidlig").
MIN_COMPOUND = 5


class KeywordMatcher:
    """Find which codebook themes an answer's words point to.

    Parameters
    ----------
    codebook : Codebook
        Themes with keywords; the theme name counts as a keyword too.
    normaliser : Normaliser
        Used to bring keywords to the same keys as answers.
    """

    def __init__(self, codebook: Codebook, normaliser: Normaliser) -> None:
        self.codebook = codebook
        self._single: list[list[tuple[str, str]]] = []  # per theme: (key, lemma)
        self._phrases: list[list[frozenset[str]]] = []
        for theme in codebook.themes:
            singles, phrases = [], []
            for phrase in theme.keywords:
                toks = [t for t in normaliser.tokens(phrase) if not t.is_stop] or normaliser.tokens(
                    phrase
                )
                if len(toks) == 1:
                    singles.append((toks[0].key, toks[0].lemma))
                elif toks:
                    phrases.append(frozenset(t.key for t in toks))
            self._single.append(singles)
            self._phrases.append(phrases)
        self._cache: dict[str, tuple[int, ...]] = {}
        # Per theme: the keys that match a whole word, and one pattern for compounds that
        # start or end with a long keyword (and are longer than it).
        self._patterns = []
        for singles in self._single:
            long_ones = sorted({re.escape(kl) for _, kl in singles if len(kl) >= MIN_COMPOUND})
            alt = "|".join(long_ones)
            pattern = re.compile(rf"^(?:{alt})\w|\w(?:{alt})$") if long_ones else None
            self._patterns.append(({k for k, _ in singles}, pattern))

    def _themes_of(self, lemma: str, key: str) -> tuple[int, ...]:
        """Return the themes a single word points to (cached per word)."""
        found = self._cache.get(lemma + "\t" + key)
        if found is None:
            found = tuple(
                t
                for t, (keys, pattern) in enumerate(self._patterns)
                if key in keys or (pattern is not None and pattern.search(lemma))
            )
            self._cache[lemma + "\t" + key] = found
        return found

    def matches(self, tokens: list[Token], theme: int) -> list[str]:
        """Return the words of an answer that match keywords of one theme."""
        found = [
            t.surface for t in tokens if not t.is_stop and theme in self._themes_of(t.lemma, t.key)
        ]
        keys = {t.key for t in tokens}
        if any(p <= keys for p in self._phrases[theme]):
            found += [t.surface for t in tokens if any(t.key in p for p in self._phrases[theme])]
        return list(dict.fromkeys(found))

    def hits(self, docs: list[list[Token]]) -> sp.csr_matrix:
        """Return a (n_answers, n_themes) matrix counting keyword hits."""
        rows, cols = [], []
        for i, tokens in enumerate(docs):
            keys = {t.key for t in tokens}
            for tok in tokens:
                if not tok.is_stop:
                    for t in self._themes_of(tok.lemma, tok.key):
                        rows.append(i)
                        cols.append(t)
            for t, phrases in enumerate(self._phrases):
                for phrase in phrases:
                    if phrase <= keys:
                        rows.append(i)
                        cols.append(t)
        data = np.ones(len(rows), dtype=np.float64)
        return sp.csr_matrix((data, (rows, cols)), shape=(len(docs), len(self._single)))
