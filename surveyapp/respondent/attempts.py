"""A modest limit on guessing a round's access code, kept in the browser's session.

Every guess costs a slow scrypt check. After :data:`MAX_WRONG` wrong codes in a row a browser
waits :data:`WAIT_SECONDS` before it may try again. The count lives in the signed session
cookie, not by IP address: a whole school may share one address, and an anonymous round must
not note anyone's address. A client that throws its cookie away starts afresh, so this slows
down guessing by hand and scripts that keep their session; the code's length does the rest.
"""

from __future__ import annotations

import math
import time

from flask import session

SESSION_KEY = "code_tries"
#: wrong codes in a row before a browser has to wait
MAX_WRONG = 10
#: how long it waits, counted from its last wrong code
WAIT_SECONDS = 5 * 60


def _now() -> float:
    return time.time()


def _tries() -> tuple[int, float]:
    """How many wrong codes in a row this browser has sent, and when the last one came."""
    try:
        count, last = session.get(SESSION_KEY, (0, 0))
        return int(count), float(last)
    except (TypeError, ValueError):
        return 0, 0.0


def seconds_to_wait() -> int:
    """Seconds before this browser may try a code again; 0 when it may try now."""
    count, last = _tries()
    left = last + WAIT_SECONDS - _now()
    return math.ceil(left) if count >= MAX_WRONG and left > 0 else 0


def note_wrong() -> None:
    """Count a wrong code; a run of wrong codes ends when the browser has waited long enough."""
    count, last = _tries()
    if _now() - last >= WAIT_SECONDS:
        count = 0
    session[SESSION_KEY] = [count + 1, _now()]


def forget() -> None:
    """A right code: the count starts again."""
    session.pop(SESSION_KEY, None)
