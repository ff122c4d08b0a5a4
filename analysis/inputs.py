"""Input handling shared by fitting and predicting: answers in, rows with content out."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .exceptions import InvalidParameterError
from .normalise import Token

__all__ = ["as_texts", "content_rows"]


def as_texts(texts) -> list[str]:
    """Return answers as a list of str (None and NaN become ""); reject a bare string."""
    if isinstance(texts, str):
        raise InvalidParameterError("Pass a list of answers, not a single string.")
    if isinstance(texts, pd.Series):
        texts = texts.tolist()
    try:
        items = list(texts)
    except TypeError as exc:
        raise InvalidParameterError(
            "Answers must be a list of strings or a pandas Series."
        ) from exc
    return ["" if t is None or (isinstance(t, float) and t != t) else str(t) for t in items]


def content_rows(docs: list[list[Token]], nonanswer: list[bool]) -> np.ndarray:
    """Return the indices of answers that are not non-answers and have a content word."""
    return np.array(
        [i for i, d in enumerate(docs) if not nonanswer[i] and any(not t.is_stop for t in d)],
        dtype=int,
    )
