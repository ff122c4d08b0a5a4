"""Plain result objects the web app can store as JSON (``dataclasses.asdict`` works on all)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

__all__ = ["Assignment", "Theme"]


@dataclass
class Theme:
    """A theme with everything a planner needs to judge it."""

    #: Stable key: the codebook key, the planner's code, a generated key, or "annet".
    key: str
    #: Readable label (codebook name, or 2-4 Norwegian words for discovered themes).
    label: str
    #: Number of answers whose main theme this is.
    size: int
    #: Words that characterise the theme, most telling first.
    keywords: list[str] = field(default_factory=list)
    #: Indices of the 3-5 most representative answers (central, not near-duplicates).
    representatives: list[int] = field(default_factory=list)
    #: Their texts, shortened to at most 300 characters.
    quotes: list[str] = field(default_factory=list)
    #: Where the theme came from: "codebook", "coded", "discovered" or "other".
    source: str = "discovered"
    #: Codebook description, if any.
    description: str = ""

    def to_dict(self) -> dict:
        """Return the theme as plain data."""
        return asdict(self)


@dataclass
class Assignment:
    """Where one answer landed, and why."""

    #: Position of the answer in the input.
    index: int
    #: Main theme key; "annet" when it fits no theme; None for non-answers.
    theme: str | None
    #: 0-1; how sure the engine is of the main theme (1.0 for hand-coded answers, 0 for
    #: non-answers and "annet").
    confidence: float
    #: Other themes the answer clearly also speaks to, as [key, score] pairs.
    secondary: list[tuple[str, float]] = field(default_factory=list)
    #: The answer's words that tie it to its main theme, strongest first.
    terms: list[str] = field(default_factory=list)
    #: True for "vet ikke", "nei", "-" and the like; these are kept out of themes.
    is_nonanswer: bool = False
    #: Id shared by near-duplicate answers, or None.
    duplicate_group: int | None = None
    #: True when the main theme is the planner's own coding.
    coded: bool = False

    def to_dict(self) -> dict:
        """Return the assignment as plain data."""
        data = asdict(self)
        data["secondary"] = [list(pair) for pair in self.secondary]
        return data
