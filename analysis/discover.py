"""Discover themes without prior knowledge: stable, consensus spectral clustering.

How it works, in plain steps:

1. Take (a sample of at most ``max_sample``) answers in the LSA embedding and link each to its
   ``n_neighbors`` most similar answers. The graph's leading eigenvectors (a spectral
   embedding) turn "answers that talk about the same things" into compact groups.
2. For every candidate number of themes k, cluster many random subsamples and record how
   often each pair of answers lands together (consensus). Stability is 1 - PAC, where PAC is
   the share of pairs that are *ambiguous* (together in 10-90% of the runs), following
   Monti et al. (2003) and Senbabaoglu et al. (2014), who found PAC the most reliable way
   to pick k from a consensus. The smallest k within ``stability_tolerance`` of the most
   stable one is chosen.
3. Combine the runs for that k into a co-association matrix (how often two answers land
   together) and cut its average-linkage tree into k themes: a consensus that does not
   depend on one seed.
4. Every answer (also those outside the sample, and later ``predict`` calls) goes to the
   nearest theme centroid, or to "Annet" when it is no closer to that centroid than answers
   typically are to themes they do not belong to.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import KMeans
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from .exceptions import InvalidParameterError

__all__ = ["OTHER", "ThemeDiscovery"]

#: Label of answers that fit no theme ("Annet").
OTHER = -1
#: Answers used to measure the stability of each k (pairs grow with the square).
PAC_SAMPLE = 1000
#: Subspace iterations for the spectral embedding.
POWER_ITERATIONS = 200
#: Largest share of answers that discover mode puts in "Annet".
OTHER_SHARE = 0.1


class ThemeDiscovery(ClusterMixin, BaseEstimator):
    """Consensus spectral clustering that chooses its number of themes by stability.

    Parameters
    ----------
    n_clusters : "auto" or int, default="auto"
        Number of themes; "auto" chooses it by stability within ``k_range``.
    k_range : tuple of int, default=(3, 15)
        Smallest and largest number of themes tried when ``n_clusters="auto"``.
    min_cluster_size : int, default=3
        Themes smaller than this are dissolved (never singletons); it also caps k.
    n_resamples : int, default=10
        Subsampled clustering runs per k (stability) and for the consensus.
    subsample : float, default=0.8
        Share of the sample used in each run.
    n_neighbors : "auto" or int, default="auto"
        Neighbours per answer in the similarity graph; "auto" is ``3 ln(m)`` (at least 10)
        for a sample of m answers. Sparser graphs (15 neighbours for 3,000 answers) gave
        partitions that changed with the seed.
    max_sample : int, default=3000
        Answers used to build the themes; the rest are assigned to the nearest theme.
    stability_tolerance : float, default=0.02
        A smaller k this close to the most stable one is preferred (fewer themes).
    random_state : int, RandomState instance or None, default=None
        Seed for sampling and k-means.

    Attributes
    ----------
    labels_ : ndarray of shape (n_samples,)
        Theme index per answer, ``OTHER`` (-1) for "Annet".
    n_clusters_ : int
        Number of themes found.
    centroids_ : ndarray of shape (n_clusters_, n_dims)
        Unit-length theme centroids in the input embedding.
    stability_ : dict of int to float
        1 - PAC of the subsample consensus for each k tried (1 = every run agrees).
    other_threshold_ : float
        Similarity below which an answer goes to "Annet".
    """

    def __init__(
        self,
        n_clusters="auto",
        k_range=(3, 15),
        min_cluster_size=3,
        n_resamples=10,
        subsample=0.8,
        n_neighbors="auto",
        max_sample=3000,
        stability_tolerance=0.02,
        random_state=None,
    ) -> None:
        self.n_clusters = n_clusters
        self.k_range = k_range
        self.min_cluster_size = min_cluster_size
        self.n_resamples = n_resamples
        self.subsample = subsample
        self.n_neighbors = n_neighbors
        self.max_sample = max_sample
        self.stability_tolerance = stability_tolerance
        self.random_state = random_state

    def fit(self, E: np.ndarray, y=None) -> "ThemeDiscovery":
        """Find themes in the unit-length embedding ``E`` (one row per answer)."""
        # Many small k-means runs and products: one thread is far faster than threads that
        # fight for two shared cores (15x in our measurements).
        with threadpool_limits(limits=1):
            return self._fit(E)

    def _fit(self, E: np.ndarray) -> "ThemeDiscovery":
        E = np.asarray(E, dtype=np.float64)
        rng = check_random_state(self.random_state)
        n = E.shape[0]
        k_lo, k_hi = self._k_bounds(n)
        self.stability_ = {}
        if k_hi < 2:
            return self._single_theme(E)
        sample = (
            np.sort(rng.choice(n, self.max_sample, replace=False))
            if n > self.max_sample
            else np.arange(n)
        )
        spec = self._spectral(E[sample], k_hi, rng)
        if self.n_clusters == "auto":
            # The stability curve is measured with a fixed seed, so the number of themes
            # depends on the answers only; random_state drives the consensus runs below.
            # (With the caller's seed, close calls such as 13 vs 14 themes flipped between
            # seeds.)
            curve_rng = np.random.RandomState(0)
            for k in range(k_lo, k_hi + 1):
                self.stability_[k] = self._stability(spec[:, :k], k, curve_rng)
            best = max(self.stability_.values())
            k = min(k for k, s in self.stability_.items() if s >= best - self.stability_tolerance)
        else:
            k = min(int(self.n_clusters), k_hi)
        sample_labels = self._consensus(spec[:, :k], k, rng)
        self._set_centroids(E[sample], sample_labels)
        self.labels_ = self.predict(E)
        self._dissolve_small(E)
        return self

    def predict(self, E: np.ndarray) -> np.ndarray:
        """Assign answers to the nearest theme, or to ``OTHER`` (-1)."""
        check_is_fitted(self, "centroids_")
        sims = self.similarities(E)
        labels = sims.argmax(axis=1)
        labels[sims.max(axis=1) < self.other_threshold_] = OTHER
        return labels

    def similarities(self, E: np.ndarray) -> np.ndarray:
        """Return the cosine similarity of each answer to each theme centroid."""
        check_is_fitted(self, "centroids_")
        return np.asarray(E, dtype=np.float64) @ self.centroids_.T

    def _k_bounds(self, n: int) -> tuple[int, int]:
        if self.n_clusters != "auto":
            if int(self.n_clusters) < 1:
                raise InvalidParameterError("n_themes must be 'auto' or a positive integer.")
            return int(self.n_clusters), min(int(self.n_clusters), n // self.min_cluster_size)
        k_lo, k_hi = self.k_range
        k_hi = min(k_hi, n // (2 * max(self.min_cluster_size, 1)))
        return min(k_lo, k_hi), k_hi

    def _single_theme(self, E: np.ndarray) -> "ThemeDiscovery":
        self.centroids_ = normalize(E.mean(axis=0, keepdims=True))
        self.other_threshold_ = -np.inf
        self.n_clusters_ = 1
        self.labels_ = np.zeros(E.shape[0], dtype=int)
        return self

    def _spectral(self, E: np.ndarray, n_dims: int, rng) -> np.ndarray:
        """Return the leading eigenvectors of the normalised k-nearest-neighbour graph.

        Computed by subspace iteration on the lazy walk ``(I + D^-1/2 A D^-1/2) / 2``: a fixed
        number of sparse products, fast and predictable, then a Rayleigh-Ritz rotation.
        """
        m = E.shape[0]
        nn = max(10, round(3 * np.log(m))) if self.n_neighbors == "auto" else self.n_neighbors
        nn = min(nn, m - 1)
        knn = NearestNeighbors(n_neighbors=nn + 1).fit(E)
        graph = knn.kneighbors_graph(E, mode="connectivity")
        graph = ((graph + graph.T) > 0).astype(np.float64)
        graph.setdiag(0)
        graph.eliminate_zeros()
        degree = np.asarray(graph.sum(axis=1)).ravel()
        d_inv = sp.diags(1.0 / np.sqrt(np.maximum(degree, 1e-12)))
        walk = 0.5 * (sp.identity(m, format="csr") + d_inv @ graph @ d_inv)
        n_vec = min(n_dims, m - 1)
        # Start from the embedding's own leading directions (padded with fixed noise), not
        # from the seed: the graph's eigenvectors then never depend on random_state.
        width = min(n_vec + 5, m)
        start = np.hstack([E, np.random.RandomState(0).normal(size=(m, width))])[:, :width]
        Q, _ = np.linalg.qr(start)
        for step in range(1, POWER_ITERATIONS + 1):
            Q = walk @ Q
            if step % 10 == 0:  # re-orthonormalise now and then; columns only shrink between
                Q, _ = np.linalg.qr(Q)
        values, vectors = np.linalg.eigh(Q.T @ (walk @ Q))
        vecs = Q @ vectors[:, np.argsort(-values)[:n_vec]]
        return normalize(d_inv @ vecs)

    def _run(self, V: np.ndarray, k: int, rng) -> np.ndarray:
        """Cluster a random subsample of ``V`` and label all rows by nearest centre."""
        m = V.shape[0]
        rows = rng.choice(m, max(k, int(self.subsample * m)), replace=False)
        km = KMeans(n_clusters=k, n_init=3, random_state=rng.randint(2**31 - 1)).fit(V[rows])
        return km.predict(V)

    def _stability(self, V: np.ndarray, k: int, rng) -> float:
        """Return 1 - PAC: the share of answer pairs the runs agree on (together or apart)."""
        m = V.shape[0]
        pick = np.sort(rng.choice(m, PAC_SAMPLE, replace=False)) if m > PAC_SAMPLE else np.arange(m)
        V = V[pick]
        m = len(pick)
        seen = np.zeros((m, m), dtype=np.float32)
        together = np.zeros((m, m), dtype=np.float32)
        for _ in range(self.n_resamples):
            rows = np.sort(rng.choice(m, max(k, int(self.subsample * m)), replace=False))
            km = KMeans(n_clusters=k, n_init=1, random_state=rng.randint(2**31 - 1)).fit(V[rows])
            inside = np.zeros(m, dtype=bool)
            inside[rows] = True
            labels = np.full(m, -1)
            labels[rows] = km.labels_
            both = inside[:, None] & inside[None, :]
            seen += both
            together += both & (labels[:, None] == labels[None, :])
        upper = np.triu_indices(m, 1)
        share = (together / np.maximum(seen, 1))[upper]
        return float(1.0 - np.mean((share > 0.1) & (share < 0.9)))

    def _consensus(self, V: np.ndarray, k: int, rng) -> np.ndarray:
        """Cut the average-linkage tree of the co-association matrix into k groups."""
        m = V.shape[0]
        together = np.zeros((m, m), dtype=np.float32)
        for _ in range(self.n_resamples):
            labels = self._run(V, k, rng)
            together += labels[:, None] == labels[None, :]
        dist = 1.0 - together / self.n_resamples
        np.fill_diagonal(dist, 0.0)
        tree = linkage(squareform(dist, checks=False), method="average")
        return fcluster(tree, t=k, criterion="maxclust") - 1

    def _set_centroids(self, E: np.ndarray, labels: np.ndarray) -> None:
        keys = [c for c in np.unique(labels) if (labels == c).sum() >= self.min_cluster_size]
        if not keys:
            keys = list(np.unique(labels))
        self.centroids_ = normalize(np.vstack([E[labels == c].mean(axis=0) for c in keys]))
        self.n_clusters_ = len(keys)
        sims = E @ self.centroids_.T
        if self.n_clusters_ == 1:
            self.other_threshold_ = -np.inf
            return
        # "Annet": no closer to its own theme than answers usually are to foreign themes.
        own = sims.argmax(axis=1)
        foreign = np.ones_like(sims, dtype=bool)
        foreign[np.arange(len(own)), own] = False
        # Capped so that at most OTHER_SHARE of the sample ends up there.
        self.other_threshold_ = float(
            min(np.quantile(sims[foreign], 0.95), np.quantile(sims.max(axis=1), OTHER_SHARE))
        )

    def _dissolve_small(self, E: np.ndarray) -> None:
        """Drop themes left below ``min_cluster_size`` after assignment; recompute labels."""
        sizes = np.bincount(self.labels_[self.labels_ >= 0], minlength=self.n_clusters_)
        keep = sizes >= self.min_cluster_size
        if keep.all() or not keep.any():
            return
        self.centroids_ = self.centroids_[keep]
        self.n_clusters_ = int(keep.sum())
        self.labels_ = self.predict(E)
