"""Quality and stability of every mode, beside the plain references, on one labelled set."""

from __future__ import annotations

import time

import numpy as np
from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score

from ..codebook import OTHER_KEY, Codebook
from ..model import ThemeModel
from .references import (
    char_lsa_kmeans,
    codebook_meaning_match,
    codebook_word_match,
    coded_regression,
)

__all__ = ["quality_rows", "stability_row", "coded_sample"]

#: Sources of themes the codebook did not have.
INVENTED = ("proposed", "discovered", "coded")


def coded_sample(labels: list[str], per_theme: int | None, share: float | None, seed: int = 0):
    """Reveal labels as a planner's coding: ``per_theme`` answers or ``share`` of each theme."""
    rng = np.random.RandomState(seed)
    coded: list[str | None] = [None] * len(labels)
    arr = np.asarray(labels)
    for label in sorted(set(labels)):
        idx = np.flatnonzero(arr == label)
        n = per_theme if per_theme is not None else int(round(share * len(idx)))
        for i in rng.choice(idx, min(len(idx), max(1, n)), replace=False):
            coded[i] = labels[i]
    return coded


def _themes(model: ThemeModel) -> list[str]:
    return [a.theme or "-" for a in model.assignments_]


def _accuracy(labels, found, rows) -> float:
    """Share of ``rows`` whose found theme is the label ("annet" labels excluded)."""
    rows = [i for i in rows if labels[i] != OTHER_KEY]
    return float(np.mean([found[i] == labels[i] for i in rows])) if rows else float("nan")


def _largest(found: list[str]) -> float:
    values, counts = np.unique([f for f in found if f not in ("-", OTHER_KEY)], return_counts=True)
    return float(counts.max() / len(found)) if len(values) else 0.0


def quality_rows(
    texts: list[str],
    labels: list[str],
    codebook: Codebook,
    vectors: np.ndarray | None,
    random_state: int = 0,
    quick: bool = False,
    questions: list[str] | None = None,
) -> list[dict]:
    """Return one row per method: accuracy or AMI, invented share, largest theme, seconds.

    ``questions`` (one per answer) adds guided mode fitted one question at a time."""
    themed = [i for i, y in enumerate(labels) if y != OTHER_KEY]
    k = len({labels[i] for i in themed})
    everyone = list(range(len(texts)))
    rows: list[dict] = []

    def timed(fn):
        t0 = time.perf_counter()
        out = fn()
        return out, time.perf_counter() - t0

    def ami(found) -> float:
        return adjusted_mutual_info_score([labels[i] for i in themed], [found[i] for i in themed])

    def fit(mode, coded=None, book=codebook, n_themes="auto"):
        return ThemeModel(mode=mode, codebook=book, n_themes=n_themes, random_state=random_state).fit(
            texts, coded=coded, vectors=vectors
        )

    found, s = timed(lambda: codebook_word_match(texts, codebook))
    rows.append({"method": "reference: codebook word match", "acc": _accuracy(labels, found, everyone), "seconds": s})
    model, s = timed(lambda: fit("guided"))
    found = _themes(model)
    invented = {t.key for t in model.themes_ if t.source in INVENTED}
    rows.append(
        {
            "method": "guided by the codebook",
            "acc": _accuracy(labels, found, everyone),
            "invented": float(np.mean([f in invented for f in found])),
            "annet": float(np.mean([f == OTHER_KEY for f in found])),
            "largest": _largest(found),
            "themes": len(model.themes_),
            "seconds": s,
        }
    )
    if vectors is not None:
        found, s = timed(lambda: codebook_meaning_match(texts, codebook, vectors))
        rows.append(
            {
                "method": "reference: codebook words and meaning, z-scored",
                "acc": _accuracy(labels, found, everyone),
                "seconds": s,
            }
        )
    for variant in SKEWED if vectors is not None else ("guided", "no background"):
        rows.append(_skewed_row(texts, labels, codebook, vectors, random_state, variant))
    if questions is not None:
        for background in (True, False):
            rows.append(
                _per_question_row(
                    texts, labels, questions, codebook, vectors, random_state, background
                )
            )
    for name, per, share, book in (
        ("codebook + 5 coded per theme", 5, None, codebook),
        ("codebook + 20 % coded", None, 0.2, codebook),
        ("20 % coded, no codebook", None, 0.2, None),
    ):
        if quick and book is None:
            continue
        coded = coded_sample([labels[i] if i in set(themed) else OTHER_KEY for i in everyone], per, share)
        rest = [i for i, c in enumerate(coded) if c is None]
        model, s = timed(lambda coded=coded, book=book: fit("coding", coded, book))
        rows.append({"method": name, "acc": _accuracy(labels, _themes(model), rest), "seconds": s})
        if share and book is codebook:
            found, s = timed(lambda coded=coded: coded_regression(texts, coded))
            rows.append({"method": "reference: regression on the 20 % coded", "acc": _accuracy(labels, found, rest), "seconds": s})
    found, s = timed(lambda: [str(c) for c in char_lsa_kmeans(texts, k, random_state)])
    rows.append({"method": f"reference: char n-gram LSA + KMeans, k={k}", "AMI": ami(found), "largest": _largest(found), "themes": k, "seconds": s})
    for n_themes in ([k] if quick else [k, "auto"]):
        model, s = timed(lambda n_themes=n_themes: fit("discover", book=None, n_themes=n_themes))
        found = _themes(model)
        rows.append(
            {
                "method": f"discover, k={n_themes}",
                "AMI": ami(found),
                "largest": _largest(found),
                "themes": len([t for t in model.themes_ if t.key != OTHER_KEY]),
                "seconds": s,
            }
        )
    return rows


def skewed_rounds(labels: list[str], n_rounds: int = 6, random_state: int = 0) -> list[list[int]]:
    """Rows of rounds where one theme holds three answers in four, as in a real round (a
    youth round mostly about leisure): all answers of each of the largest themes, plus a
    third as many drawn from the rest."""
    rng = np.random.default_rng(random_state)
    themes, counts = np.unique([y for y in labels if y != OTHER_KEY], return_counts=True)
    rounds = []
    for theme in themes[np.argsort(-counts, kind="stable")][:n_rounds]:
        own = [i for i, y in enumerate(labels) if y == theme]
        rest = [i for i, y in enumerate(labels) if y != theme]
        rounds.append(sorted(own + rng.choice(rest, len(own) // 3, replace=False).tolist()))
    return rounds


def question_rounds(questions: list[str]) -> list[list[int]]:
    """Rows per question, as a planner analyses one question's answers at a time."""
    order = list(dict.fromkeys(questions))
    return [[i for i, q in enumerate(questions) if q == question] for question in order]


def _guided_on(rounds, texts, codebook, vectors, random_state, background: bool):
    """Fit guided mode on each round of rows on its own; yield (rows, themes found)."""
    for rows in rounds:
        model = ThemeModel(
            mode="guided", codebook=codebook, background=background, random_state=random_state
        ).fit([texts[i] for i in rows], vectors=None if vectors is None else vectors[rows])
        yield rows, _themes(model)


def _meaning_on(rounds, texts, codebook, vectors):
    """The plain words-and-meaning reference on each round of rows on its own."""
    for rows in rounds:
        yield rows, codebook_meaning_match([texts[i] for i in rows], codebook, vectors[rows])


#: How each skewed-rounds row is fitted: its label, and whether guided mode has its background.
SKEWED = {
    "guided": "guided",
    "no background": "reference: guided without the background",
    "meaning": "reference: codebook words and meaning, z-scored",
}


def _skewed_row(texts, labels, codebook, vectors, random_state, variant: str) -> dict:
    """Accuracy averaged over :func:`skewed_rounds`, each fitted on its own (see SKEWED)."""
    t0 = time.perf_counter()
    rounds = skewed_rounds(labels, random_state=random_state)
    if variant == "meaning":
        fitted = _meaning_on(rounds, texts, codebook, vectors)
    else:
        fitted = _guided_on(rounds, texts, codebook, vectors, random_state, variant == "guided")
    scores = [
        _accuracy([labels[i] for i in rows], found, range(len(rows))) for rows, found in fitted
    ]
    return {
        "method": f"{SKEWED[variant]}, rounds where one theme holds 75 %",
        "acc": float(np.mean(scores)),
        "seconds": time.perf_counter() - t0,
    }


def _per_question_row(texts, labels, questions, codebook, vectors, random_state, background):
    """Guided accuracy over all answers, each question's answers fitted on their own."""
    t0, found_all = time.perf_counter(), ["-"] * len(texts)
    rounds = question_rounds(questions)
    for rows, found in _guided_on(rounds, texts, codebook, vectors, random_state, background):
        for i, theme in zip(rows, found):
            found_all[i] = theme
    what = "guided" if background else "reference: guided without the background"
    return {
        "method": f"{what}, one question at a time ({len(rounds)} questions)",
        "acc": _accuracy(labels, found_all, range(len(texts))),
        "seconds": time.perf_counter() - t0,
    }


def stability_row(texts: list[str], vectors, n_themes, seeds: list[int]) -> dict:
    """Pairwise ARI of discover mode across random states."""
    t0 = time.perf_counter()
    runs = [
        _themes(ThemeModel(n_themes=n_themes, random_state=s).fit(texts, vectors=vectors))
        for s in seeds
    ]
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
