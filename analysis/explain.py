"""Explanations: theme keywords and labels, representative answers, and why an answer landed
where it did."""

from __future__ import annotations

import re
import unicodedata

import numpy as np

from .normalise import SurfaceForms

__all__ = ["theme_terms", "make_label", "representatives", "matching_terms", "slugify", "quote"]

#: Longest quote shown for a representative answer.
QUOTE_CHARS = 300


def theme_terms(
    centre: np.ndarray, overall: np.ndarray, vocabulary: np.ndarray, n: int = 8
) -> list[str]:
    """Return the features most typical of a theme (raw keys), best first.

    A feature scores high when it is frequent in the theme *and* more frequent there than in
    all answers (``c * log(c / overall)``, a relative-entropy contribution).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.where(centre > 0, centre * np.log(centre / np.maximum(overall, 1e-12)), 0.0)
    order = np.lexsort((vocabulary, -score))  # ties broken alphabetically
    return [str(vocabulary[j]) for j in order[:n] if score[j] > 0]


def make_label(features: list[str], forms: SurfaceForms, max_words: int = 3) -> str:
    """Return a readable label: a strong word pair, or the two or three top words."""
    if not features:
        return "Uten nøkkelord"
    words: list[str] = []
    top = features[: max_words + 1]
    pair = next((f for f in top[:2] if " " in f), None)
    if pair:
        words = [forms.display(pair)]
    else:
        for feat in top:
            if " " in feat:
                continue
            shown = forms.display(feat)
            if shown not in words:
                words.append(shown)
            if len(words) == max_words:
                break
    label = ", ".join(words)
    return label[:1].upper() + label[1:]


def slugify(text: str, taken: set[str], max_words: int = 2) -> str:
    """Return a unique key in a-z0-9_ made from the first words of ``text``."""
    folded = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", folded)[:max_words] or ["tema"]
    base = "_".join(words)[:40]
    key, n = base, 2
    while key in taken or key == "annet":
        key, n = f"{base}_{n}", n + 1
    taken.add(key)
    return key


def representatives(
    E: np.ndarray,
    members: np.ndarray,
    groups: list[int | None],
    n: int = 5,
    max_similarity: float = 0.9,
) -> list[int]:
    """Return up to ``n`` central members that are not near-duplicates of each other."""
    if len(members) == 0:
        return []
    centre = E[members].mean(axis=0)
    # Rounded so that float noise in the last digits never reorders near-ties.
    order = members[np.argsort(-np.round(E[members] @ centre, 6), kind="stable")]
    chosen: list[int] = []
    seen_groups: set[int] = set()
    for i in order.tolist():
        group = groups[i]
        if group is not None and group in seen_groups:
            continue
        if chosen and float(np.max(E[chosen] @ E[i])) > max_similarity:
            continue
        chosen.append(i)
        if group is not None:
            seen_groups.add(group)
        if len(chosen) == n:
            break
    return chosen


def matching_terms(
    indices: np.ndarray,
    data: np.ndarray,
    centre: np.ndarray,
    vocabulary: np.ndarray,
    forms: SurfaceForms,
    n: int = 3,
) -> list[str]:
    """Return the answer's word features that weigh most in its theme's centre.

    ``indices`` and ``data`` are the answer's nonzero word features (one CSR row). When the
    answer shares no word with its theme (it was placed by character n-grams or by the
    embedding), its own strongest words are returned instead.
    """
    vals = data * centre[indices]
    if not np.any(vals > 0):
        vals = data.copy()
    order = np.lexsort((indices, -vals))
    out: list[str] = []
    for j in order:
        if vals[j] <= 0 or len(out) == n:
            break
        shown = forms.display(str(vocabulary[indices[j]]))
        if shown not in out:
            out.append(shown)
    return out


def quote(text: str) -> str:
    """Return ``text`` shortened to :data:`QUOTE_CHARS` characters for display."""
    text = " ".join(str(text).split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"
