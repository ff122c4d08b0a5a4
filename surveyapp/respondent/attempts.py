"""A limit on guessing a round's access code, counted on the server per round.

Every guess costs a slow scrypt check. After :data:`CODE_LIMIT` ``.limit`` wrong codes for
one round within ``.window``, that round's code is not checked for ``.window`` (a count in the
browser's cookie was no limit: a script drops the cookie). The count is kept per round, never
per address or browser: a whole school may share one address, and an anonymous round must not
note anyone's address. A right code does not clear the count, so respondents typing the code
cannot reopen the window for a guesser. The price: someone who floods a round with wrong
codes holds its code entry back for everybody for a while; the planner sees it in the
activity log and can change the code.
"""

from __future__ import annotations

from datetime import timedelta

from surveyapp.auth import throttle
from surveyapp.extensions import db
from surveyapp.models import Organisation
from surveyapp.services import audit
from surveyapp.services.round_cache import PublicRound

#: wrong codes for one round, within the window, before its code entry waits the window out
CODE_LIMIT = throttle.Limit("code", 30, timedelta(minutes=10))


def seconds_to_wait(round_: PublicRound) -> int:
    """Seconds before codes for this round are checked again; 0 when they are checked now."""
    return throttle.seconds_to_wait(CODE_LIMIT, str(round_.id))


def note_wrong(round_: PublicRound) -> None:
    """Count a wrong code; the one that reaches the limit is noted in the activity log."""
    throttle.note_failure(CODE_LIMIT, str(round_.id))
    if seconds_to_wait(round_) >= CODE_LIMIT.window.total_seconds() - 1:
        organisation = db.session.get(Organisation, round_.organisation.id)
        audit.record("round.code_limit", organisation, None, target=f"round:{round_.id}")
