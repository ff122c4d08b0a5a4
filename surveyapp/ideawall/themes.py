"""Theme the wall's statements with the analysis engine, so they join the plan's themes.

This is the one place the idea wall calls ``analysis``. It uses guided mode with the
§ 15-1 codebook, the same themes the rest of the plan is sorted into. When the engine is
not installed or not finished yet, :func:`theme_statements` returns ``None`` and the
results page simply leaves the theme column out.
"""

from __future__ import annotations

from functools import lru_cache

#: the codebook of the plan's themes (see analysis/data/codebook_15_1.yaml)
CODEBOOK = "15-1"
RANDOM_STATE = 0


def _theme_model():
    """The engine's ThemeModel class, or None while ``analysis`` does not provide it."""
    try:
        from analysis import ThemeModel
    except ImportError:
        return None
    return ThemeModel


@lru_cache(maxsize=32)
def _themes(texts: tuple[str, ...]) -> tuple[str | None, ...] | None:
    model_class = _theme_model()
    if model_class is None or not texts:
        return None
    model = model_class(mode="guided", codebook=CODEBOOK, random_state=RANDOM_STATE).fit(
        list(texts)
    )
    labels = {theme.key: theme.label for theme in model.themes_}
    return tuple(
        labels.get(a.theme, a.theme) if a.theme is not None else None for a in model.assignments_
    )


def theme_statements(texts: list[str]) -> list[str | None] | None:
    """The theme label of each (masked) statement, in order; None when theming is unavailable.

    Results are cached per exact list of texts, so the results page does not refit the model
    while nothing has changed.
    """
    result = _themes(tuple(texts))
    return list(result) if result is not None else None
