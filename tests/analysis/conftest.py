"""Fixtures for the analysis engine tests: small, realistic Norwegian answers."""

from pathlib import Path

import pandas as pd
import pytest

from analysis import ThemeModel

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def answers() -> pd.DataFrame:
    """67 staff/youth answers (bokmål and nynorsk) in 5 hand-coded themes, plus non-answers."""
    return pd.read_csv(DATA / "answers.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def texts(answers) -> list[str]:
    return answers["text"].tolist()


@pytest.fixture(scope="session")
def discover_model(texts) -> ThemeModel:
    return ThemeModel(random_state=0).fit(texts)


@pytest.fixture(scope="session")
def guided_model(texts) -> ThemeModel:
    return ThemeModel(mode="guided", codebook="15-1", random_state=0).fit(texts)


@pytest.fixture(scope="session")
def coded(answers) -> dict[int, str]:
    """Every fourth answer with content, coded by hand (15 answers, 3 per theme)."""
    return {i: answers["theme"][i] for i in range(0, 60, 4)}


@pytest.fixture(scope="session")
def coding_model(texts, coded) -> ThemeModel:
    return ThemeModel(mode="coding", random_state=0).fit(texts, coded=coded)
