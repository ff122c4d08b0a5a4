"""Turn normalised answers into TF-IDF features and a dense LSA embedding.

Two blocks of features are combined:

* *words*: feature keys (lemmas) and pairs of neighbouring keys, TF-IDF weighted;
* *character n-grams* (3-5) of the lemmas, which catch compounds and spelling variants
  ("samarbeidsmøte" shares n-grams with "samarbeid" and "møte"). They are computed once per
  distinct word and summed per answer, which keeps 100k answers fast.

The sparse matrix is reduced with truncated SVD (latent semantic analysis) to a dense, L2
normalised embedding used for clustering and similarity.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from .normalise import Token

__all__ = ["TextFeatures", "document_terms"]


#: Negations are kept, but only as a pair with the next word ("ikke tid"): on their own they
#: would pull every negative answer into one theme.
NEGATIONS: frozenset[str] = frozenset({"ikke", "ingen", "uten", "aldri", "ingenting"})


def document_terms(tokens: list[Token]) -> list[str]:
    """Return the word features of one answer: its content keys and neighbouring key pairs."""
    keys = [t.key for t in tokens if not t.is_stop]
    pairs = [f"{a} {b}" for a, b in zip(keys, keys[1:]) if a != b and b not in NEGATIONS]
    return [k for k in keys if k not in NEGATIONS] + pairs


def _identity(doc: list[str]) -> list[str]:
    return doc


def _lemmas(tokens: list[Token]) -> list[str]:
    return [t.lemma for t in tokens if not t.is_stop and t.key not in NEGATIONS]


class TextFeatures(TransformerMixin, BaseEstimator):
    """Word and character n-gram TF-IDF features plus an LSA embedding.

    Parameters
    ----------
    min_df : int, default=2
        Minimum number of answers a feature must occur in (1 for tiny inputs, so a handful
        of answers still gets features; raised to ``n / 5000`` for very large inputs).
    max_df : float, default=0.5
        Features in more than this share of answers are dropped: they do not separate themes
        (for example the words of the question itself).
    char_ngram_range : tuple of int, default=(3, 5)
        Lengths of character n-grams taken from each lemma.
    char_weight : float, default=1.0
        Weight of the character block relative to the word block.
    n_components : int, default=100
        Dimensions of the LSA embedding (capped by the data).
    svd_sample : int, default=5_000
        The SVD is fitted on at most this many answers (then applied to all).
    random_state : int, RandomState instance or None, default=None
        Seed for the randomised SVD and the sample.

    Attributes
    ----------
    word_vocabulary_ : ndarray of str
        Word feature names (keys and key pairs).
    n_features_ : int
        Number of sparse features (words plus character n-grams).
    svd_ : TruncatedSVD or None
        The fitted SVD, or None when there are too few features for one.
    """

    def __init__(
        self,
        min_df: int = 2,
        max_df: float = 0.5,
        char_ngram_range: tuple[int, int] = (3, 5),
        char_weight: float = 1.0,
        n_components: int = 100,
        svd_sample: int = 5_000,
        random_state=None,
    ) -> None:
        self.min_df = min_df
        self.max_df = max_df
        self.char_ngram_range = char_ngram_range
        self.char_weight = char_weight
        self.n_components = n_components
        self.svd_sample = svd_sample
        self.random_state = random_state

    def fit(self, docs: list[list[Token]], y=None) -> "TextFeatures":
        """Learn vocabularies, IDF weights and the SVD from tokenised answers."""
        self.fit_transform(docs)
        return self

    def fit_transform(self, docs: list[list[Token]], y=None) -> sp.csr_matrix:
        """Fit and return the sparse, L2-normalised feature matrix."""
        n_docs = len(docs)
        # Past 10,000 answers, a feature must occur in 1 of every 5,000 answers: rare
        # typos and one-off n-grams then stop inflating the matrices.
        min_df = max(self.min_df, n_docs // 5000) if n_docs >= 20 else 1
        max_df = self.max_df if n_docs >= 20 else 1.0
        self._word_vec = CountVectorizer(
            analyzer=_identity, min_df=min_df, max_df=max_df, dtype=np.float32
        )
        terms = [document_terms(d) for d in docs]
        try:
            words = self._word_vec.fit_transform(terms)
        except ValueError:  # no word survives the df limits: keep every word
            self._word_vec = CountVectorizer(analyzer=_identity, dtype=np.float32)
            words = self._word_vec.fit_transform([t or ["_"] for t in terms])
        self._char_vec = CountVectorizer(
            analyzer="char_wb",
            ngram_range=self.char_ngram_range,
            lowercase=False,
            binary=True,
            dtype=np.float32,
        )
        chars = self._char_counts(docs, fit=True)
        doc_freq = np.asarray((chars > 0).sum(axis=0)).ravel()
        self._char_keep = np.flatnonzero((doc_freq >= min_df) & (doc_freq <= max_df * n_docs))
        if not len(self._char_keep):  # e.g. all answers identical: keep every n-gram
            self._char_keep = np.arange(chars.shape[1])
        chars = chars[:, self._char_keep]
        self._word_tfidf = TfidfTransformer(sublinear_tf=True).fit(words)
        self._char_tfidf = TfidfTransformer(sublinear_tf=True).fit(chars)
        self.word_vocabulary_ = self._word_vec.get_feature_names_out()
        X = self._combine(words, chars)
        self.n_features_ = X.shape[1]
        self._fit_svd(X)
        return X

    def transform(self, docs: list[list[Token]]) -> sp.csr_matrix:
        """Return the sparse, L2-normalised feature matrix of new tokenised answers."""
        check_is_fitted(self, "word_vocabulary_")
        words = self._word_vec.transform([document_terms(d) for d in docs])
        chars = self._char_counts(docs, fit=False)[:, self._char_keep]
        return self._combine(words, chars)

    def embed(self, X: sp.spmatrix) -> np.ndarray:
        """Return the dense, L2-normalised LSA embedding of a feature matrix."""
        check_is_fitted(self, "word_vocabulary_")
        if self.svd_ is None:
            dense = X.toarray()
        else:
            dense = self.svd_.transform(X)
        return normalize(dense.astype(np.float64))

    @property
    def n_word_features_(self) -> int:
        """Number of word features (the first columns of the sparse matrix)."""
        return len(self.word_vocabulary_)

    def _char_counts(self, docs: list[list[Token]], fit: bool) -> sp.csr_matrix:
        """Sum character n-gram indicators of each distinct lemma per answer."""
        lemma_vec = CountVectorizer(analyzer=_identity, dtype=np.float32)
        lemma_lists = [_lemmas(d) for d in docs]
        if not any(lemma_lists):
            lemma_lists = [["_"]] + lemma_lists[1:]
        per_doc = lemma_vec.fit_transform(lemma_lists)
        lemmas = lemma_vec.get_feature_names_out()
        padded = [f" {w} " for w in lemmas]
        grams = self._char_vec.fit_transform(padded) if fit else self._char_vec.transform(padded)
        return (per_doc @ grams).tocsr()

    def _combine(self, words: sp.spmatrix, chars: sp.spmatrix) -> sp.csr_matrix:
        w = normalize(self._word_tfidf.transform(words))
        c = normalize(self._char_tfidf.transform(chars)) * self.char_weight
        return normalize(sp.hstack([w, c], format="csr", dtype=np.float32))

    def _fit_svd(self, X: sp.csr_matrix) -> None:
        n_comp = min(self.n_components, X.shape[1] - 1, X.shape[0] - 1)
        if n_comp < 2:
            self.svd_ = None
            return
        rng = check_random_state(self.random_state)
        sample = X
        if X.shape[0] > self.svd_sample:
            rows = np.sort(rng.choice(X.shape[0], self.svd_sample, replace=False))
            sample = X[rows]
        # ARPACK gives the exact leading subspace, so the embedding does not depend on the seed
        # (a randomised SVD made themes differ between seeds).
        svd = TruncatedSVD(n_components=n_comp, algorithm="arpack", random_state=rng)
        with np.errstate(divide="ignore", invalid="ignore"):  # identical answers: zero variance
            self.svd_ = svd.fit(sample)
