"""How a number in the plan report is shown: a hidden count as one neutral marker, and votes.

Votes follow one rule everywhere (:func:`shown_votes`): the idea wall's big screen, its
results, its plan page, its Markdown export, the findings it makes and the report all show
the numbers the youth council saw.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _

HIDDEN = "–"
VOTE_KEYS = ("agree", "disagree", "passes")


def number(count: int | None) -> str:
    return HIDDEN if count is None else str(count)


def shown_votes(counts: Mapping[str, int], threshold: int) -> dict[str, int] | None:
    """``agree``, ``disagree`` and ``passes`` as the council saw them, or None.

    Votes are anonymous counts with no background attached, and the big screen showed
    them to the whole room, so the plan shows the same numbers. A statement with fewer
    voters than ``threshold`` was never listed on the screen; its counts are not shown
    anywhere (None), and :func:`votes_phrase` says so in words.
    """
    shown = {key: int(counts[key]) for key in VOTE_KEYS}
    return shown if sum(shown.values()) >= threshold else None


def votes_phrase(counts: Mapping[str, int], threshold: int) -> str:
    """The votes in words: "6 enige, 2 uenige, 0 vet ikke", or why they are not shown."""
    shown = shown_votes(counts, threshold)
    if shown is None:
        return _("færre enn %(t)d stemte, så stemmene vises ikke", t=threshold)
    return _("%(agree)s enige, %(disagree)s uenige, %(passes)s vet ikke", **shown)
