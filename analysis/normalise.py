"""Norwegian text normalisation: tokens, nynorsk-to-bokmål mapping, lemmas and feature keys.

Every word goes through the same steps:

1. lower-case and Unicode NFKC; text beyond ``max_chars`` is ignored;
2. tokenise on letters, keeping æøå; hyphenated words are split into their parts and a
   dangling compound part ("helse- og omsorg") becomes a word of its own;
3. map common nynorsk forms to bokmål (``data/nynorsk.tsv``);
4. lemmatise with simplemma (bokmål first, nynorsk if bokmål does not know the word);
5. the feature *key* is the lemma when simplemma knows it, else the lemma cut by the Snowball
   Norwegian stemmer (unknown compounds and misspellings).

So "skulen" and "skolen", or "tenestene" and "tjenestene", share a key. Labels are shown with
the most common surface word of a key (see :class:`SurfaceForms`), never with the stem.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import simplemma
import snowballstemmer

from .stopwords import _read_data_lines, load_stopwords

__all__ = ["Token", "Normaliser", "Phrasing", "SurfaceForms", "phrasing", "word_key", "tokenise"]

#: The app's masking placeholders ("[fødselsnummer]", "[telefon]", "[e-post]", "[navn]"):
#: they stand for something removed, not for words the respondent used.
PLACEHOLDER_RE = re.compile(r"\[(?:fødselsnummer|d-nummer|telefon|e-post|navn)\]")
_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*-?")
_SPLIT_RE = re.compile(r"[-'’]")
_STEMMER = snowballstemmer.stemmer("norwegian")
#: What ends a sentence or a list item in an answer («Lang ventetid. Ingen buss», «• vape • skjermtid»),
#: or a clause or an item of a list inside one («på klubben, i skolen», «vape / hasj»).
_PHRASE_BREAK_RE = re.compile(r"[.!?;:•*\n,()\[\]\"«»/–—]|\s-\s")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of an answer after normalisation."""

    #: The word as written, lower case.
    surface: str
    #: Its bokmål lemma (readable; used for character n-grams).
    lemma: str
    #: The feature key: the lemma, or its stem for unknown words. Bokmål and nynorsk share it.
    key: str
    #: Whether the word is on the stop list.
    is_stop: bool


@lru_cache(maxsize=1)
def _nynorsk_map() -> dict[str, str]:
    """Return the nynorsk-to-bokmål word map from ``data/nynorsk.tsv``."""
    pairs = (line.split("\t") for line in _read_data_lines("nynorsk.tsv"))
    return {nn.strip(): nb.strip() for nn, nb in pairs}


def tokenise(text: str, max_chars: int = 10_000) -> list[str]:
    """Split ``text`` into lower-case words, keeping æøå and splitting hyphenated compounds.

    Parameters
    ----------
    text : str
        Raw answer.
    max_chars : int, default=10_000
        Only the first ``max_chars`` characters are read, which bounds the work per answer.

    Returns
    -------
    list of str
    """
    words: list[str] = []
    for word in _WORD_RE.findall(_prepared(text, max_chars)):
        words.extend(_parts(word))
    return words


def _prepared(text: str, max_chars: int) -> str:
    """The part of ``text`` that is read, NFKC and lower case, with each masking placeholder
    replaced by a slash (no word, and a break for names: something was removed there)."""
    return PLACEHOLDER_RE.sub(" / ", unicodedata.normalize("NFKC", str(text)[:max_chars]).lower())


def _parts(word: str) -> list[str]:
    """The words one match of ``_WORD_RE`` gives: hyphenated parts split, one letter dropped."""
    if "-" in word or "'" in word or "’" in word:
        return [part for part in _SPLIT_RE.split(word) if len(part) > 1]
    return [word] if len(word) > 1 else []


@lru_cache(maxsize=300_000)
def _lemma_and_key(word: str) -> tuple[str, str]:
    """Return the bokmål lemma and the feature key of one lower-case word."""
    nn_map = _nynorsk_map()
    if word in nn_map:
        # The map gives the bokmål lemma directly; the lemmatiser could mangle it again
        # (simplemma reads "voksen" as an inflection of "voks").
        lemma = nn_map[word]
        return lemma, lemma
    lemma = simplemma.lemmatize(word, lang="nb")
    if lemma == word and not simplemma.is_known(word, "nb"):
        # Not bokmål as far as simplemma knows: try nynorsk. simplemma's nynorsk data maps a
        # few function words oddly (ikkje -> ingen); the map above catches those first.
        lemma = simplemma.lemmatize(word, lang="nn") or word
    lemma = nn_map.get(lemma.lower(), lemma.lower())
    if simplemma.is_known(lemma, "nb") or simplemma.is_known(lemma, "nn"):
        # A dictionary lemma is already a good key; stemming it would merge words such as
        # "tid" (time) and "tidlig" (early).
        return lemma, lemma
    return lemma, _STEMMER.stemWord(lemma)


class Phrasing(NamedTuple):
    """What a theme name drawn from one answer must respect (token indices as :func:`tokenise`
    counts them)."""

    #: Words that begin a new sentence, list item or clause: a name never runs across them.
    breaks: frozenset[int]
    #: One-letter words the tokeniser drops, by the index of the word they stood before, so a
    #: name keeps them («Økonomi i familiene», not «Økonomi familiene»).
    links: dict[int, str]


def phrasing(text: str, max_chars: int = 10_000) -> Phrasing:
    """Return where names may not run across in ``text``, and the links they keep."""
    raw = _prepared(text, max_chars)
    breaks, links, n, last = set(), {}, 0, 0
    for match in _WORD_RE.finditer(raw):
        count = len(_parts(match.group()))
        if not count:
            continue
        gap = raw[last : match.start()]
        last = match.end()
        if n and gap != " ":  # most gaps are one space: nothing to note
            if _PHRASE_BREAK_RE.search(gap):
                breaks.add(n)
            elif gap.strip() == "i":
                links[n] = "i"
        n += count
    return Phrasing(frozenset(breaks), links)


def word_key(word: str) -> str:
    """Return the feature key of one word (bokmål lemma, or stem for unknown words)."""
    return _lemma_and_key(word.lower())[1]


class Normaliser:
    """Turn raw answers into lists of :class:`Token`.

    Parameters
    ----------
    max_chars : int, default=10_000
        Characters read per answer; longer answers are cut for analysis only.
    extra_stopwords : iterable of str, optional
        Words to treat as stop words on top of ``data/stopwords.txt``.
    """

    def __init__(self, max_chars: int = 10_000, extra_stopwords: tuple[str, ...] = ()) -> None:
        self.max_chars = max_chars
        self.extra_stopwords = tuple(extra_stopwords)
        self._stop = load_stopwords() | {w.lower() for w in self.extra_stopwords}
        self._tokens: dict[str, Token] = {}

    def tokens(self, text: str) -> list[Token]:
        """Return every word of ``text`` as a :class:`Token` (stop words flagged)."""
        cache = self._tokens
        out = []
        for word in tokenise(text, self.max_chars):
            token = cache.get(word)
            if token is None:  # tokens are immutable, so one object per distinct word
                lemma, key = _lemma_and_key(word)
                token = Token(word, lemma, key, word in self._stop or lemma in self._stop)
                cache[word] = token
            out.append(token)
        return out

    def content_tokens(self, text: str) -> list[Token]:
        """Return the tokens of ``text`` that are not stop words."""
        return [t for t in self.tokens(text) if not t.is_stop]

    def keys(self, text: str) -> list[str]:
        """Return the feature keys of the content words of ``text``."""
        return [t.key for t in self.content_tokens(text)]


class SurfaceForms:
    """Map feature keys back to the most common surface word, so labels read as Norwegian.

    Examples
    --------
    >>> forms = SurfaceForms()
    >>> forms.update([Token("skolen", "skole", "skol", False)] * 2)
    >>> forms.display("skol")
    'skolen'
    """

    def __init__(self) -> None:
        self._counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self._shown: dict[str, str] = {}

    def update(self, tokens: list[Token]) -> None:
        """Count the surface words of ``tokens``."""
        for tok in tokens:
            self._counts[tok.key][tok.surface] += 1
        self._shown.clear()

    def display(self, feature: str) -> str:
        """Return a readable form of a feature (a key, or two keys joined by a space)."""
        return " ".join(self._one(key) for key in feature.split(" "))

    def _one(self, key: str) -> str:
        shown = self._shown.get(key)
        if shown is None:
            counts = self._counts.get(key)
            # Most common first; ties broken alphabetically so output is deterministic.
            shown = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else key
            self._shown[key] = shown
        return shown

    def to_dict(self) -> dict[str, str]:
        """Return the key-to-word map as a plain dict."""
        return {key: self._one(key) for key in sorted(self._counts)}
