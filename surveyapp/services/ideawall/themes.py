"""Theme the wall's statements with the analysis engine, so they join the plan's themes.

This is the one place the idea wall calls ``analysis``. It uses guided mode with the
§ 15-1 codebook, the same themes the rest of the plan is sorted into. Statements with weak
evidence go to "Annet" (the engine's ``other_threshold``), and so do those in a new theme
the engine only proposes: the wall shows the plan's themes, not invented ones. A planner
can give a statement its theme by hand (:func:`set_theme`); that choice wins.
"""

from __future__ import annotations

from functools import lru_cache

from surveyapp.exceptions import InnspillError
from surveyapp.models.ideawall import IdeaStatement
from surveyapp.services.analysis import engine as analysis_engine

#: the codebook of the plan's themes (see analysis/data/codebook_15_1.yaml)
CODEBOOK = "15-1"
RANDOM_STATE = 0
OTHER_LABEL = "Annet"


@lru_cache(maxsize=32)
def _themes(texts: tuple[str, ...]) -> tuple[str | None, ...]:
    if not texts:
        return ()
    result = analysis_engine.fit(
        list(texts), mode="guided", codebook=CODEBOOK, random_state=RANDOM_STATE
    )
    labels = {
        theme.key: OTHER_LABEL if theme.is_other or theme.source == "proposed" else theme.label
        for theme in result.themes
    }
    return tuple(labels.get(a.theme, OTHER_LABEL) if a.theme else None for a in result.answers)


def theme_statements(texts: list[str]) -> list[str | None]:
    """The theme label of each (masked) statement, in order (None for a non-answer).

    Results are cached per exact list of texts, so the results page does not refit the model
    while nothing has changed.
    """
    return list(_themes(tuple(texts)))


@lru_cache(maxsize=1)
def theme_labels() -> tuple[str, ...]:
    """The themes a planner can put a statement in: the codebook's, then "Annet"."""
    book = analysis_engine.codebook_data(CODEBOOK)
    return (*(t.get("name") or t["key"] for t in book["themes"]), OTHER_LABEL)


def set_theme(statement: IdeaStatement, label: str | None) -> None:
    """Give the statement a theme by hand; an empty label lets the engine decide again."""
    label = (label or "").strip()
    if label and label not in theme_labels():
        raise InnspillError("Velg et av temaene i listen.")
    statement.theme_label = label or None
