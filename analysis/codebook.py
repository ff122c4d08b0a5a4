"""Codebooks: themes planners already know, with a key, name, description and keywords.

A codebook is read from YAML (see ``data/codebook_15_1.yaml`` for the documented format),
from a dict or list, or taken from the built-ins:

* ``"15-1"`` – themes for input to a § 15-1 prevention plan;
* ``"workshop"`` – the four workshop themes (hvor trykker skoen, samhandling, medvirkning,
  faglig skjønn).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .exceptions import InvalidCodebookError

__all__ = ["BUILTIN_CODEBOOKS", "Codebook", "CodebookTheme", "OTHER_KEY", "load_codebook"]

#: Reserved key of the "Annet" (other) bucket.
OTHER_KEY = "annet"
#: Names of the built-in codebooks and their files in ``analysis/data``.
BUILTIN_CODEBOOKS = {"15-1": "codebook_15_1.yaml", "workshop": "codebook_workshop.yaml"}

_KEY_RE = re.compile(r"^[a-z0-9_]{1,64}$")


@dataclass(frozen=True)
class CodebookTheme:
    """One theme of a codebook."""

    #: Stable identifier: lower case a-z, 0-9 and ``_``.
    key: str
    #: Name shown to planners.
    name: str
    #: Plain-language description; its words help matching.
    description: str = ""
    #: Words or short phrases that point to the theme.
    keywords: tuple[str, ...] = ()
    #: Example answers that belong to the theme (optional); they teach it answers' words.
    examples: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """Return the text the engine matches answers against (name, description, keywords,
        examples)."""
        parts = [self.name, self.description, " , ".join(self.keywords)]
        return " . ".join(parts + list(self.examples))


@dataclass(frozen=True)
class Codebook:
    """An ordered set of :class:`CodebookTheme` with unique keys."""

    themes: tuple[CodebookTheme, ...]
    name: str = ""
    #: Free-form metadata kept from the source file.
    meta: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        keys = [t.key for t in self.themes]
        if not keys:
            raise InvalidCodebookError("A codebook needs at least one theme.")
        if len(set(keys)) != len(keys):
            raise InvalidCodebookError("Theme keys in a codebook must be unique.")
        if OTHER_KEY in keys:
            raise InvalidCodebookError(f"The key {OTHER_KEY!r} is reserved for 'Annet'.")

    @property
    def keys(self) -> list[str]:
        """Return the theme keys in order."""
        return [t.key for t in self.themes]

    def __getitem__(self, key: str) -> CodebookTheme:
        for theme in self.themes:
            if theme.key == key:
                return theme
        raise KeyError(key)

    def to_dict(self) -> dict[str, Any]:
        """Return the codebook as plain data (the YAML structure)."""
        return {
            "name": self.name,
            "themes": [
                {**asdict(t), "keywords": list(t.keywords), "examples": list(t.examples)}
                for t in self.themes
            ],
        }

    def to_yaml(self) -> str:
        """Return the codebook as YAML text in the documented format."""
        return yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False)

    @classmethod
    def from_dict(cls, data: Any) -> "Codebook":
        """Build a codebook from ``{"themes": [...]}`` or a bare list of theme dicts."""
        if isinstance(data, list):
            data = {"themes": data}
        if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
            raise InvalidCodebookError("A codebook must have a list under 'themes'.")
        themes = tuple(_theme(item, i) for i, item in enumerate(data["themes"]))
        meta = {k: v for k, v in data.items() if k not in ("themes", "name")}
        return cls(themes=themes, name=str(data.get("name") or ""), meta=meta)

    @classmethod
    def from_yaml(cls, text: str) -> "Codebook":
        """Parse a codebook from YAML text."""
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise InvalidCodebookError(f"The codebook is not valid YAML: {exc}") from exc
        return cls.from_dict(data)


def _theme(item: Any, position: int) -> CodebookTheme:
    """Validate one theme entry."""
    where = f"Theme {position + 1}"
    if not isinstance(item, dict):
        raise InvalidCodebookError(f"{where} must be a mapping with key and name.")
    key = str(item.get("key") or "").strip()
    if not _KEY_RE.match(key):
        raise InvalidCodebookError(f"{where}: key {key!r} must use only a-z, 0-9 and _.")
    name = str(item.get("name") or "").strip()
    if not name:
        raise InvalidCodebookError(f"{where} ({key}) needs a name.")
    keywords = item.get("keywords") or []
    if isinstance(keywords, str):
        keywords = [w.strip() for w in keywords.split(",")]
    if not isinstance(keywords, list):
        raise InvalidCodebookError(f"{where} ({key}): keywords must be a list.")
    examples = item.get("examples") or []
    if isinstance(examples, str):
        examples = [examples]
    if not isinstance(examples, list):
        raise InvalidCodebookError(f"{where} ({key}): examples must be a list of answers.")
    return CodebookTheme(
        key=key,
        name=name,
        description=str(item.get("description") or ""),
        keywords=tuple(str(w).strip() for w in keywords if str(w).strip()),
        examples=tuple(str(e).strip() for e in examples if str(e).strip()),
    )


def load_codebook(source: Any) -> Codebook | None:
    """Return a :class:`Codebook` from a built-in name, a YAML path, a dict/list or a Codebook.

    Parameters
    ----------
    source : None, str, Path, dict, list or Codebook
        ``None`` gives ``None``; a string is a built-in name (``"15-1"``, ``"workshop"``) or a
        path to a YAML file.

    Raises
    ------
    InvalidCodebookError
        If the source cannot be read or does not follow the format.
    """
    if source is None or isinstance(source, Codebook):
        return source
    if isinstance(source, (dict, list)):
        return Codebook.from_dict(source)
    if isinstance(source, str) and source in BUILTIN_CODEBOOKS:
        text = resources.files("analysis").joinpath("data", BUILTIN_CODEBOOKS[source])
        return Codebook.from_yaml(text.read_text(encoding="utf-8"))
    if isinstance(source, (str, Path)):
        try:
            return Codebook.from_yaml(Path(source).read_text(encoding="utf-8"))
        except OSError as exc:
            raise InvalidCodebookError(f"Cannot read codebook file {source}: {exc}") from exc
    raise InvalidCodebookError(f"Cannot use {type(source).__name__} as a codebook.")
