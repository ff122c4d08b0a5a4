"""A small text classifier for learning from coding: which words separate the coded themes."""

from __future__ import annotations

import warnings

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

__all__ = ["TextClassifier", "fit_classifier"]


class TextClassifier(ClassifierMixin, BaseEstimator):
    """Multinomial logistic regression on the features that occur in the training answers.

    Features absent from every training answer get a zero weight anyway; leaving them out
    makes fitting several times faster on large inputs with the same predictions.

    Parameters
    ----------
    C : float, default=10.0
        Inverse regularisation strength; TF-IDF rows are L2-normalised, so a fairly weak
        penalty suits them.
    max_iter : int, default=100
        L-BFGS iterations. A fit that stops early is still usable, so the convergence
        warning is silenced rather than shown to planners.

    Attributes
    ----------
    columns_ : ndarray of int
        Feature columns used.
    classes_ : ndarray
        Class labels.
    """

    def __init__(self, C: float = 10.0, max_iter: int = 100) -> None:
        self.C = C
        self.max_iter = max_iter

    def fit(self, X: sp.spmatrix, y, sample_weight=None) -> "TextClassifier":
        """Fit on TF-IDF rows ``X`` with labels ``y``."""
        X = sp.csr_matrix(X)
        self.columns_ = np.unique(X.indices)
        self.model_ = LogisticRegression(C=self.C, max_iter=self.max_iter)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            # A planner who has coded a handful of answers gives few examples per theme:
            # expected here, not a mistake worth a warning.
            warnings.filterwarnings("ignore", message="The number of unique classes is greater")
            self.model_.fit(X[:, self.columns_], y, sample_weight=sample_weight)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X: sp.spmatrix) -> np.ndarray:
        """Return class probabilities in ``classes_`` order."""
        check_is_fitted(self, "model_")
        return self.model_.predict_proba(sp.csr_matrix(X)[:, self.columns_])

    def predict(self, X: sp.spmatrix) -> np.ndarray:
        """Return the most likely class per row."""
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


def fit_classifier(
    X: sp.spmatrix, y: np.ndarray, sample_weight: np.ndarray | None = None, C: float = 10.0
) -> TextClassifier:
    """Return a fitted :class:`TextClassifier`."""
    return TextClassifier(C=C).fit(X, y, sample_weight=sample_weight)
