"""The demo's phrase data, read once from the YAML files in ``surveyapp/demo/data/``.

Lists come back as tuples, so the data is as immutable as it was when it lived in code and
the generator in :mod:`surveyapp.demo.texts` gives the same answers for the same seed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"


def _frozen(value: Any) -> Any:
    """``value`` with every list turned into a tuple, recursively."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


@cache
def load(name: str) -> dict[str, Any]:
    """The contents of ``data/<name>.yaml``, lists as tuples."""
    return _frozen(yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8")))


#: shared phrases: services, roles, age groups, openers, closers, non-answers ...
common = SimpleNamespace(**load("common"))
