"""Proposals for new themes in guided mode: only from "Annet", only when clearly a theme.

A planner who gives a complete codebook reads invented themes as noise, so guided mode never
mixes new themes into the codebook's. It looks inside "Annet" (answers far from every
codebook theme) for groups that are stable across resamples (see :mod:`analysis.discover`)
*and* at least as coherent as the codebook themes are on the same answers *and* share a word: at
least a third of the group's answers use the same content word. Without that last test, short
answers far from every theme («padelbane», «burger king», «alt stenger kl 8») formed groups
that are close in the sentence space because they are short, not because they say the same;
a planner cannot name such a group. Each group kept is returned with source ``"proposed"`` and
shown to the planner as *Forslag til nytt tema*.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.preprocessing import normalize

from .discover import ThemeDiscovery
from .guided import softmax

__all__ = ["NewThemeFinder", "coherence", "shared_word_share"]

#: Softmax temperature for proposals (cosine similarities to their centroids).
TEMPERATURE = 0.05


def coherence(E: np.ndarray, members: np.ndarray) -> float:
    """Mean cosine of members to their normalised centroid (1 = all say the same)."""
    if len(members) == 0:
        return 0.0
    centre = normalize(E[members].mean(axis=0, keepdims=True))[0]
    return float((E[members] @ centre).mean())


def shared_word_share(words, members: np.ndarray) -> float:
    """Largest share of ``members`` that use one and the same word (1.0 without ``words``)."""
    if words is None:
        return 1.0
    if len(members) == 0:
        return 0.0
    return float(np.asarray((words[members] != 0).sum(axis=0)).max() / len(members))


class NewThemeFinder(BaseEstimator):
    """Find coherent, stable groups among the answers no codebook theme took.

    Parameters
    ----------
    enabled : bool, default=True
    min_size : int, default=3
        Smallest proposal.
    min_stability : float, default=0.7
        Stability (1 - PAC) the grouping of "Annet" must reach.
    min_shared : float, default=1/3
        Share of a group's answers that must use one and the same content word.
    n_resamples : int, default=20
    random_state : int or None, default=None

    Attributes
    ----------
    n_new_ : int
        Number of proposals.
    """

    def __init__(
        self,
        enabled=True,
        min_size=3,
        min_stability=0.7,
        min_shared=1 / 3,
        n_resamples=20,
        random_state=None,
    ) -> None:
        self.enabled = enabled
        self.min_size = min_size
        self.min_stability = min_stability
        self.min_shared = min_shared
        self.n_resamples = n_resamples
        self.random_state = random_state

    def fit(self, E: np.ndarray, main: np.ndarray, words=None) -> "NewThemeFinder":
        """Look for proposals among rows of ``E`` whose ``main`` is -1.

        ``words`` (answers x content words, sparse; nonzero where the answer uses the word)
        enables the shared-word test.
        """
        self.n_new_, self._centres = 0, np.zeros((0, E.shape[1]))
        self._other = np.flatnonzero(main == -1)
        self._labels = np.full(len(self._other), -1)
        if not self.enabled or len(self._other) < 2 * self.min_size:
            return self
        disc = ThemeDiscovery(
            k_range=(2, 6),
            min_cluster_size=self.min_size,
            n_resamples=self.n_resamples,
            random_state=self.random_state,
        ).fit(E[self._other])
        if not disc.stability_ or max(disc.stability_.values()) < self.min_stability:
            return self
        bar = self._reference_coherence(E, main)
        kept = []
        for c in range(disc.n_clusters_):
            members = self._other[disc.labels_ == c]
            if (
                len(members) >= self.min_size
                and coherence(E, members) >= bar
                and shared_word_share(words, members) >= self.min_shared
            ):
                kept.append(c)
        for new, c in enumerate(kept):
            self._labels[disc.labels_ == c] = new
        self.n_new_ = len(kept)
        if kept:
            self._centres = normalize(
                np.vstack([E[self._other[self._labels == c]].mean(axis=0) for c in range(len(kept))])
            )
            self._radius = np.array(
                [np.min(E[self._other[self._labels == c]] @ self._centres[c]) for c in range(len(kept))]
            )
        return self

    def local_labels(self, n: int) -> np.ndarray:
        """Return a label per fitted row: the proposal index, or -1."""
        labels = np.full(n, -1)
        labels[self._other] = self._labels
        return labels

    def place(self, proba, main, E, keys):
        """Extend ``proba`` with the proposals and move "Annet" rows that fit one into it."""
        if self.n_new_ == 0:
            return proba, main
        proba = np.hstack([proba, np.zeros((len(main), self.n_new_))])
        other = np.flatnonzero(main == -1)
        if len(other):
            sims = E[other] @ self._centres.T
            best = sims.argmax(axis=1)
            fits = sims[np.arange(len(other)), best] >= self._radius[best]
            proba[other, -self.n_new_ :] = softmax(sims, TEMPERATURE)
            main = main.copy()
            main[other] = np.where(fits, best + len(keys) - self.n_new_, -1)
        return proba, main

    @staticmethod
    def _reference_coherence(E, main) -> float:
        """Median coherence of the codebook themes that received answers."""
        values = [coherence(E, np.flatnonzero(main == t)) for t in np.unique(main[main >= 0])]
        values = [v for v in values if v > 0]
        return float(np.median(values)) if values else 0.0
