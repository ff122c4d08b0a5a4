"""Learn from coding: answers a planner has coded by hand teach the engine the rest.

A logistic regression is trained on the coded answers (and, when a codebook is given, on the
theme texts as one extra example each, so themes nobody has coded yet can still be
suggested). Every uncoded answer gets a suggested theme with a probability. The answers with
the smallest gap between their two most likely themes are queued first for the planner, one
per group of near-duplicates, so each minute of coding settles the most doubt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from .classifier import fit_classifier
from .exceptions import InvalidCodingError

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


class CodingClassifier(BaseEstimator):
    """Suggest themes for uncoded answers from the planner's coded ones.

    Parameters
    ----------
    C : float, default=10.0
        Inverse regularisation strength of the logistic regression.
    codebook_weight : float, default=1.0
        Sample weight of each codebook theme text among the training examples.

    Attributes
    ----------
    classes_ : ndarray of str
        Theme keys the classifier can suggest.
    """

    def __init__(self, C: float = 10.0, codebook_weight: float = 1.0) -> None:
        self.C = C
        self.codebook_weight = codebook_weight

    def fit(
        self,
        X: sp.spmatrix,
        y: Sequence[str],
        X_themes: sp.spmatrix | None = None,
        theme_keys: Sequence[str] = (),
    ) -> "CodingClassifier":
        """Train on coded rows ``X``/``y`` and optional codebook texts ``X_themes``."""
        y = np.asarray(list(y), dtype=object)
        weights = np.ones(len(y))
        if X_themes is not None and len(theme_keys):
            X = sp.vstack([X, X_themes]).tocsr()
            y = np.concatenate([y, np.asarray(list(theme_keys), dtype=object)])
            weights = np.concatenate([weights, np.full(len(theme_keys), self.codebook_weight)])
        if len(set(y.tolist())) < 2:
            self.classes_ = np.asarray(sorted(set(y.tolist())), dtype=object)
            self.classifier_ = None
            return self
        self.classifier_ = fit_classifier(X, y.astype(str), sample_weight=weights, C=self.C)
        self.classes_ = self.classifier_.classes_.astype(object)
        return self

    def predict_proba(self, X: sp.spmatrix) -> np.ndarray:
        """Return probabilities of shape (n_answers, n_classes) in ``classes_`` order."""
        check_is_fitted(self, "classes_")
        if self.classifier_ is None:
            return np.ones((X.shape[0], len(self.classes_)))
        return self.classifier_.predict_proba(X)
