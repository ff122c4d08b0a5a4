"""Guided mode: a codebook seeds the themes; answers get the best theme with a confidence.

Steps:

1. *Evidence*: each answer's cosine similarity to each theme's text (name, description and
   keywords, in the same word and character n-gram space) plus a bonus per keyword hit.
2. *Refine*: like k-means seeded by the codebook, each theme's centre becomes its own text
   plus the mean of the answers currently assigned to it, and answers are re-assigned. This
   teaches the themes the planners' and respondents' own words.
3. *Self-train*: a logistic regression learns from the answers that matched clearly and
   gives every answer a probability per theme (the confidence).
4. *Annet*: answers with no keyword hit and no clear winning theme go to "Annet"; new themes
   are then looked for inside "Annet" (see :class:`analysis.model.ThemeModel`).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from .classifier import fit_classifier

__all__ = ["CodebookMatcher"]


class CodebookMatcher(BaseEstimator):
    """Assign answers to codebook themes by lexical evidence, refinement and self-training.

    Parameters
    ----------
    keyword_weight : float, default=0.3
        Score added per keyword hit (at most two hits count).
    n_iter : int, default=5
        Refinement rounds.
    confident_share : float, default=0.5
        Share of each theme's answers (those with the clearest margin) used for self-training.
    other_threshold : float, default=0.35
        Answers without keyword hits whose best probability is below this go to "Annet".
    max_train : int, default=3_000
        Most answers used to train the classifier.
    random_state : int, RandomState instance or None, default=None
        Seed for subsampling the training set.

    Attributes
    ----------
    classes_ : ndarray of int
        Theme indices the classifier knows.
    centres_ : sparse matrix of shape (n_themes, n_features)
        Refined theme centres.
    """

    def __init__(
        self,
        keyword_weight=0.3,
        n_iter=5,
        confident_share=0.5,
        other_threshold=0.35,
        max_train=3_000,
        random_state=None,
    ) -> None:
        self.keyword_weight = keyword_weight
        self.n_iter = n_iter
        self.confident_share = confident_share
        self.other_threshold = other_threshold
        self.max_train = max_train
        self.random_state = random_state

    def fit(self, X: sp.spmatrix, X_themes: sp.spmatrix, hits: sp.spmatrix) -> "CodebookMatcher":
        """Learn theme centres and a classifier from answers ``X`` and theme texts."""
        n_themes = X_themes.shape[0]
        bonus = self.keyword_weight * np.minimum(hits.toarray(), 2.0)
        centres = sp.csr_matrix(X_themes)
        labels = None
        for _ in range(max(1, self.n_iter)):
            scores = (X @ centres.T).toarray() + bonus
            new = scores.argmax(axis=1)
            if labels is not None and np.array_equal(new, labels):
                break
            labels = new
            centres = self._centres(X, X_themes, labels, scores)
        self.centres_ = centres
        train = self._training_rows(scores, labels, n_themes)
        X_train = sp.vstack([X[train], X_themes]).tocsr()
        y_train = np.concatenate([labels[train], np.arange(n_themes)])
        self.classifier_ = fit_classifier(X_train, y_train)
        self.classes_ = self.classifier_.classes_
        self.n_themes_ = n_themes
        return self

    def predict_proba(self, X: sp.spmatrix) -> np.ndarray:
        """Return probabilities of shape (n_answers, n_themes)."""
        check_is_fitted(self, "classifier_")
        proba = np.zeros((X.shape[0], self.n_themes_))
        proba[:, self.classes_] = self.classifier_.predict_proba(X)
        return proba

    def predict(self, X: sp.spmatrix, hits: sp.spmatrix) -> np.ndarray:
        """Return theme indices, -1 for "Annet"."""
        proba = self.predict_proba(X)
        labels = proba.argmax(axis=1)
        no_hit = np.asarray(hits.sum(axis=1)).ravel() == 0
        labels[no_hit & (proba.max(axis=1) < self.other_threshold)] = -1
        return labels

    def _centres(self, X, X_themes, labels, scores) -> sp.csr_matrix:
        rows = []
        for t in range(X_themes.shape[0]):
            members = np.flatnonzero((labels == t) & (scores.max(axis=1) > 0))
            centre = X_themes[t]
            if len(members):
                centre = centre + sp.csr_matrix(X[members].mean(axis=0))
            rows.append(centre)
        return normalize(sp.vstack(rows).tocsr())

    def _training_rows(self, scores, labels, n_themes) -> np.ndarray:
        """Pick, per theme, the answers whose winning margin is largest."""
        top2 = (
            np.sort(scores, axis=1)[:, -2:]
            if n_themes > 1
            else np.hstack([np.zeros((len(scores), 1)), scores])
        )
        margin = top2[:, -1] - top2[:, 0]
        rng = np.random.RandomState(0) if self.random_state is None else self.random_state
        rng = np.random.RandomState(rng) if isinstance(rng, (int, np.integer)) else rng
        chosen = []
        per_theme = max(1, self.max_train // max(n_themes, 1))
        for t in range(n_themes):
            members = np.flatnonzero((labels == t) & (scores.max(axis=1) > 0))
            if not len(members):
                continue
            keep = max(1, int(np.ceil(self.confident_share * len(members))))
            best = members[np.argsort(-margin[members], kind="stable")[:keep]]
            if len(best) > per_theme:
                best = np.sort(rng.choice(best, per_theme, replace=False))
            chosen.append(best)
        return np.sort(np.concatenate(chosen)) if chosen else np.array([], dtype=int)
