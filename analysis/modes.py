"""Glue between :class:`~analysis.model.ThemeModel` and the three ways to theme.

Each mode returns an :class:`~analysis.assemble.Partition` for the answers with content;
``predict_mode`` does the same for new answers without changing any theme. ``space`` holds
what a mode reads about the answers: TF-IDF rows ``X``, sentence vectors ``Q`` (or None) and
the dense space ``E`` that discovery clusters in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .assemble import Partition
from .codebook import OTHER_KEY
from .coding import CodingClassifier, coded_labels, uncertainty_order
from .discover import ThemeDiscovery
from .exceptions import InvalidCodingError
from .guided import CodebookMatcher, softmax
from .keywords import KeywordMatcher
from .naming import name_themes
from .proposals import NewThemeFinder

__all__ = ["Space", "fit_mode", "predict_mode", "uncertain"]

#: Softmax temperature for discovered themes (cosine similarities to their centroids).
DISCOVER_TEMPERATURE = 0.05


@dataclass
class Space:
    """The answers (or theme texts) in the engine's three representations."""

    #: Tokens per row.
    docs: list
    #: L2-normalised TF-IDF rows (sparse).
    X: object
    #: Sentence vectors, or None when semantic evidence is off.
    Q: np.ndarray | None
    #: Dense, L2-normalised space for clustering and representative answers.
    E: np.ndarray
    #: Per row, where names may not run across and the links they keep
    #: (:class:`analysis.normalise.Phrasing`).
    phrasings: list | None = None


def fit_mode(model, space: Space, themes: Space | None, coded, rows) -> Partition:
    """Run the model's mode on the answers with content."""
    if model.mode == "discover":
        return _fit_discover(model, space)
    if model.mode == "guided":
        return _fit_guided(model, space, themes)
    return _fit_coding(model, space, themes, coded, rows)


def predict_mode(model, space: Space) -> Partition:
    """Assign new answers with the fitted mode (themes stay as they are)."""
    part = model._partition
    n = space.X.shape[0]
    if model.mode == "discover":
        sims = model._discovery.similarities(space.E)
        main = model._discovery.predict(space.E)
        proba = softmax(sims, DISCOVER_TEMPERATURE)
        return _partition(part.keys, proba, main, np.zeros(n, bool), part.meta)
    if model.mode == "guided":
        matcher = model._codebook_matcher
        scores = matcher.scores(space.X, space.Q)
        proba = matcher.proba(scores)
        main = matcher.assign(scores, model._matcher.hits(space.docs))
        proba, main = model._proposals.place(proba, main, space.E, part.keys)
        return _partition(
            part.keys, proba, main, np.zeros(n, bool), part.meta, _keyword_terms(model, space, main)
        )
    proba, main = model._coding.predict(space.X, space.Q, part.keys)
    terms = _keyword_terms(model, space, main) if model.codebook_ else None
    return _partition(part.keys, proba, main, np.zeros(n, bool), part.meta, terms)


def uncertain(part: Partition, rows: np.ndarray, groups) -> list[int]:
    """Return global indices of uncoded answers, least certain first."""
    candidates = np.flatnonzero(~part.coded)
    local_groups = [groups[r] for r in rows]
    order = uncertainty_order(part.proba, candidates, local_groups)
    return [int(rows[i]) for i in order]


def _partition(keys, proba, main, coded, meta, keyword_terms=None) -> Partition:
    conf = (
        np.where(main >= 0, proba[np.arange(len(main)), np.maximum(main, 0)], 0.0)
        if proba.shape[1]
        else np.zeros(len(main))
    )
    conf = np.where(coded, 1.0, conf)
    return Partition(
        keys=list(keys),
        proba=proba,
        main=main,
        confidence=conf,
        coded=coded,
        meta=meta,
        keyword_terms=keyword_terms,
    )


def _discovery(model, n, k_range, n_clusters="auto") -> ThemeDiscovery:
    return ThemeDiscovery(
        n_clusters=n_clusters,
        k_range=k_range,
        min_cluster_size=model._min_size(n),
        n_resamples=model.n_resamples,
        random_state=model.random_state,
    )


def _fit_discover(model, space: Space) -> Partition:
    k_range = (model.min_themes, model.max_themes)
    disc = _discovery(model, space.E.shape[0], k_range, model.n_themes).fit(space.E)
    model._discovery, model.stability_ = disc, dict(disc.stability_)
    keys, labels = name_themes(space, disc.labels_, disc.n_clusters_, set())
    meta = {key: (label, "discovered", "") for key, label in zip(keys, labels)}
    proba = softmax(disc.similarities(space.E), DISCOVER_TEMPERATURE)
    return _partition(keys, proba, disc.labels_.copy(), np.zeros(space.E.shape[0], bool), meta)


def _fit_guided(model, space: Space, themes: Space) -> Partition:
    book = model.codebook_
    model._matcher = KeywordMatcher(book, model._normaliser)
    hits = model._matcher.hits(space.docs)
    matcher = CodebookMatcher(other_threshold=model.other_threshold).fit(
        space.X, space.Q, list(themes.X), _rows(themes.Q, len(book.keys)), None, model._background
    )
    model._codebook_matcher = matcher
    scores = matcher.fitted_scores()
    proba, main = matcher.proba(scores), matcher.assign(scores, hits)
    keys = list(book.keys)
    meta = {t.key: (t.name, "codebook", t.description) for t in book.themes}
    finder = NewThemeFinder(
        enabled=model.discover_new,
        min_size=model._min_size(space.E.shape[0]),
        min_stability=model.new_theme_stability,
        n_resamples=model.n_resamples,
        random_state=model.random_state,
    ).fit(space.E, main, space.X[:, : model.features_.n_word_features_])
    model._proposals = finder
    new_keys, new_labels = name_themes(
        space, finder.local_labels(len(main)), finder.n_new_, set(keys)
    )
    meta.update({k: (lab, "proposed", "") for k, lab in zip(new_keys, new_labels)})
    keys += new_keys
    proba, main = finder.place(proba, main, space.E, keys)
    return _partition(
        keys, proba, main, np.zeros(len(main), bool), meta, _keyword_terms(model, space, main)
    )


def _keyword_terms(model, space: Space, main):
    n_book = len(model.codebook_.keys)
    return [
        model._matcher.matches(doc, int(m)) if 0 <= m < n_book else []
        for doc, m in zip(space.docs, main)
    ]


def _rows(M, n):
    return [None] * n if M is None else list(M)


def _fit_coding(model, space: Space, themes: Space | None, coded, rows) -> Partition:
    labels = coded_labels(coded, model.n_answers_)
    local = [labels[i] for i in rows]
    train = [j for j, y in enumerate(local) if y is not None]
    if not train:
        raise InvalidCodingError("Coding mode needs at least one hand-coded answer with content.")
    book = model.codebook_
    book_keys = list(book.keys) if book else []
    extra = sorted({local[j] for j in train} - set(book_keys) - {OTHER_KEY})
    keys = book_keys + extra
    X_themes = (list(themes.X) if book else []) + [None] * len(extra)
    Q_themes = (_rows(themes.Q, len(book_keys)) if book else []) + [None] * len(extra)
    model._coding = CodingClassifier().fit(
        space.X, space.Q, local, keys, X_themes, Q_themes, model._background
    )
    meta = {k: (k.replace("_", " ").capitalize(), "coded", "") for k in extra}
    if book:
        meta.update({t.key: (t.name, "codebook", t.description) for t in book.themes})
        model._matcher = KeywordMatcher(book, model._normaliser)
    proba, main = model._coding.fitted(keys)
    coded_mask = np.zeros(len(local), bool)
    for j in train:
        coded_mask[j] = True
        main[j] = keys.index(local[j]) if local[j] in keys else -1
    terms = _keyword_terms(model, space, main) if book else None
    return _partition(keys, proba, main, coded_mask, meta, terms)
