"""What can go wrong on an idea wall; every message is shown to a participant or planner."""

from __future__ import annotations

from surveyapp.exceptions import InnspillError, RoundClosed


class IdeaWallError(InnspillError):
    """Something a participant or planner asked for cannot be done; the message says why."""


class WallClosed(RoundClosed):
    """The wall does not take statements or votes any more."""


class AlreadyVoted(IdeaWallError):
    """This device has already voted on this statement."""


class InvalidStatement(IdeaWallError):
    """The statement is empty, too long, a duplicate, or one too many."""


class AlreadyChosen(IdeaWallError):
    """The statement is already in the plan, and already a finding."""
