"""Guided mode: a codebook's themes, and only those, unless a clear new group turns up.

Steps (see :mod:`analysis.evidence` for the first three):

1. *Evidence*: each answer's standardised lexical and semantic similarity to each theme's text.
2. *Re-centre*: prototypes learn the respondents' own words from the clearest answers.
3. *Neighbours*: an answer's evidence is mixed with that of the answers closest in meaning.
4. *Confidence*: a softmax over the evidence; answers whose best theme is barely ahead of the
   next one are queued for the planner ("Kod de usikre") rather than silently trusted.
5. *Annet*: an answer goes to "Annet" only when its evidence for every theme is weak, in
   words and in meaning; a short idea such as "Billigere buss til byen" is not forced onto the
   nearest theme by accident. New themes are only *proposed* from "Annet" (see
   :class:`analysis.proposals.NewThemeFinder`).
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from .evidence import ThemeEvidence

__all__ = ["CodebookMatcher", "softmax"]


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    """Return the row-wise softmax of ``scores / temperature``."""
    if scores.shape[1] == 0:
        return scores
    z = (scores - scores.max(axis=1, keepdims=True)) / temperature
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class CodebookMatcher(BaseEstimator):
    """Assign answers to codebook themes with a confidence, or to "Annet".

    Parameters
    ----------
    other_threshold : float, default=0.5
        An answer goes to "Annet" when its best evidence (in standard deviations above the
        theme's average answer) is below this and it names none of the theme's keywords.
    temperature : float, default=1.0
        Softmax temperature turning evidence into probabilities; 1.0 gave the lowest
        log-loss on our own development answers (calibrated: mean confidence near accuracy).
    semantic_weight : float, default=1.5
        See :class:`analysis.evidence.ThemeEvidence`.

    Attributes
    ----------
    evidence_ : ThemeEvidence
    n_themes_ : int
    """

    def __init__(
        self, other_threshold: float = 0.5, temperature: float = 1.0, semantic_weight: float = 1.5
    ) -> None:
        self.other_threshold = other_threshold
        self.temperature = temperature
        self.semantic_weight = semantic_weight

    def fit(self, X, Q, X_themes, Q_themes, fixed=None, X_ref=None, Q_ref=None) -> "CodebookMatcher":
        """Learn prototypes from the theme texts (and coded answers, if any); ``X_ref`` and
        ``Q_ref`` are background answers (see :class:`analysis.evidence.ThemeEvidence`)."""
        self.evidence_ = ThemeEvidence(semantic_weight=self.semantic_weight).fit(
            X, Q, X_themes, Q_themes, fixed, X_ref, Q_ref
        )
        self.n_themes_ = len(X_themes)
        return self

    def fitted_scores(self) -> np.ndarray:
        """Evidence for the answers given to :meth:`fit` (with neighbour mixing)."""
        check_is_fitted(self, "evidence_")
        return self.evidence_.scores_

    def scores(self, X, Q) -> np.ndarray:
        """Evidence for new answers."""
        check_is_fitted(self, "evidence_")
        return self.evidence_.score(X, Q)

    def proba(self, scores: np.ndarray) -> np.ndarray:
        """Return probabilities of shape (n_answers, n_themes)."""
        return softmax(scores, self.temperature * self.evidence_.confidence_scale_)

    def assign(self, scores: np.ndarray, hits) -> np.ndarray:
        """Return theme indices, -1 for "Annet"."""
        labels = scores.argmax(axis=1)
        named = np.asarray(hits[np.arange(len(labels)), labels]).ravel() > 0
        weak = scores.max(axis=1) < self.other_threshold
        labels[weak & ~named] = -1
        return labels
