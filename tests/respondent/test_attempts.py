"""Guessing an access code: counted on the server per round, whatever the client drops."""

from __future__ import annotations

from datetime import timedelta

import pytest

from surveyapp.models import AuditEvent, Throttle
from surveyapp.respondent.attempts import CODE_LIMIT

from .conftest import Respondent

WAIT_MESSAGE = "Det er skrevet feil tilgangskode for mange ganger til denne runden"
LIMIT = CODE_LIMIT.limit


@pytest.fixture(autouse=True)
def quick_code_hashes(monkeypatch):
    """Cheap code hashes: these tests check dozens of codes."""
    from werkzeug.security import generate_password_hash

    monkeypatch.setattr(
        "surveyapp.models.rounds.generate_password_hash",
        lambda code: generate_password_hash(code, method="pbkdf2:sha256:1000"),
    )


@pytest.fixture
def coded_round(make_test_round):
    return make_test_round(access_code="ungdom2026")


def guess_wrong(app, round_, times: int) -> None:
    """Wrong codes from fresh clients: a script that drops its cookie every time."""
    for _ in range(times):
        respondent = Respondent(app.test_client(), round_)
        assert respondent.start(access_code="feil").status_code == 403
        assert "Tilgangskoden er feil" in respondent.html


def move_clock(db, by: timedelta) -> None:
    """Make the stored count as old as if ``by`` had passed."""
    for row in db.session.scalars(db.select(Throttle)):
        row.window_start -= by
        row.locked_until = row.locked_until - by if row.locked_until else None
    db.session.commit()


def test_a_client_that_drops_its_cookie_is_still_limited(app, db, coded_round):
    guess_wrong(app, coded_round, LIMIT)
    respondent = Respondent(app.test_client(), coded_round)
    refused = respondent.start(access_code="ungdom2026")
    assert refused.status_code == 429
    assert WAIT_MESSAGE in respondent.html
    assert 'aria-describedby="access_code-hint access_code-error"' in respondent.html
    assert 0 < int(refused.headers["Retry-After"]) <= CODE_LIMIT.window.total_seconds()
    move_clock(db, CODE_LIMIT.window - timedelta(seconds=10))
    assert Respondent(app.test_client(), coded_round).start("ungdom2026").status_code == 429
    move_clock(db, timedelta(seconds=11))
    respondent = Respondent(app.test_client(), coded_round)
    assert respondent.start(access_code="ungdom2026").status_code == 200
    assert "<h1>Om deg</h1>" in respondent.html


def test_reaching_the_limit_is_in_the_activity_log(app, db, coded_round):
    guess_wrong(app, coded_round, LIMIT)
    actions = db.session.scalars(db.select(AuditEvent.action)).all()
    assert actions.count("round.code_limit") == 1


def test_a_right_code_does_not_clear_the_count(app, db, coded_round):
    """Respondents who know the code cannot reopen the window for a guesser."""
    guess_wrong(app, coded_round, LIMIT - 1)
    assert Respondent(app.test_client(), coded_round).start("ungdom2026").status_code == 200
    guess_wrong(app, coded_round, 1)
    assert Respondent(app.test_client(), coded_round).start("ungdom2026").status_code == 429


def test_wrong_codes_far_apart_never_add_up(app, db, coded_round):
    for _ in range(LIMIT + 2):
        guess_wrong(app, coded_round, 1)
        move_clock(db, CODE_LIMIT.window)
    assert Respondent(app.test_client(), coded_round).start("ungdom2026").status_code == 200


def test_other_rounds_are_not_held_back(app, coded_round, make_test_round, test_round):
    other = make_test_round(access_code="annen-kode", title="Annen runde")
    guess_wrong(app, coded_round, LIMIT)
    assert Respondent(app.test_client(), test_round).start().status_code == 200
    assert Respondent(app.test_client(), other).start("annen-kode").status_code == 200


def test_the_count_names_the_round_only(app, client, db, coded_round):
    """No address, no browser: an anonymous round notes nobody."""
    guess_wrong(app, coded_round, 2)
    (row,) = db.session.scalars(db.select(Throttle)).all()
    assert row.key == f"code:{coded_round.id}" and row.failures == 2
    with client.session_transaction() as session:
        assert "code_tries" not in session
