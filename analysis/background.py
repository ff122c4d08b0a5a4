"""A fixed background of answers: what a typical answer says, whatever the batch holds.

Guided and coding modes weigh words by how common they are and measure each answer's evidence
for a theme against the typical answer (:mod:`analysis.evidence`). Measured against the batch
alone, a round where most answers speak to one theme (a youth round about leisure) makes that
theme look ordinary: its words are common, so they weigh little or are cut, and its typical
similarity is subtracted from everybody, so the theme most answers speak to loses them
(«Bowling!!» went to *Vold, overgrep og omsorgssvikt*). The background is 688 realistic answers
to the built-in questionnaires, spread over the § 15-1 themes (the development part of our
labelled set, with its labels, see below; the held-out part is not in it). Word weights are
learnt from the batch and the background together, and the typical answer is taken from the
background, so a theme is not penalised for being what most of the batch is about. The
background's answers also join the batch's when the prototypes learn respondents' words
(:class:`analysis.evidence.ThemeEvidence`), so a question with 30 answers learns as much as a
round with 700 (guided, one question at a time: 0.373 -> 0.402 on our development answers,
each question against a background without its own answers).

The background's answers carry our annotators' themes, keyed as in the built-in § 15-1
codebook (``labels`` in ``data/background.json``). A codebook theme whose key is one of those
(the built-in codebook, or a planner's copy of it, which keeps the keys when themes are renamed)
learns from them as from a planner's coding: 688 coded examples written the way staff, parents
and youth write, where the codebook has a name, a description and a few keywords. On the
held-out part of our answers, which is not in the background: guided 0.395 -> 0.508, rounds where
one theme holds 75 % 0.575 -> 0.740, one question at a time 0.348 -> 0.527. A codebook with other
keys is unaffected: its themes learn from the background's answers uncoded, as before.

The background's sentence vectors are shipped beside its texts (``data/background.npy``,
made by ``python -m analysis.bench.background``), so no analysis waits for them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

import numpy as np

from . import semantic
from .nonanswers import is_nonanswer

__all__ = ["Background", "fit_features", "labels", "learnable", "texts", "vectors"]

_DATA = resources.files("analysis") / "data"


class Background(NamedTuple):
    """The background as one fit meets it, in the spaces fitted for the batch."""

    #: TF-IDF rows of the background answers.
    X: Any
    #: Their sentence vectors, or None (no vectors in the batch, or made by another model).
    Q: np.ndarray | None
    #: Which of them prototypes may learn from (see :func:`learnable`); None: all.
    learnable: np.ndarray | None
    #: Their coding as theme indexes of the codebook, -1 for none (see :func:`labels`).
    fixed: np.ndarray | None


@lru_cache(maxsize=1)
def _stored() -> dict:
    return json.loads((_DATA / "background.json").read_text(encoding="utf-8"))


def texts() -> list[str]:
    """The background answers (masked, as the app stores answers)."""
    return list(_stored()["texts"])


def labels(keys: Sequence[str]) -> np.ndarray:
    """Per background answer, the index in ``keys`` of the theme our annotators gave it, or -1
    (labelled "annet", or a theme that is not among ``keys``)."""
    index = {key: i for i, key in enumerate(keys)}
    return np.array([index.get(label, -1) for label in _stored()["labels"]], dtype=int)


def learnable(batch: list[str]) -> np.ndarray:
    """Mask of the background answers worth learning from: real answers (not «vet ikke») that
    are not also in ``batch`` (same words, any case), so an answer does not meet itself."""
    keys, real = _keys()
    seen = {_key(t) for t in batch}
    return real & np.array([k not in seen for k in keys], dtype=bool)


@lru_cache(maxsize=1)
def _keys() -> tuple[list[str], np.ndarray]:
    """The background's comparison keys and its real answers, worked out once per process."""
    stored = texts()
    return [_key(t) for t in stored], np.array([not is_nonanswer(t) for t in stored], dtype=bool)


def _key(text: str) -> str:
    return " ".join(str(text).lower().split())


@lru_cache(maxsize=1)
def vectors() -> np.ndarray | None:
    """Their sentence vectors, or None when they were made by another model than ours."""
    if _stored()["model"] != semantic.MODEL_NAME:
        return None
    with (_DATA / "background.npy").open("rb") as fh:
        V = np.load(fh).astype(np.float32)
    return V / np.linalg.norm(V, axis=1, keepdims=True)


def fit_features(features, docs, theme_docs, normaliser, use: bool):
    """Fit ``features`` on the answers, the theme texts and, when ``use``, the background.

    Returns the rows of the answers, of the theme texts and of the background (None unless
    ``use``), all in the one fitted space.
    """
    extra = [normaliser.tokens(t) for t in texts()] if use else []
    X_all = features.fit_transform(docs + theme_docs + extra)
    known = len(docs) + len(theme_docs)
    return X_all[: len(docs)], X_all[len(docs) : known], (X_all[known:] if use else None)
