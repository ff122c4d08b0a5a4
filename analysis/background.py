"""A fixed background of answers: what a typical answer says, whatever the batch holds.

Guided and coding modes weigh words by how common they are and measure each answer's evidence
for a theme against the typical answer (:mod:`analysis.evidence`). Measured against the batch
alone, a round where most answers speak to one theme (a youth round about leisure) makes that
theme look ordinary: its words are common, so they weigh little or are cut, and its typical
similarity is subtracted from everybody, so the theme most answers speak to loses them
(«Bowling!!» went to *Vold, overgrep og omsorgssvikt*). The background is 688 realistic answers
to the built-in questionnaires, spread over the § 15-1 themes (the development part of our
labelled set, without its labels; the held-out part is not in it). Word weights are learnt
from the batch and the background together, and the typical answer is taken from the
background, so a theme is not penalised for being what most of the batch is about. The
background's answers also join the batch's when the prototypes learn respondents' words
(:class:`analysis.evidence.ThemeEvidence`), so a question with 30 answers learns as much as a
round with 700 (guided, one question at a time: 0.373 -> 0.402 on our development answers,
each question against a background without its own answers).

The background's sentence vectors are shipped beside its texts (``data/background.npy``,
made by ``python -m analysis.bench.background``), so no analysis waits for them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import numpy as np

from . import semantic
from .nonanswers import is_nonanswer

__all__ = ["fit_features", "learnable", "texts", "vectors"]

_DATA = resources.files("analysis") / "data"


@lru_cache(maxsize=1)
def _stored() -> dict:
    return json.loads((_DATA / "background.json").read_text(encoding="utf-8"))


def texts() -> list[str]:
    """The background answers (masked, as the app stores answers)."""
    return list(_stored()["texts"])


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
