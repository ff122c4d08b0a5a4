"""Glue between :class:`~analysis.model.ThemeModel` and the three ways to theme.

Each ``_fit_*`` function returns an :class:`~analysis.assemble.Partition` for the answers
with content; ``predict_mode`` does the same for new answers without changing any theme.
"""

from __future__ import annotations

import numpy as np

from .assemble import Partition, word_centres
from .codebook import OTHER_KEY
from .coding import CodingClassifier, coded_labels, uncertainty_order
from .discover import ThemeDiscovery
from .exceptions import InvalidCodingError
from .explain import make_label, slugify, theme_terms
from .guided import CodebookMatcher
from .keywords import KeywordMatcher

__all__ = ["fit_mode", "predict_mode", "uncertain", "TEMPERATURE"]

#: Softmax temperature that turns cosine similarities to theme centres into confidences.
TEMPERATURE = 0.05


def softmax(sims: np.ndarray) -> np.ndarray:
    """Return row-wise softmax of ``sims / TEMPERATURE``."""
    if sims.shape[1] == 0:
        return sims
    z = (sims - sims.max(axis=1, keepdims=True)) / TEMPERATURE
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_mode(model, docs, X, E, theme_docs, coded, rows) -> Partition:
    """Run the model's mode on the answers with content."""
    if model.mode == "discover":
        return _fit_discover(model, X, E)
    if model.mode == "guided":
        return _fit_guided(model, docs, X, E, theme_docs)
    return _fit_coding(model, docs, X, theme_docs, coded, rows)


def predict_mode(model, docs, X, E) -> Partition:
    """Assign new answers with the fitted mode (themes stay as they are)."""
    part = model._partition
    n = X.shape[0]
    if model.mode == "discover":
        sims = model._discovery.similarities(E)
        main = model._discovery.predict(E)
        return _partition(part.keys, softmax(sims), main, np.zeros(n, bool), part.meta)
    if model.mode == "guided":
        hits = model._matcher.hits(docs)
        proba = model._codebook_matcher.predict_proba(X)
        main = model._codebook_matcher.predict(X, hits)
        proba, main = _add_new_themes(model, proba, main, E, part.keys)
        return _partition(
            part.keys, proba, main, np.zeros(n, bool), part.meta, _keyword_terms(model, docs, main)
        )
    proba, main = _coding_predict(model, X, part.keys)
    terms = _keyword_terms(model, docs, main) if model.codebook_ else None
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


def _name(model, X, labels, k, taken):
    """Return generated keys and labels for k discovered themes."""
    Xw = X[:, : model.features_.n_word_features_]
    vocab = model.features_.word_vocabulary_
    centres = word_centres(Xw, labels, k)
    overall = np.asarray(Xw.mean(axis=0)).ravel()
    labels_text = [
        make_label(theme_terms(centres[c], overall, vocab), model.forms_) for c in range(k)
    ]
    return [slugify(t, taken) for t in labels_text], labels_text


def _discovery(model, n, k_range, n_clusters="auto") -> ThemeDiscovery:
    return ThemeDiscovery(
        n_clusters=n_clusters,
        k_range=k_range,
        min_cluster_size=model._min_size(n),
        n_resamples=model.n_resamples,
        random_state=model.random_state,
    )


def _fit_discover(model, X, E) -> Partition:
    k_range = (model.min_themes, model.max_themes)
    disc = _discovery(model, E.shape[0], k_range, model.n_themes).fit(E)
    model._discovery, model.stability_ = disc, dict(disc.stability_)
    keys, labels = _name(model, X, disc.labels_, disc.n_clusters_, set())
    meta = {key: (label, "discovered", "") for key, label in zip(keys, labels)}
    proba = softmax(disc.similarities(E))
    return _partition(keys, proba, disc.labels_.copy(), np.zeros(E.shape[0], bool), meta)


def _fit_guided(model, docs, X, E, theme_docs) -> Partition:
    book = model.codebook_
    model._matcher = KeywordMatcher(book, model._normaliser)
    hits = model._matcher.hits(docs)
    X_themes = model.features_.transform(theme_docs)
    model._codebook_matcher = CodebookMatcher(
        other_threshold=model.other_threshold, random_state=model.random_state
    ).fit(X, X_themes, hits)
    proba = model._codebook_matcher.predict_proba(X)
    main = model._codebook_matcher.predict(X, hits)
    keys = list(book.keys)
    meta = {t.key: (t.name, "codebook", t.description) for t in book.themes}
    model._new_discovery = None
    other = np.flatnonzero(main == -1)
    min_size = model._min_size(E.shape[0])
    if model.discover_new and len(other) >= 2 * min_size:
        disc = _discovery(model, E.shape[0], (2, 6)).fit(E[other])
        if disc.stability_ and max(disc.stability_.values()) >= model.new_theme_stability:
            new_keys, labels = _name(model, X[other], disc.labels_, disc.n_clusters_, set(keys))
            meta.update({k: (lab, "discovered", "") for k, lab in zip(new_keys, labels)})
            model._new_discovery = disc
            keys += new_keys
    proba, main = _add_new_themes(model, proba, main, E, keys)
    return _partition(
        keys, proba, main, np.zeros(len(main), bool), meta, _keyword_terms(model, docs, main)
    )


def _add_new_themes(model, proba, main, E, keys):
    """Give "Annet" answers a discovered new theme when one fits."""
    disc = model._new_discovery
    n_new = len(keys) - proba.shape[1]
    if disc is None or n_new <= 0:
        return proba, main
    proba = np.hstack([proba, np.zeros((len(main), n_new))])
    other = np.flatnonzero(main == -1)
    if len(other):
        sub = disc.predict(E[other])
        proba[other, -n_new:] = softmax(disc.similarities(E[other]))
        main = main.copy()
        main[other] = np.where(sub >= 0, sub + len(keys) - n_new, -1)
    return proba, main


def _keyword_terms(model, docs, main):
    n_book = len(model.codebook_.keys)
    return [
        model._matcher.matches(doc, int(m)) if 0 <= m < n_book else [] for doc, m in zip(docs, main)
    ]


def _fit_coding(model, docs, X, theme_docs, coded, rows) -> Partition:
    labels = coded_labels(coded, model.n_answers_)
    local = [labels[i] for i in rows]
    train = [j for j, y in enumerate(local) if y is not None]
    if not train:
        raise InvalidCodingError("Coding mode needs at least one hand-coded answer with content.")
    book = model.codebook_
    book_keys = list(book.keys) if book else []
    X_themes = model.features_.transform(theme_docs) if book else None
    model._coding = CodingClassifier().fit(X[train], [local[j] for j in train], X_themes, book_keys)
    extra = sorted({local[j] for j in train} - set(book_keys) - {OTHER_KEY})
    keys = book_keys + extra
    meta = {k: (k.replace("_", " ").capitalize(), "coded", "") for k in extra}
    if book:
        meta.update({t.key: (t.name, "codebook", t.description) for t in book.themes})
        model._matcher = KeywordMatcher(book, model._normaliser)
    proba, main = _coding_predict(model, X, keys)
    coded_mask = np.zeros(len(local), bool)
    for j in train:
        coded_mask[j] = True
        main[j] = keys.index(local[j]) if local[j] in keys else -1
    terms = _keyword_terms(model, docs, main) if book else None
    return _partition(keys, proba, main, coded_mask, meta, terms)


def _coding_predict(model, X, keys):
    """Return probabilities over ``keys`` and the main theme (-1 when "annet" wins)."""
    clf = model._coding
    raw = clf.predict_proba(X)
    classes = list(clf.classes_)
    proba = np.zeros((X.shape[0], len(keys)))
    for c, key in enumerate(classes):
        if key in keys:
            proba[:, keys.index(key)] = raw[:, c]
    other = raw[:, classes.index(OTHER_KEY)] if OTHER_KEY in classes else np.zeros(X.shape[0])
    main = proba.argmax(axis=1) if len(keys) else np.full(X.shape[0], -1)
    main = np.where(other > proba.max(axis=1, initial=0.0), -1, main)
    return proba, main
