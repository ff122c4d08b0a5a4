"""How a number in the plan report is shown: a hidden count as one neutral marker, votes suppressed.

The idea wall shows vote counts by the same rule (its plan page, its Markdown export and the
findings it makes), so a count hidden in the report is hidden there too.
"""

from __future__ import annotations

from collections.abc import Mapping

from surveyapp.privacy import suppress_counts

HIDDEN = "–"
VOTE_LABELS = (("agree", "enige"), ("disagree", "uenige"), ("passes", "vet ikke"))


def number(count: int | None) -> str:
    return HIDDEN if count is None else str(count)


def suppressed_votes(counts: Mapping[str, int], threshold: int) -> dict[str, int | None]:
    """``agree``, ``disagree`` and ``passes`` of one statement; ``None`` where hidden.

    The three counts are one breakdown of the statement's voters, suppressed like every
    other breakdown in the report: nothing when fewer than ``threshold`` voted, and small
    counts hidden together with enough others that they cannot be worked out.
    """
    result = suppress_counts({key: int(counts[key]) for key, _ in VOTE_LABELS}, threshold)
    return {key: result.cells[key].count for key, _ in VOTE_LABELS}
