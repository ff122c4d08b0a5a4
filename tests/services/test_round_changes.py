"""Round changes that do not need HTTP: titles for next year and the settings rules."""

from __future__ import annotations

from datetime import timedelta

import pytest

from surveyapp.exceptions import InnspillError
from surveyapp.models import utcnow
from surveyapp.services import round_changes
from surveyapp.services.rounds import RoundSettings


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Tjenestene 2026", "Tjenestene 2027"),
        ("Ungdomsrådet 2029/2030", "Ungdomsrådet 2030/2031"),
        ("Innspillsmøter", "Innspillsmøter (kopi)"),
    ],
)
def test_next_title(app, title, expected):
    assert round_changes.next_title(title) == expected


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (RoundSettings(title=" ", audience="staff"), "tittel"),
        (RoundSettings(title="x", audience="alle"), "målgruppe"),
        (RoundSettings(title="x", audience="youth", anonymous=False), "anonyme"),
        (
            RoundSettings(
                title="x",
                audience="staff",
                opens_at=utcnow() + timedelta(days=2),
                closes_at=utcnow() + timedelta(days=1),
            ),
            "etter starttidspunktet",
        ),
        (
            RoundSettings(title="x", audience="staff", closes_at=utcnow() - timedelta(days=1)),
            "allerede vært",
        ),
    ],
)
def test_check_settings_explains(app, settings, message):
    with pytest.raises(InnspillError, match=message):
        round_changes.check_settings(settings)


def test_state_changes_refuse_the_wrong_state(app, make_round):
    draft = make_round(opens_at=None)
    with pytest.raises(InnspillError):
        round_changes.close_round(draft)
    with pytest.raises(InnspillError):
        round_changes.reopen_round(draft, None)
    round_changes.open_round(draft)
    assert draft.state == "open"
    with pytest.raises(InnspillError):
        round_changes.open_round(draft)
    with pytest.raises(InnspillError):
        round_changes.update_round(draft, RoundSettings(title="y", audience="staff"))
    round_changes.close_round(draft)
    assert draft.state == "closed"
    round_changes.reopen_round(draft, None)
    assert draft.state == "open" and draft.closes_at is None
