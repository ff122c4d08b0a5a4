"""Guessing an access code: ten wrong codes in a browser session, then a few minutes' wait."""

from __future__ import annotations

import pytest

from surveyapp.respondent import attempts

from .conftest import Respondent

WAIT_MESSAGE = "Du har skrevet feil tilgangskode for mange ganger"


@pytest.fixture
def coded_round(make_test_round):
    return make_test_round(access_code="ungdom2026")


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves by hand."""
    now = [1_000_000.0]
    monkeypatch.setattr(attempts, "_now", lambda: now[0])
    return now


def guess_wrong(respondent: Respondent, times: int) -> None:
    for _ in range(times):
        assert respondent.start(access_code="feil").status_code == 403
        assert "Tilgangskoden er feil" in respondent.html


def test_ten_wrong_codes_make_the_browser_wait(client, coded_round, clock):
    respondent = Respondent(client, coded_round)
    guess_wrong(respondent, attempts.MAX_WRONG)
    refused = respondent.start(access_code="ungdom2026")
    assert refused.status_code == 429
    assert WAIT_MESSAGE in respondent.html
    assert 'aria-describedby="access_code-hint access_code-error"' in respondent.html
    assert 0 < int(refused.headers["Retry-After"]) <= attempts.WAIT_SECONDS
    clock[0] += attempts.WAIT_SECONDS - 10
    assert respondent.start(access_code="ungdom2026").status_code == 429
    clock[0] += 11
    assert respondent.start(access_code="ungdom2026").status_code == 200
    assert "<h1>Om deg</h1>" in respondent.html


def test_the_limit_is_per_browser_not_per_address(client, app, coded_round, clock):
    guess_wrong(Respondent(client, coded_round), attempts.MAX_WRONG)
    classmate = Respondent(app.test_client(), coded_round)  # same address, own session
    assert classmate.start(access_code="ungdom2026").status_code == 200


def test_a_right_code_starts_the_count_again(client, coded_round, clock):
    respondent = Respondent(client, coded_round)
    guess_wrong(respondent, attempts.MAX_WRONG - 1)
    assert respondent.start(access_code="ungdom2026").status_code == 200
    guess_wrong(respondent, attempts.MAX_WRONG - 1)
    assert respondent.start(access_code="ungdom2026").status_code == 200


def test_wrong_codes_far_apart_never_add_up(client, coded_round, clock):
    respondent = Respondent(client, coded_round)
    for _ in range(attempts.MAX_WRONG + 2):
        guess_wrong(respondent, 1)
        clock[0] += attempts.WAIT_SECONDS
    assert respondent.start(access_code="ungdom2026").status_code == 200


def test_rounds_without_a_code_are_not_held_back(client, coded_round, test_round, clock):
    guess_wrong(Respondent(client, coded_round), attempts.MAX_WRONG)
    assert Respondent(client, test_round).start().status_code == 200


def test_the_session_keeps_a_count_and_a_time_only(client, coded_round, clock):
    guess_wrong(Respondent(client, coded_round), 2)
    with client.session_transaction() as session:
        assert session[attempts.SESSION_KEY] == [2, int(clock[0])]
        assert "feil" not in str(dict(session))
