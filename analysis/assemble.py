"""Turn a fitted partition into :class:`Theme` and :class:`Assignment` objects."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from .codebook import OTHER_KEY
from .explain import make_label, matching_terms, quote, representatives, theme_terms
from .normalise import SurfaceForms
from .results import Assignment, Theme

__all__ = [
    "Partition",
    "build_themes",
    "build_assignments",
    "empty_assignments",
    "word_centres",
    "secondary_themes",
]


@dataclass
class Partition:
    """What a mode found, for the answers with content (rows of ``X``)."""

    #: Keys of real themes (no "annet"), in column order of ``proba``.
    keys: list[str]
    #: (n_rows, n_keys) probability-like scores.
    proba: np.ndarray
    #: Main theme per row: a column index, or -1 for "annet".
    main: np.ndarray
    #: Confidence per row.
    confidence: np.ndarray
    #: Rows whose main theme is the planner's coding.
    coded: np.ndarray
    #: Per key: label (None = generate), source, description.
    meta: dict[str, tuple[str | None, str, str]] = field(default_factory=dict)
    #: Matched codebook keywords per row (guided/coding with a codebook), shown first.
    keyword_terms: list[list[str]] | None = None


def word_centres(Xw: sp.csr_matrix, main: np.ndarray, n_keys: int) -> np.ndarray:
    """Return the mean word-feature row of each theme (last row: "annet")."""
    n_rows = Xw.shape[0]
    cols = np.where(main >= 0, main, n_keys)
    member = sp.csr_matrix((np.ones(n_rows), (cols, np.arange(n_rows))), shape=(n_keys + 1, n_rows))
    sizes = np.maximum(np.asarray(member.sum(axis=1)).ravel(), 1)
    return np.asarray((sp.diags(1.0 / sizes) @ member @ Xw).todense())


def secondary_themes(
    proba_row: np.ndarray, keys: list[str], main: int, threshold: float
) -> list[tuple[str, float]]:
    """Return other themes whose score reaches ``threshold``, best first."""
    order = np.argsort(-proba_row, kind="stable")
    return [
        (keys[j], round(float(proba_row[j]), 3))
        for j in order
        if j != main and proba_row[j] >= threshold
    ]


def build_themes(
    part: Partition,
    texts: list[str],
    rows: np.ndarray,
    Xw: sp.csr_matrix,
    E: np.ndarray,
    centres: np.ndarray,
    vocabulary: np.ndarray,
    forms: SurfaceForms,
    groups: list[int | None],
) -> list[Theme]:
    """Return one :class:`Theme` per key with members (codebook themes always), "annet" last."""
    overall = np.asarray(Xw.mean(axis=0)).ravel()
    themes = []
    keys = part.keys + [OTHER_KEY]
    for col, key in enumerate(keys):
        local = np.flatnonzero(part.main == (col if key != OTHER_KEY else -1))
        label, source, description = part.meta.get(key, (None, "other", ""))
        if key == OTHER_KEY:
            label, source = "Annet", "other"
        if not len(local) and source not in ("codebook",):
            continue
        feats = theme_terms(centres[col], overall, vocabulary) if len(local) else []
        reps = representatives(E, local, [groups[r] for r in rows]) if len(local) else []
        themes.append(
            Theme(
                key=key,
                label=label or make_label(feats, forms),
                size=int(len(local)),
                keywords=_unique([forms.display(f) for f in feats]),
                representatives=[int(rows[i]) for i in reps],
                quotes=[quote(texts[rows[i]]) for i in reps],
                source=source,
                description=description,
            )
        )
    regular = sorted((t for t in themes if t.key != OTHER_KEY), key=lambda t: (-t.size, t.key))
    return regular + [t for t in themes if t.key == OTHER_KEY]


def build_assignments(
    part: Partition,
    rows: np.ndarray,
    nonanswer: list[bool],
    Xw: sp.csr_matrix,
    centres: np.ndarray,
    vocabulary: np.ndarray,
    forms: SurfaceForms,
    groups: list[int | None],
    secondary_threshold: float,
    docs: list | None = None,
) -> list[Assignment]:
    """Return one :class:`Assignment` per input answer.

    ``docs`` (tokens of the rows) gives a last-resort explanation for answers whose words are
    all too rare to be features: their own content words.
    """
    Xw = sp.csr_matrix(Xw)  # rows are read through indptr below, without slicing
    out = empty_assignments(nonanswer, groups)
    for local, i in enumerate(rows.tolist()):
        main = int(part.main[local])
        a = out[i]
        a.theme = part.keys[main] if main >= 0 else OTHER_KEY
        a.confidence = round(float(part.confidence[local]), 3) if main >= 0 else 0.0
        a.coded = bool(part.coded[local])
        if part.proba.shape[1]:
            a.secondary = secondary_themes(part.proba[local], part.keys, main, secondary_threshold)
        col = main if main >= 0 else len(part.keys)
        terms = list(part.keyword_terms[local]) if part.keyword_terms else []
        start, end = Xw.indptr[local], Xw.indptr[local + 1]
        terms += matching_terms(
            Xw.indices[start:end], Xw.data[start:end], centres[col], vocabulary, forms
        )
        if not terms and docs is not None:
            terms = [t.surface for t in docs[local] if not t.is_stop][:3]
        a.terms = _unique(terms)[:5]
    return out


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def empty_assignments(nonanswer: list[bool], groups) -> list[Assignment]:
    """One assignment per answer before any theme is known: non-answers, the rest in Annet."""
    return [
        Assignment(
            index=i,
            theme=None if nonanswer[i] else OTHER_KEY,
            confidence=0.0,
            is_nonanswer=nonanswer[i],
            duplicate_group=groups[i],
        )
        for i in range(len(nonanswer))
    ]
