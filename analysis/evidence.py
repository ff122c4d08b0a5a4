"""How strongly each answer speaks to each theme: words and meaning, on one scale.

Two similarities are measured between every answer and every theme *prototype*:

* *lexical*: cosine in the TF-IDF space of lemmas, lemma pairs and character n-grams (so
  *foreldreveiledning* meets *foreldre* and *veiledning*);
* *semantic*: cosine of sentence embeddings (see :mod:`analysis.semantic`), which sees that
  "ingen vet hvem som har ballen" is about collaboration without sharing a word with it.

Each similarity is *standardised per theme* over the answers: the typical answer's similarity
is subtracted and the result divided by the spread of all similarities. A theme whose text
happens to share a very common word (*foreldre*, *barn*) with most answers scores high for
everybody, and subtracting that takes it away, so no theme becomes a sink. The evidence is the
standardised lexical similarity plus ``semantic_weight`` times the standardised semantic one.

A prototype starts from the theme's own text (name, description, keywords, examples). It then
learns the respondents' own words: a few rounds re-centre each prototype on the answers the
planner coded to it and its most clearly assigned answers (of the batch and the background),
against the theme text that counts as ``prior_weight`` answers (the planner's coding never
moves, and nor does the background's own coding for themes with built-in keys: see
:func:`analysis.background.labels`). Finally each answer's evidence is mixed with that of its
nearest neighbours in meaning, so answers that say the same thing in different words land
together.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

__all__ = ["ThemeEvidence", "neighbour_mean"]

#: Most answers searched for neighbours (an evenly spaced subset of larger inputs).
MAX_REFERENCE = 2_000
#: Rows compared at once (bounds memory: BLOCK × MAX_REFERENCE similarities).
BLOCK = 2_000


def _dense(M) -> np.ndarray:
    return M.toarray() if sp.issparse(M) else np.asarray(M)


def neighbour_mean(
    C: np.ndarray, V: np.ndarray, n_neighbors: int = 10, max_reference: int = MAX_REFERENCE
) -> np.ndarray:
    """Return, per row of ``C``, the mean row of its ``n_neighbors`` nearest rows in ``V``.

    ``V`` holds L2-normalised vectors, so a dot product is a cosine. Neighbours are searched
    among at most ``max_reference`` answers (an evenly spaced, fixed subset beyond that), in
    blocks of rows, so 100k answers cost seconds and bounded memory instead of n² distances.
    """
    n = V.shape[0]
    k = min(n_neighbors, n - 1)
    if k < 1:
        return C.copy()
    reference = np.arange(n) if n <= max_reference else np.linspace(0, n - 1, max_reference).astype(int)
    R = np.asarray(V[reference], dtype=np.float32)
    out = np.empty_like(C)
    for start in range(0, n, BLOCK):
        rows = np.arange(start, min(n, start + BLOCK))
        sims = np.asarray(V[rows], dtype=np.float32) @ R.T
        own = np.searchsorted(reference, rows)
        hit = (own < len(reference)) & (reference[np.minimum(own, len(reference) - 1)] == rows)
        sims[np.flatnonzero(hit), own[hit]] = -np.inf  # an answer is not its own neighbour
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        out[rows] = C[reference[top]].mean(axis=1)
    return out


def _baseline(S: np.ndarray) -> tuple[np.ndarray, float]:
    """Per theme, the similarity of the typical (median) answer; one scale for all themes.

    Subtracting the median takes away what a theme gets from everybody (a very common word
    in its text); dividing by one pooled spread, not each theme's own, keeps themes that few
    answers speak to from being blown up to the size of the others.
    """
    return np.median(S, axis=0), float(S.std()) + 1e-6


def _clamp(C: np.ndarray, fixed: np.ndarray) -> np.ndarray:
    """Give coded rows the strongest evidence for their theme, so each pulls its neighbours."""
    coded = np.flatnonzero(fixed >= 0)
    if not len(coded):
        return C
    out = C.copy()
    out[coded] = C.min()
    out[coded, fixed[coded]] = C.max()
    return out


class ThemeEvidence(BaseEstimator):
    """Theme prototypes in the lexical and semantic spaces, and answers' evidence for them.

    Parameters
    ----------
    semantic_weight : float, default=1.5
        Weight of the semantic evidence relative to the lexical one (both standardised). Meaning
        generalises to answers that share no word with the theme, so it weighs more.
    prior_weight : float, default=10.0
        How many answers a theme's own text counts as when its prototype is re-centred on the
        answers it learns from (coded and clearest). Few answers must not redefine a theme:
        with one statement worth as much as the codebook, a lone idea-wall statement matched
        its theme at ten standard deviations. A coded answer teaches more through the
        regression and its neighbours than through the prototype.
    n_iter : int, default=3
        Re-centring rounds.
    confident_share : float, default=0.5
        Share of each theme's answers (clearest margin first) that re-centre its prototype.
    n_neighbors : int, default=10
        Neighbours in meaning whose evidence is mixed in.
    neighbour_weight : float, default=0.5
        Share of the final evidence that comes from the neighbours.

    Attributes
    ----------
    lexical_centres_ : ndarray of shape (n_themes, n_features)
    semantic_centres_ : ndarray of shape (n_themes, n_dims) or None
    scores_ : ndarray of shape (n_answers, n_themes)
        Evidence of the answers given to :meth:`fit`, after neighbour mixing.
    confidence_scale_ : float
        Divisor of the evidence when it becomes a confidence (1 without a background).
    """

    def __init__(
        self,
        semantic_weight: float = 1.5,
        prior_weight: float = 10.0,
        n_iter: int = 3,
        confident_share: float = 0.5,
        n_neighbors: int = 10,
        neighbour_weight: float = 0.5,
    ) -> None:
        self.semantic_weight = semantic_weight
        self.prior_weight = prior_weight
        self.n_iter = n_iter
        self.confident_share = confident_share
        self.n_neighbors = n_neighbors
        self.neighbour_weight = neighbour_weight

    def fit(self, X, Q, X_themes, Q_themes, fixed=None, reference=None) -> "ThemeEvidence":
        """Learn prototypes from theme texts and answers.

        Parameters
        ----------
        X : sparse matrix (n_answers, n_features)
            L2-normalised TF-IDF rows of the answers.
        Q : ndarray (n_answers, n_dims) or None
            Answer embeddings (None: lexical evidence only).
        X_themes, Q_themes : rows per theme, or None for a theme without text
            The themes' own texts in the same spaces (a list with None entries is allowed,
            for themes known only from coding).
        fixed : ndarray of int (n_answers,), optional
            The planner's coding: a theme index, or -1 for an uncoded answer.
        reference : analysis.background.Background, optional
            Background answers in the same spaces. When given, the typical answer (median) and
            the spread are taken from them instead of from ``X`` and ``Q``, and those it marks
            learnable (not the batch's own, so an answer does not meet itself there) join the
            answers the prototypes are re-centred on, with their own coding (``fixed``) which,
            like the planner's, always counts and never moves (see :mod:`analysis.background`).
        """
        n, k = X.shape[0], len(X_themes)
        fixed = np.full(n, -1) if fixed is None else np.asarray(fixed)
        self._ref = None  # the background, without vectors when the answers have none
        if reference is not None and reference.X is not None:
            self._ref = reference if Q is not None else reference._replace(Q=None)
        lex0 = self._base(X, X_themes, fixed)
        sem0 = self._base(Q, Q_themes, fixed) if Q is not None else None
        lex, sem = lex0, sem0
        X_learn, Q_learn, fixed_learn = self._learning_rows(X, Q, fixed)
        for _ in range(self.n_iter):
            C, _ = self._raw(X_learn, Q_learn, lex, sem)
            labels = np.where(fixed_learn >= 0, fixed_learn, C.argmax(axis=1))
            chosen = self._confident(C, labels, k, fixed_learn)
            lex = self._recentre(lex0, X_learn, chosen, labels, k)
            sem = self._recentre(sem0, Q_learn, chosen, labels, k) if Q is not None else None
        self.lexical_centres_, self.semantic_centres_ = lex, sem
        parts = self._similarities(X, Q, lex, sem)
        self._stats = self._typical(parts, lex, sem)
        C = self._combine(parts, self._stats)
        self.confidence_scale_ = self._confidence_scale(parts)
        if Q is not None and self.neighbour_weight > 0:
            C = (1 - self.neighbour_weight) * C + self.neighbour_weight * neighbour_mean(
                _clamp(C, fixed), Q, self.n_neighbors
            )
        self.scores_ = C
        return self

    def score(self, X, Q) -> np.ndarray:
        """Return the evidence of new answers (no neighbour mixing: they stand alone)."""
        check_is_fitted(self, "scores_")
        return self._raw(X, Q, self.lexical_centres_, self.semantic_centres_, self._stats)[0]

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _base(V, theme_rows, fixed) -> np.ndarray:
        """The starting prototype: the theme's text, or its coded answers when it has none.

        Coded answers join a theme with text through re-centring, where they always count
        (see :meth:`_confident`): added here as well, they pulled the prototype towards a
        handful of answers before the round was read (codebook + 5 coded per theme: 0.455
        with, 0.469 without, on our development answers).
        """
        rows = []
        for t, row in enumerate(theme_rows):
            members = np.flatnonzero(fixed == t)
            if row is not None:
                centre = normalize(_dense(row).reshape(1, -1))[0]
            elif len(members):
                centre = np.asarray(normalize(V[members]).sum(axis=0)).ravel()
            else:
                centre = np.zeros(V.shape[1])
            rows.append(centre)
        return normalize(np.vstack(rows))

    def _learning_rows(self, X, Q, fixed):
        """The answers prototypes learn from: the batch's, and the background's (with their own
        coding) when it is there in both spaces, so a small batch has as much to learn from as a
        big one."""
        ref = self._ref
        if ref is None or Q is None or ref.Q is None:
            return X, Q, fixed
        n_ref = ref.X.shape[0]
        keep = np.arange(n_ref) if ref.learnable is None else np.flatnonzero(ref.learnable)
        ref_fixed = np.full(n_ref, -1) if ref.fixed is None else np.asarray(ref.fixed)
        X_all = sp.vstack([sp.csr_matrix(X), sp.csr_matrix(ref.X[keep])], format="csr")
        return X_all, np.vstack([Q, ref.Q[keep]]), np.concatenate([fixed, ref_fixed[keep]])

    def _raw(self, X, Q, lex, sem, stats=None):
        """Return the combined standardised evidence and the per-theme (median, spread) it used."""
        parts = self._similarities(X, Q, lex, sem)
        stats = stats or self._typical(parts, lex, sem)
        return self._combine(parts, stats), stats

    def _typical(self, parts, lex, sem) -> list:
        """Per part, (median per theme, spread): from the background when there is one."""
        typical = parts
        if self._ref is not None:
            typical = self._similarities(self._ref.X, self._ref.Q, lex, sem)
            typical += parts[len(typical) :]  # no background vectors: the batch's own
        return [_baseline(p) for p in typical]

    def _combine(self, parts, stats) -> np.ndarray:
        """Standardised lexical evidence plus ``semantic_weight`` times the semantic one."""
        z = [(p - m) / s for p, (m, s) in zip(parts, stats)]
        return z[0] if len(z) == 1 else z[0] + self.semantic_weight * z[1]

    def _confidence_scale(self, parts) -> float:
        """How much wider the answers' own spread is than the background's (at least 1).

        Measured against the background, a small round's answers sit far above the typical
        answer (the prototypes learnt their words), so the evidence gaps, and with them the
        confidences, came out too large (most at 1.0 on a dozen idea-wall statements). The
        confidence divides the evidence by this ratio; the choice of theme does not change.
        """
        if self._ref is None:
            return 1.0
        own = [_baseline(p)[1] for p in parts]
        weights = [1.0, self.semantic_weight][: len(own)]
        ratios = [o / s for o, (_, s) in zip(own, self._stats)]
        return max(1.0, float(np.average(ratios, weights=weights)))

    @staticmethod
    def _similarities(X, Q, lex, sem) -> list[np.ndarray]:
        """Cosines to the prototypes: lexical, and semantic when there are vectors."""
        parts = [_dense(X @ lex.T)]
        if Q is not None and sem is not None:
            parts.append(Q @ sem.T)
        return parts

    def _confident(self, C, labels, k, fixed) -> np.ndarray:
        """The answers each prototype learns from: every coded answer, and the clearest
        ``confident_share`` of the answers assigned to it."""
        if k < 2:
            return np.arange(len(labels))
        top2 = np.sort(C, axis=1)[:, -2:]
        margin = top2[:, 1] - top2[:, 0]
        chosen = []
        for t in range(k):
            members = np.flatnonzero(labels == t)
            keep = int(np.ceil(self.confident_share * len(members)))
            chosen.append(members[np.argsort(-margin[members], kind="stable")[:keep]])
        return np.union1d(np.concatenate(chosen), np.flatnonzero(fixed >= 0)).astype(int)

    def _recentre(self, base, V, chosen, labels, k) -> np.ndarray:
        """Move each prototype towards the mean of its clearest answers.

        Each of those answers counts once against a theme text worth ``prior_weight`` answers,
        and together they never make up more than half the prototype. With equal halves
        whatever their number, one statement on a small idea wall became half its theme's
        prototype and then matched it at ten standard deviations («Flere konserter for unge»
        went to *Medvirkning* with confidence 0.84); the codebook's meaning must stay.
        """
        rows = []
        for t in range(k):
            members = chosen[labels[chosen] == t]
            centre = base[t].copy()
            if len(members):
                mean = np.asarray(V[members].mean(axis=0)).ravel()
                share = min(0.5, len(members) / (len(members) + self.prior_weight))
                centre = (1 - share) * centre + share * mean / (np.linalg.norm(mean) + 1e-12)
            rows.append(centre)
        return normalize(np.vstack(rows))
