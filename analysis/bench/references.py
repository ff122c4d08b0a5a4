"""Plain references a planner could build by hand, printed beside the engine in every run.

* *codebook word match*: each answer goes to the theme whose own words (name, description,
  keywords) it shares most, by TF-IDF cosine; no shared word means "annet";
* *codebook words and meaning*: the same theme texts in word and character TF-IDF and in
  sentence vectors (answer as query, theme as passage), each cosine standardised per theme
  over the answers and the two added; the best theme wins (no "annet"). This is the plain
  semantic reference issue 12 measured (0.71 / 0.52 on its held-out sets);
* *char n-gram LSA + KMeans*: character 2-5-grams, 100-dimensional LSA, k-means with k given;
* *logistic regression on the coded answers*: word and character TF-IDF, trained on the
  coded answers only.
"""

from __future__ import annotations

import warnings

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

from .. import semantic
from ..codebook import OTHER_KEY, Codebook

__all__ = ["codebook_word_match", "codebook_meaning_match", "char_lsa_kmeans", "coded_regression"]


def codebook_word_match(texts: list[str], codebook: Codebook) -> list[str]:
    """Return, per answer, the codebook theme sharing the most (TF-IDF weighted) words."""
    themes = [t.text for t in codebook.themes]
    vec = TfidfVectorizer(sublinear_tf=True).fit(texts + themes)
    sims = (vec.transform(texts) @ vec.transform(themes).T).toarray()
    keys = np.asarray(codebook.keys, dtype=object)
    return np.where(sims.max(axis=1) > 0, keys[sims.argmax(axis=1)], OTHER_KEY).tolist()


def codebook_meaning_match(texts: list[str], codebook: Codebook, vectors: np.ndarray) -> list[str]:
    """Return, per answer, the theme with the highest standardised word + meaning similarity."""
    themes = [t.text for t in codebook.themes]
    words = TfidfVectorizer(sublinear_tf=True).fit(texts + themes)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    chars.fit(texts + themes)

    def lexical(docs):
        return normalize(sp.hstack([words.transform(docs), chars.transform(docs)]).tocsr())

    similarities = [
        (lexical(texts) @ lexical(themes).T).toarray(),
        normalize(vectors) @ semantic.embed_themes(themes).T,
    ]
    z = sum((S - S.mean(axis=0)) / (S.std(axis=0) + 1e-9) for S in similarities)
    return np.asarray(codebook.keys, dtype=object)[z.argmax(axis=1)].tolist()


def char_lsa_kmeans(texts: list[str], k: int, random_state: int = 0) -> np.ndarray:
    """Return k-means clusters of character n-gram LSA vectors."""
    X = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
    X = X.fit_transform(texts)
    dims = min(100, X.shape[1] - 1, X.shape[0] - 1)
    Z = normalize(TruncatedSVD(dims, random_state=random_state).fit_transform(X))
    return KMeans(k, n_init=10, random_state=random_state).fit_predict(Z)


def coded_regression(texts: list[str], coded: list[str | None]) -> list[str]:
    """Return a theme per answer from a logistic regression trained on the coded answers."""
    words = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2)).fit(texts)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True).fit(texts)
    X = normalize(sp.hstack([words.transform(texts), chars.transform(texts)]).tocsr())
    train = [i for i, c in enumerate(coded) if c is not None]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = LogisticRegression(C=10.0, max_iter=300).fit(
            X[train], [coded[i] for i in train]
        )
    return model.predict(X).tolist()
