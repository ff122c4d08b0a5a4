"""The per-account lock: counted by the database, so parallel guesses cannot slip past it."""

from __future__ import annotations

import threading

import pytest

from surveyapp.auth.service import MAX_FAILURES
from surveyapp.models import User, utcnow
from tests.conftest import PASSWORD, csrf_token

WRONG = "feil passord"


def _login(client, email: str, password: str):
    page = client.get("/auth/logg-inn")
    return client.post(
        "/auth/logg-inn",
        data={"email": email, "password": password, "csrf_token": csrf_token(page.text)},
    )


@pytest.mark.parametrize("guesses", [MAX_FAILURES, 2 * MAX_FAILURES + 1])
def test_parallel_wrong_passwords_still_lock_the_account(app, db, make_user, monkeypatch, guesses):
    """Every guess has read the account before any is counted, the worst case for a race."""
    user = make_user("planner")
    email, user_id = user.email, user.id  # threads must not touch the test's session
    all_read = threading.Barrier(guesses)
    check = User.check_password

    def slow_check(self, password: str) -> bool:
        if password == WRONG:
            all_read.wait(timeout=30)
        return check(self, password)

    monkeypatch.setattr(User, "check_password", slow_check)
    statuses: list[int] = []

    def guess() -> None:
        with app.app_context():
            client = app.test_client()
            statuses.append(_login(client, email, WRONG).status_code)

    threads = [threading.Thread(target=guess) for _ in range(guesses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [401] * guesses
    db.session.expire_all()
    stored = db.session.get(User, user_id)
    assert stored.locked_until is not None and stored.locked_until > utcnow()
    assert _login(app.test_client(), email, PASSWORD).status_code == 429


def test_a_right_password_clears_the_count(app, db, make_user):
    user = make_user("planner")
    client = app.test_client()
    for _ in range(MAX_FAILURES - 1):
        assert _login(client, user.email, WRONG).status_code == 401
    assert _login(client, user.email, PASSWORD).status_code == 302
    db.session.expire_all()
    stored = db.session.get(User, user.id)
    assert stored.failed_logins == 0 and stored.last_login_at is not None
    assert _login(app.test_client(), user.email, WRONG).status_code == 401
    assert _login(app.test_client(), user.email, PASSWORD).status_code == 302
