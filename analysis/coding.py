"""Learn from coding: answers a planner has coded by hand teach the engine the rest.

Two sources of evidence are added up, each standardised per theme:

* *prototypes* (:class:`analysis.evidence.ThemeEvidence`): each theme's text, when there is a
  codebook, plus every answer coded to it; re-centred on the clearest uncoded answers and mixed
  with neighbours in meaning, so every coded answer pulls the answers that say the same thing
  (semi-supervised: the uncoded answers shape the themes too);
* a *logistic regression* on words and sentence vectors, trained on the coded answers (and the
  theme texts), which learns which words separate themes that the planner's coding told apart.

Every uncoded answer gets a suggested theme with a probability. The answers with the smallest
gap between their two most likely themes are queued first for the planner, one per group of
near-duplicates, so each minute of coding settles the most doubt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from .classifier import fit_classifier
from .codebook import OTHER_KEY
from .evidence import ThemeEvidence
from .exceptions import InvalidCodingError
from .guided import softmax

__all__ = ["CodingClassifier", "coded_labels", "uncertainty_order"]


def coded_labels(coded, n_answers: int) -> list[str | None]:
    """Normalise the planner's coding to one key (or None) per answer.

    Parameters
    ----------
    coded : None, mapping of int to str, or sequence / Series of str or None
        A dict ``{answer index: theme key}``, or one value per answer where empty, None or NaN
        means "not coded".
    n_answers : int

    Raises
    ------
    InvalidCodingError
        If the sequence length differs from the answers, or an index is out of range.
    """
    out: list[str | None] = [None] * n_answers
    if coded is None:
        return out
    if isinstance(coded, pd.Series):
        coded = coded.tolist()
    if isinstance(coded, Mapping):
        items = coded.items()
    elif isinstance(coded, Sequence) and not isinstance(coded, str):
        if len(coded) != n_answers:
            raise InvalidCodingError(
                f"Coding has {len(coded)} values but there are {n_answers} answers."
            )
        items = enumerate(coded)
    else:
        raise InvalidCodingError("Coding must be a dict {index: key} or one value per answer.")
    for index, key in items:
        if not isinstance(index, (int, np.integer)) or not 0 <= index < n_answers:
            raise InvalidCodingError(f"Coded answer index {index!r} is out of range.")
        if key is None or (isinstance(key, float) and key != key) or not str(key).strip():
            continue
        out[int(index)] = str(key).strip()
    return out


def uncertainty_order(
    proba: np.ndarray, candidates: np.ndarray, groups: Sequence[int | None]
) -> list[int]:
    """Return candidate indices, most uncertain first (smallest top-two margin).

    Only the first answer of each near-duplicate group is listed.
    """
    if proba.shape[1] > 1:
        top2 = np.sort(proba[candidates], axis=1)[:, -2:]
        margin = top2[:, 1] - top2[:, 0]
    else:
        margin = np.ones(len(candidates))
    order = candidates[np.argsort(margin, kind="stable")]
    seen: set[int] = set()
    out = []
    for i in order.tolist():
        group = groups[i]
        if group is not None:
            if group in seen:
                continue
            seen.add(group)
        out.append(i)
    return out


def _coded_background(reference, with_vectors: bool) -> np.ndarray:
    """Rows of the background answers coded to a theme (see :func:`analysis.background.labels`)
    that may be learnt from; the regression learns from them as from the planner's coding.
    None when the background has no vectors but the answers do (the rows would not line up)."""
    if reference is None or reference.X is None or reference.fixed is None:
        return np.array([], dtype=int)
    if with_vectors and reference.Q is None:
        return np.array([], dtype=int)
    mask = np.asarray(reference.fixed) >= 0
    if reference.learnable is not None:
        mask &= np.asarray(reference.learnable, dtype=bool)
    return np.flatnonzero(mask)


class CodingClassifier(BaseEstimator):
    """Suggest themes for uncoded answers from the planner's coded ones (and a codebook).

    Parameters
    ----------
    C : float, default=10.0
        Inverse regularisation strength of the logistic regression.
    classifier_weight : float, default=1.0
        Weight of the regression's (z-scored log) probabilities beside the prototypes.
    temperature : float, default=1.0
        Softmax temperature turning the summed evidence into probabilities.

    Attributes
    ----------
    evidence_ : ThemeEvidence
    classes_ : ndarray of str
        Keys the regression knows (may include "annet" when the planner coded it).
    """

    def __init__(
        self, C: float = 10.0, classifier_weight: float = 1.0, temperature: float = 1.0
    ) -> None:
        self.C = C
        self.classifier_weight = classifier_weight
        self.temperature = temperature

    def fit(self, X, Q, labels, keys, X_themes, Q_themes, reference=None) -> "CodingClassifier":
        """Learn from coded rows: ``labels`` holds a key or None per row of ``X``; ``reference``
        is the background (see :class:`analysis.evidence.ThemeEvidence`)."""
        fixed = np.array([keys.index(y) if y in keys else -1 for y in labels])
        self.evidence_ = ThemeEvidence().fit(X, Q, X_themes, Q_themes, fixed, reference)
        coded = np.array([j for j, y in enumerate(labels) if y is not None], dtype=int)
        ref = _coded_background(reference, Q is not None)
        rows_x = [X[coded]] + [sp.csr_matrix(r) for r in X_themes if r is not None]
        rows_x += [reference.X[ref]] if len(ref) else []
        text_keys = [k for k, r in zip(keys, X_themes) if r is not None]
        ref_keys = [keys[t] for t in np.asarray(reference.fixed)[ref]] if len(ref) else []
        y = np.asarray([labels[j] for j in coded] + text_keys + ref_keys, dtype=object).astype(str)
        self.classes_ = np.asarray(sorted(set(y.tolist())), dtype=object)
        self.classifier_ = None
        if len(self.classes_) >= 2:
            Z = sp.vstack(rows_x).tocsr()
            if Q is not None:
                q_rows = [Q[coded]] + [np.asarray(r) for r in Q_themes if r is not None]
                q_rows += [reference.Q[ref]] if len(ref) else []
                Z = sp.hstack([Z, sp.csr_matrix(np.vstack(q_rows))], format="csr")
            self.classifier_ = fit_classifier(Z, y, C=self.C)
            self.classes_ = self.classifier_.classes_.astype(object)
        self._n_lex = X.shape[1]
        log_p = self._log_proba(X, Q)
        self._stats = (log_p.mean(axis=0), log_p.std(axis=0) + 1e-6)
        self._fitted = self._combine(self.evidence_.scores_, log_p, keys)
        return self

    def fitted(self, keys) -> tuple[np.ndarray, np.ndarray]:
        """Return (probabilities over ``keys``, main theme or -1) for the fitted answers."""
        check_is_fitted(self, "evidence_")
        return self._fitted[0].copy(), self._fitted[1].copy()

    def predict(self, X, Q, keys) -> tuple[np.ndarray, np.ndarray]:
        """Return (probabilities over ``keys``, main theme or -1) for new answers."""
        check_is_fitted(self, "evidence_")
        return self._combine(self.evidence_.score(X, Q), self._log_proba(X, Q), keys)

    def _log_proba(self, X, Q) -> np.ndarray:
        """Log-probabilities per class, computed from the weights (no dense copy of Q)."""
        n = X.shape[0]
        if self.classifier_ is None:
            return np.zeros((n, len(self.classes_)))
        model = self.classifier_.model_
        cols = self.classifier_.columns_
        coef = np.zeros((model.coef_.shape[0], self._n_lex + (Q.shape[1] if Q is not None else 0)))
        coef[:, cols] = model.coef_
        logits = np.asarray(X @ coef[:, : self._n_lex].T) + model.intercept_
        if Q is not None:
            logits = logits + Q @ coef[:, self._n_lex :].T
        if logits.shape[1] == 1:  # binary regression: one logit for the second class
            logits = np.hstack([np.zeros_like(logits), logits])
        logits -= logits.max(axis=1, keepdims=True)
        return logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))

    def _combine(self, scores, log_p, keys):
        classes = list(self.classes_)
        z = (log_p - self._stats[0]) / self._stats[1]
        total = scores.copy()
        for t, key in enumerate(keys):
            if key in classes:
                total[:, t] += self.classifier_weight * z[:, classes.index(key)]
        proba = softmax(total, self.temperature * self.evidence_.confidence_scale_)
        main = total.argmax(axis=1) if len(keys) else np.full(len(total), -1)
        if OTHER_KEY in classes and self.classifier_ is not None:
            p_other = np.exp(log_p[:, classes.index(OTHER_KEY)])
            best = np.exp(log_p).max(axis=1)
            main = np.where(p_other >= best, -1, main)
        return proba, main
