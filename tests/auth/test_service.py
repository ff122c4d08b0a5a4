"""Sign-in limits: per client address, counted by the database, blind to who has an account."""

from __future__ import annotations

import re
import statistics
import threading
import time

import pytest

from surveyapp.auth.service import LOGIN_LIMIT
from surveyapp.models import Throttle, User
from tests.conftest import PASSWORD, csrf_token

WRONG = "feil passord"
LIMIT = LOGIN_LIMIT.limit


def _login(client, email: str, password: str, address: str = "192.0.2.10"):
    env = {"REMOTE_ADDR": address}
    page = client.get("/auth/logg-inn", environ_base=env)
    return client.post(
        "/auth/logg-inn",
        data={"email": email, "password": password, "csrf_token": csrf_token(page.text)},
        environ_base=env,
    )


@pytest.mark.parametrize("guesses", [LIMIT, LIMIT + 3])  # under the pool's 15 connections
def test_parallel_wrong_passwords_still_reach_the_limit(app, db, make_user, monkeypatch, guesses):
    """Every guess has read the count before any is counted, the worst case for a race."""
    email = make_user("planner").email
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
            statuses.append(_login(app.test_client(), email, WRONG).status_code)

    threads = [threading.Thread(target=guess) for _ in range(guesses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [401] * guesses
    db.session.expire_all()
    assert db.session.scalar(db.select(Throttle.failures)) == guesses
    response = _login(app.test_client(), email, PASSWORD)
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 800


def test_an_outsider_cannot_lock_a_named_planner_out(app, make_user):
    """Guessing from one address stops that address; the planner signs in from hers."""
    email = make_user("planner").email
    attacker = app.test_client()
    for _ in range(LIMIT):
        assert _login(attacker, email, WRONG, address="198.51.100.66").status_code == 401
    assert _login(attacker, email, PASSWORD, address="198.51.100.66").status_code == 429
    assert _login(app.test_client(), email, PASSWORD, address="192.0.2.10").status_code == 302


def _page(html: str, email: str) -> str:
    """The page without what differs by nature: the typed e-mail and the CSRF token."""
    return re.sub(r'value="[^"]*"', "", html.replace(email, ""))


def test_unknown_and_known_emails_get_the_same_answer_and_count(app, db, make_user):
    email = make_user("planner").email
    known = [_login(app.test_client(), email, WRONG, "192.0.2.1") for _ in range(LIMIT)]
    unknown = [
        _login(app.test_client(), "ingen@midtdalen.example", WRONG, "192.0.2.2")
        for _ in range(LIMIT)
    ]
    assert [r.status_code for r in known] == [r.status_code for r in unknown] == [401] * LIMIT
    assert _page(known[0].text, email) == _page(unknown[0].text, "ingen@midtdalen.example")
    assert _login(app.test_client(), email, WRONG, "192.0.2.1").status_code == 429
    assert _login(app.test_client(), "ingen@x.example", WRONG, "192.0.2.2").status_code == 429


def test_unknown_and_known_emails_take_the_same_time(app, make_user, monkeypatch):
    """A password hash is checked for unknown e-mails too (no ~5 ms versus ~100 ms).

    With the real (scrypt) hashes, so that the hash work, not the machine's noise, decides.
    """
    from werkzeug.security import generate_password_hash

    monkeypatch.setattr("surveyapp.models.users.generate_password_hash", generate_password_hash)
    email = make_user("planner").email
    client = app.test_client()

    def timed(who: str, address: str) -> float:
        start = time.perf_counter()
        assert _login(client, who, WRONG, address).status_code == 401
        return time.perf_counter() - start

    known = [timed(email, f"192.0.2.{i}") for i in range(3)]
    unknown = [timed("ingen@midtdalen.example", f"192.0.2.{i + 100}") for i in range(3)]
    ratio = statistics.median(unknown) / statistics.median(known)
    assert 0.6 < ratio < 1.6, (known, unknown)


def test_a_right_password_clears_the_count(app, db, make_user):
    user = make_user("planner")
    client = app.test_client()
    for _ in range(LIMIT - 1):
        assert _login(client, user.email, WRONG).status_code == 401
    assert _login(client, user.email, PASSWORD).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Throttle.id))) == 0
    assert db.session.get(User, user.id).last_login_at is not None
    assert _login(app.test_client(), user.email, WRONG).status_code == 401
    assert _login(app.test_client(), user.email, PASSWORD).status_code == 302


def test_the_count_holds_no_readable_address(app, db, make_user):
    _login(app.test_client(), "ingen@midtdalen.example", WRONG, "203.0.113.77")
    (key,) = db.session.scalars(db.select(Throttle.key)).all()
    assert key.startswith("login:") and "203.0.113" not in key
