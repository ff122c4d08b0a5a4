"""Theme the wall's statements with the analysis engine, so they join the plan's themes.

This is the one place the idea wall calls ``analysis``. It uses guided mode with the
§ 15-1 codebook, the same themes the rest of the plan is sorted into.
"""

from __future__ import annotations

from functools import lru_cache

from surveyapp.services.analysis import engine as analysis_engine

#: the codebook of the plan's themes (see analysis/data/codebook_15_1.yaml)
CODEBOOK = "15-1"
RANDOM_STATE = 0


@lru_cache(maxsize=32)
def _themes(texts: tuple[str, ...]) -> tuple[str | None, ...]:
    if not texts:
        return ()
    result = analysis_engine.fit(
        list(texts), mode="guided", codebook=CODEBOOK, random_state=RANDOM_STATE
    )
    labels = {theme.key: theme.label for theme in result.themes}
    return tuple(labels.get(a.theme, a.theme) if a.theme else None for a in result.answers)


def theme_statements(texts: list[str]) -> list[str | None]:
    """The theme label of each (masked) statement, in order (None for a non-answer).

    Results are cached per exact list of texts, so the results page does not refit the model
    while nothing has changed.
    """
    return list(_themes(tuple(texts)))
