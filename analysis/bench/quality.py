"""Quality and stability on the public benchmark."""

from __future__ import annotations

import time
import warnings

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

from ..model import ThemeModel
from .data import label_codebook
from .metrics import scores

__all__ = ["quality_rows", "stability_row"]


def _baseline(texts: list[str], k: int, method: str) -> np.ndarray:
    """TF-IDF (no Norwegian normalisation) + KMeans or NMF, as in the benchmark README."""
    X = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2).fit_transform(texts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        if method == "kmeans":
            return KMeans(n_clusters=k, random_state=0).fit_predict(X)
        return NMF(n_components=k, random_state=0).fit_transform(X).argmax(axis=1)


def _themes(model: ThemeModel) -> list[str]:
    return [a.theme or "-" for a in model.assignments_]


def _coded(labels: list[str], share: float, seed: int = 0) -> list[str | None]:
    """Reveal ``share`` of the labels, stratified by label, as a planner's coding."""
    rng = np.random.RandomState(seed)
    coded: list[str | None] = [None] * len(labels)
    arr = np.asarray(labels)
    for label in sorted(set(labels)):
        idx = np.flatnonzero(arr == label)
        for i in rng.choice(idx, max(1, int(round(share * len(idx)))), replace=False):
            coded[i] = labels[i]
    return coded


def quality_rows(
    texts: list[str], labels: list[str], random_state: int = 0, quick: bool = False
) -> list[dict]:
    """Return one row per method: name, AMI, NMI, ARI, acc, themes, seconds."""
    k = len(set(labels))
    rows = []

    def add(name, fn, evaluate=None):
        t0 = time.perf_counter()
        found = fn()
        seconds = time.perf_counter() - t0
        truth, got = (labels, found) if evaluate is None else evaluate(found)
        rows.append(
            {"method": name, **scores(truth, got), "themes": len(set(found)), "seconds": seconds}
        )

    add("TF-IDF + KMeans (baseline)", lambda: _baseline(texts, k, "kmeans"))
    add("TF-IDF + NMF (baseline)", lambda: _baseline(texts, k, "nmf"))
    add(
        f"discover, k={k}",
        lambda: _themes(ThemeModel(n_themes=k, random_state=random_state).fit(texts)),
    )
    if not quick:
        add("discover, k=auto", lambda: _themes(ThemeModel(random_state=random_state).fit(texts)))
    add(
        "guided (codebook from label names)",
        lambda: _themes(
            ThemeModel(mode="guided", codebook=label_codebook(), random_state=random_state).fit(
                texts
            )
        ),
    )
    for share in (0.1, 0.2):
        coded = _coded(labels, share)
        hidden = [i for i, c in enumerate(coded) if c is None]

        def only_uncoded(found, hidden=hidden):
            return [labels[i] for i in hidden], [found[i] for i in hidden]

        add(
            f"coding, {share:.0%} coded (scored on the rest)",
            lambda coded=coded: _themes(
                ThemeModel(mode="coding", random_state=random_state).fit(texts, coded=coded)
            ),
            only_uncoded,
        )
        if share == 0.1 and not quick:
            add(
                "coding, 10% coded + codebook",
                lambda coded=coded: _themes(
                    ThemeModel(
                        mode="coding", codebook=label_codebook(), random_state=random_state
                    ).fit(texts, coded=coded)
                ),
                only_uncoded,
            )
    return rows


def stability_row(texts: list[str], n_themes, seeds: list[int]) -> dict:
    """Pairwise ARI of discover mode across random states."""
    t0 = time.perf_counter()
    runs = [_themes(ThemeModel(n_themes=n_themes, random_state=s).fit(texts)) for s in seeds]
    seconds = (time.perf_counter() - t0) / len(seeds)
    aris = [adjusted_rand_score(a, b) for i, a in enumerate(runs) for b in runs[i + 1 :]]
    return {
        "method": f"discover, k={n_themes}",
        "seeds": len(seeds),
        "mean ARI": float(np.mean(aris)),
        "min ARI": float(np.min(aris)),
        "themes": sorted({len(set(r)) for r in runs}),
        "seconds/run": seconds,
    }
