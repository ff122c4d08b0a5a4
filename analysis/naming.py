"""Names a planner would write: a short phrase taken from the theme's own answers.

Candidates are runs of one to four words in the answers, as the respondents wrote them, that
start and end with a content word and hold only small linking words inside ("ventetid på
BUP", "fast kontaktperson", "møteplasser for ungdom"). A name is a noun phrase: it does not
start with a verb or end with a verb, an adverb, an adjective or a genitive (see
:func:`is_verb`), it never runs across the end of a sentence, a list item or a clause («på klubben,
i skolen»), and it keeps the one-letter «i» the tokeniser drops («Økonomi i familiene»). They
come from two places: the phrases many of the theme's answers use more often than the other
answers do (coverage times distinctiveness), and the phrases of two to four words in the
theme's most central answers. Where the theme offers them, names that say something are
preferred: not only words most § 15-1 answers use («Barn og foreldre», «Hjelp»), and not one short
word («Person», «Prosess») when a phrase or a compound is there.

With sentence vectors, the shortlist is then read for meaning: the name is the candidate
closest to what the theme's answers say and furthest from the other themes, with a bonus for
being used by many of its answers. Without vectors, the best lexical candidate wins. Inflected
forms count as one candidate (lemma keys) and the form most answers used is shown, so a theme
of mostly nynorsk answers gets a nynorsk name.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from functools import lru_cache

import numpy as np
import simplemma
from sklearn.preprocessing import normalize

from . import background, semantic
from .explain import slugify
from .features import NEGATIONS
from .normalise import Normaliser, Phrasing, word_key

__all__ = ["name_themes"]

#: Small words that may stand inside a name ("Ventetid på BUP", "Møteplasser for unge").
LINKS = frozenset({"på", "til", "i", "for", "med", "og", "av", "om", "mellom", "fra", "hos"})
#: Adverbs of time and order that the stop list keeps (they can matter in answers) but that
#: cannot end a name («Ungdommene før», «Tingene først»).
ADVERBS = frozenset({"før", "først", "fortsatt", "framleis", "snart", "nærmere", "etterpå"})
#: Acronyms of the services, written as planners write them («Ventetid på BUP»).
ACRONYMS = frozenset(
    {"bup", "ppt", "nav", "sfo", "vgs", "dps", "adhd", "icdp", "pmto", "tfco", "mst", "ikt", "sms"}
)
#: No breaks and no links (answers given without their text's punctuation).
NO_PHRASING = Phrasing(frozenset(), {})
#: Longest name, in words.
MAX_WORDS = 4
#: Bonus per extra word of a phrase.
LENGTH_BONUS = 0.35
#: Candidates per theme read for meaning.
SHORTLIST = 12
#: Central answers whose own phrases are candidates.
CENTRAL = 5
#: Weight of coverage (share of the theme's answers using the phrase) beside meaning.
COVERAGE_WEIGHT = 0.3
#: A word in at least this share of the background's answers says nothing about a theme
#: («barn», «skole», «hjelp», «foreldre»): a name needs a word that is not that common.
GENERIC_SHARE = 0.04
#: Fewest letters of a one-word name («Avlastning», «Skolefravær»).
MIN_COMPOUND = 10


@lru_cache(maxsize=1)
def _generic_keys() -> frozenset[str]:
    """Feature keys of the words most § 15-1 answers use (see :mod:`analysis.background`)."""
    texts = background.texts()
    normaliser, df = Normaliser(), Counter()
    for text in texts:
        df.update({t.key for t in normaliser.tokens(text) if not t.is_stop})
    return frozenset(k for k, c in df.items() if c >= GENERIC_SHARE * len(texts))


def _phrase_or_compound(label: str) -> bool:
    """Whether ``label`` is more than one short word: a lone «Person», «Prosess» or «Rektor»
    names a topic without saying what about it; a compound («Skolefravær») can."""
    return " " in label or len(label) >= MIN_COMPOUND


def _specific(label: str) -> bool:
    """Whether ``label`` holds a word that is not among the most common ones («Barn og foreldre»
    is not specific; «Ensomhet blant barn og foreldre» is)."""
    generic = _generic_keys()
    return any(w not in LINKS and word_key(w) not in generic for w in label.lower().split(" "))


@lru_cache(maxsize=50_000)
def _noun_lemma(lemma: str) -> bool:
    """Whether the dictionary knows the definite plural of ``lemma`` as a noun («møtene»)."""
    plural = lemma + "ne"
    return simplemma.is_known(plural, "nb") and simplemma.lemmatize(plural, lang="nb") == lemma


def _verb_lemma(lemma: str) -> bool:
    """Whether ``lemma`` looks like a verb's infinitive: -e, and no noun of that form."""
    return len(lemma) >= 3 and lemma.endswith("e") and " " not in lemma and not _noun_lemma(lemma)


@lru_cache(maxsize=100_000)
def is_verb(token) -> bool:
    """Whether ``token`` is a verb form («hjalp», «mister», «flytter», «ringte», «sluttar»).

    A name is a noun phrase («Ventetid på BUP»), not a clause («Skjema hjalp», «Flytter mellom
    kommuner»). Without a tagger: a form of a lemma in -e is a verb unless the dictionary also
    knows that lemma as a noun (skole/skolene, venteliste/ventelistene, møte/møtene); so is a
    weak past tense («ringte»), a present tense in -er whose infinitive is such a verb
    («hjelper», which the lemmatiser reads as the noun «hjelp»), and a nynorsk present in -ar
    («sluttar»).
    """
    lemma, surface = token.lemma, token.surface
    if lemma.endswith("e") and len(lemma) >= 3:
        stem = lemma[:-1]
        if surface in (stem + "te", stem + "de", stem + "dde"):
            return True
        return not _noun_lemma(lemma)
    if surface.endswith("er") and simplemma.is_known(surface[:-1], "nb"):
        return _verb_lemma(surface[:-1])
    return surface.endswith("ar") and lemma.endswith("a") and surface == lemma + "r"


@lru_cache(maxsize=100_000)
def can_end_name(token) -> bool:
    """Whether a name may end with ``token``: not a verb, an adverb («før», «først»), an
    adjective in -ig/-isk or a comparative («nærmere»), or a genitive («barnevernets»)."""
    surface = token.surface
    adjective = (
        surface in ADVERBS
        or surface.endswith("ig")
        or (len(surface) > 5 and surface.endswith("isk"))
        or (surface.endswith("ere") and not token.lemma.endswith("er"))
    )
    genitive = (
        len(surface) > 5
        and surface.endswith(("ets", "ens", "nes", "as"))
        and simplemma.is_known(surface[:-1], "nb")
    )
    return not adjective and not genitive and not is_verb(token)


def _candidates(tokens, phrasing: Phrasing = NO_PHRASING) -> dict[tuple[str, ...], str]:
    """Return {lemma-key tuple: surface text} for the name candidates in one answer.

    A name never runs across a sentence or clause break of ``phrasing``, and keeps the
    one-letter links («i») the tokeniser dropped.
    """
    breaks, links = phrasing
    out: dict[tuple[str, ...], str] = {}
    n = len(tokens)
    for start in range(n):
        first = tokens[start]
        if first.is_stop or first.key in NEGATIONS or len(first.surface) < 3:
            continue
        if is_verb(first):
            continue
        run = 0  # content words in a row: a name is "fast kontaktperson", not a sentence
        keys: list[str] = []
        words: list[str] = []
        for end in range(start, min(n, start + MAX_WORDS)):
            last = tokens[end]
            if end > start:
                if (last.is_stop and last.surface not in LINKS) or end in breaks:
                    break
                if end in links:  # «økonomi i familiene»: the link stands between the words
                    keys.append(links[end])
                    words.append(links[end])
                    run = 0
            keys.append(last.key)
            words.append(last.surface)
            run = 0 if last.is_stop else run + 1
            if run > 2:
                break
            if last.is_stop or last.key in NEGATIONS or not can_end_name(last):
                continue
            out.setdefault(tuple(keys), " ".join(words))
    return out


def _display(phrase: str) -> str:
    """Return ``phrase`` (lower case) as a name: capital first letter, acronyms in capitals."""
    words = [w.upper() if w in ACRONYMS else w for w in phrase.split(" ")]
    shown = " ".join(words)
    return shown[:1].upper() + shown[1:]


def _lexical(member_candidates, other_df: Counter, n_other: int):
    """Return [(score, label, coverage, count, words)] for a theme's candidates, best first."""
    df: Counter = Counter()
    surfaces: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for candidates in member_candidates:
        for key, surface in candidates.items():
            df[key] += 1
            surfaces[key][surface] += 1
    n_in = max(len(member_candidates), 1)
    scored = []
    for key, count in df.items():
        p_in = count / n_in
        p_out = (other_df.get(key, 0) + 0.5) / (n_other + 1)
        lift = math.log(max(p_in / p_out, 1.0))
        score = p_in * lift * (1 + LENGTH_BONUS * (len(key) - 1))
        shown = surfaces[key].most_common(1)[0][0]
        scored.append((score, _display(shown), p_in, count, len(key)))
    scored.sort(key=lambda c: (-c[0], c[1]))
    return scored


def _shortlist(scored, central_candidates, used: set[str]) -> list[tuple[str, float]]:
    """Return (label, coverage) candidates: recurring phrases, then central answers' phrases."""
    coverage = {label: p for _, label, p, _, _ in scored}
    out = [label for _, label, _, count, _ in scored if count >= 2][:SHORTLIST]
    for candidates in central_candidates:
        for key, surface in candidates.items():
            if 2 <= len(key) <= MAX_WORDS:
                out.append(_display(surface))
    unique = _preferred([lab for lab in dict.fromkeys(out) if lab.lower() not in used])
    return [(lab, coverage.get(lab, 0.0)) for lab in unique]


def _preferred(labels: list[str]) -> list[str]:
    """Keep the labels a planner would keep, when there are any: specific ones (see
    :func:`_specific`), and of those the phrases and compounds (:func:`_phrase_or_compound`)."""
    labels = [lab for lab in labels if _specific(lab)] or labels
    return [lab for lab in labels if _phrase_or_compound(lab)] or labels


def _by_meaning(options, centres: np.ndarray, mean: np.ndarray, c: int) -> str | None:
    """Pick the option closest in meaning to theme ``c`` and furthest from the others.

    Vectors are compared after taking away the answers' mean vector: sentence vectors all
    point roughly the same way, and only what is left tells themes apart.
    """
    if not options:
        return None
    V = normalize(semantic.embed_answers([label for label, _ in options]) - mean)
    sims = V @ centres.T
    others = np.delete(sims, c, axis=1)
    rival = others.max(axis=1) if others.shape[1] else 0.0
    coverage = np.array([p for _, p in options])
    score = sims[:, c] - rival + COVERAGE_WEIGHT * coverage
    return options[int(np.argmax(score))][0]


def _lexical_label(scored, n_in: int, taken: set[str]) -> str | None:
    """Return the best lexical name among a theme's scored candidates, or None."""
    fits = [
        label
        for _, label, _, count, _ in scored
        if (count >= 2 or n_in <= 2) and not (taken and label.lower() in taken)
    ]
    return (_preferred(fits) or [None])[0]


def name_themes(space, labels: np.ndarray, k: int, taken: set[str]):
    """Return generated keys and labels for themes 0..k-1 of ``labels`` (rows of ``space``)."""
    phrasings = space.phrasings or [NO_PHRASING] * len(space.docs)
    per_doc = [_candidates(doc, p) for doc, p in zip(space.docs, phrasings)]
    total: Counter = Counter()
    for cands in per_doc:
        total.update(cands.keys())
    centres = None
    if space.Q is not None and k:
        mean = space.Q.mean(axis=0)
        centres = normalize(
            np.vstack(
                [
                    space.Q[labels == c].mean(axis=0) - mean if np.any(labels == c) else 0 * mean
                    for c in range(k)
                ]
            )
        )
    names: list[str] = []
    used: set[str] = set()
    for c in range(k):
        members = np.flatnonzero(labels == c)
        inside: Counter = Counter()
        for i in members:
            inside.update(per_doc[i].keys())
        other_df, n_other = total - inside, len(labels) - len(members)
        scored = _lexical([per_doc[i] for i in members], other_df, n_other)
        label = None
        if centres is not None and len(members):
            central = members[np.argsort(-(space.Q[members] @ centres[c]), kind="stable")[:CENTRAL]]
            options = _shortlist(scored, [per_doc[i] for i in central], used)
            label = _by_meaning(options, centres, mean, c)
        label = label or _lexical_label(scored, len(members), used) or f"Tema {c + 1}"
        used.add(label.lower())
        names.append(label)
    keys = [slugify(name, taken) for name in names]
    return keys, names
