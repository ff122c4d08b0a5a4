"""Sign-in hardening as the planner workspace relies on it."""

from __future__ import annotations

import time

from surveyapp import create_app
from surveyapp.auth.service import LOGIN_LIMIT
from surveyapp.planner.access import SEEN_KEY
from tests.conftest import PASSWORD, csrf_token, forget_request_state


def _login(client, email, password=PASSWORD, ip="127.0.0.1"):
    """Sign in from ``ip`` (a whole school may share one address)."""
    page = client.get("/auth/logg-inn", environ_base={"REMOTE_ADDR": ip})
    return client.post(
        "/auth/logg-inn",
        data={"email": email, "password": password, "csrf_token": csrf_token(page.text)},
        environ_base={"REMOTE_ADDR": ip},
    )


def test_passwords_are_stored_hashed(make_user):
    user = make_user("planner")
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_limit_is_per_address_not_per_account(app, make_user):
    """Wrong passwords from one address stop that address, never the account they named."""
    kari = make_user("planner", email="kari@midtdalen.example")
    attacker = app.test_client()
    for _ in range(LOGIN_LIMIT.limit):
        assert _login(attacker, kari.email, "feil passord", ip="10.0.0.1").status_code == 401
    assert _login(attacker, kari.email, ip="10.0.0.1").status_code == 429
    kari_herself = app.test_client()
    assert _login(kari_herself, kari.email, ip="10.9.9.9").status_code == 302


def test_logout_makes_a_copied_cookie_useless(app, make_user):
    make_user("planner")
    client = app.test_client()
    assert _login(client, "planner@midtdalen.example").status_code == 302
    stolen = client.get_cookie("session", domain="innspill.test").value
    assert client.get("/planlegger/").status_code == 200
    token = csrf_token(client.get("/planlegger/").text)
    assert client.post("/auth/logg-ut", data={"csrf_token": token}).status_code == 302

    thief = app.test_client()
    thief.set_cookie("session", stolen, domain="innspill.test")
    response = thief.get("/planlegger/")
    assert response.status_code == 302 and "/auth/logg-inn" in response.headers["Location"]


def test_idle_session_ends_and_says_why(app, client, login_as):
    login_as("planner")
    assert client.get("/planlegger/").status_code == 200
    with client.session_transaction() as session:
        session[SEEN_KEY] = int(time.time()) - 31 * 60
    response = client.get("/planlegger/runder/ny")
    assert response.status_code == 302
    assert "/auth/logg-inn" in response.headers["Location"]
    assert "next=/planlegger/runder/ny" in response.headers["Location"]
    page = client.get(response.headers["Location"])
    assert "ikke hadde gjort noe på 30 minutter" in page.text
    assert client.get("/planlegger/").status_code == 302


def test_activity_within_the_limit_keeps_the_session(client, login_as):
    login_as("planner")
    with client.session_transaction() as session:
        session[SEEN_KEY] = int(time.time()) - 29 * 60
    assert client.get("/planlegger/").status_code == 200
    with client.session_transaction() as session:
        assert session[SEEN_KEY] >= int(time.time()) - 5


def test_keep_alive_refreshes_but_polling_does_not(client, login_as, make_round):
    login_as("viewer")
    round_ = make_round()
    old = int(time.time()) - 20 * 60
    with client.session_transaction() as session:
        session[SEEN_KEY] = old
    assert client.get(f"/planlegger/runder/{round_.id}/antall").status_code == 200
    with client.session_transaction() as session:
        assert session[SEEN_KEY] == old
    token = csrf_token(client.get("/planlegger/").text)
    assert client.post("/planlegger/hold-i-live", data={"csrf_token": token}).status_code == 204


def test_polling_an_expired_session_answers_json_401(client, login_as, make_round):
    login_as("viewer")
    round_ = make_round()
    with client.session_transaction() as session:
        session[SEEN_KEY] = int(time.time()) - 3600
    response = client.get(f"/planlegger/runder/{round_.id}/antall")
    assert response.status_code == 401 and "error" in response.get_json()


def test_pages_carry_the_idle_warning_timer(client, login_as):
    login_as("planner")
    html = client.get("/planlegger/").text
    assert 'data-idle-seconds="1800"' in html and 'id="idle-warning"' in html


def test_production_cookies_are_secure_httponly_samesite(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://innspill.kommune.no")
    app = create_app({"CONFIG_NAME": "production", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")


def test_deactivated_user_is_signed_out_at_once(app, client, login_as, db):
    user = login_as("planner")
    assert client.get("/planlegger/").status_code == 200
    user.active = False
    db.session.commit()
    assert client.get("/planlegger/").status_code == 302


def test_a_signed_in_cookie_in_another_browser_signs_nobody_in(app, make_user):
    """Strong session protection still guards a session that holds a user (only sessions
    without one, a respondent's or a phone's, are left alone)."""
    make_user("planner")
    client = app.test_client()
    assert _login(client, "planner@midtdalen.example").status_code == 302
    assert client.get("/planlegger/").status_code == 200
    stolen = client.get_cookie("session", domain="innspill.test").value

    forget_request_state()  # the tests' shared app context would keep the signed-in user
    thief = app.test_client()
    thief.set_cookie("session", stolen, domain="innspill.test")
    response = thief.get("/planlegger/", headers={"User-Agent": "Annen nettleser/1.0"})
    assert response.status_code == 302 and "/auth/logg-inn" in response.headers["Location"]
