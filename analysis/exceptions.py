"""One exception hierarchy for the analysis engine.

Every error the engine raises on purpose derives from :class:`AnalysisError`, so the web app
can catch one class and show a translated, user-safe message.
"""

from __future__ import annotations

from sklearn.exceptions import NotFittedError as _SklearnNotFittedError

__all__ = [
    "AnalysisError",
    "EmptyInputError",
    "InvalidCodebookError",
    "InvalidCodingError",
    "InvalidParameterError",
    "NotFittedError",
    "UnknownThemeError",
]


class AnalysisError(Exception):
    """Base class for every error raised on purpose by :mod:`analysis`."""


class EmptyInputError(AnalysisError, ValueError):
    """There is nothing to analyse (no answers, or no answer with content)."""


class InvalidParameterError(AnalysisError, ValueError):
    """A hyperparameter or argument has a value the engine cannot use."""


class InvalidCodebookError(AnalysisError, ValueError):
    """A codebook (YAML file, dict or list) does not follow the documented format."""


class InvalidCodingError(AnalysisError, ValueError):
    """The planner's hand coding does not line up with the answers."""


class UnknownThemeError(AnalysisError, KeyError):
    """A theme key was asked for that the fitted model does not have."""


class NotFittedError(AnalysisError, _SklearnNotFittedError):
    """The model is used before ``fit`` was called."""
