"""Fixtures shared by the whole suite.

The database is built once per run with the real migrations (on SQLite, or on PostgreSQL
when TEST_DATABASE_URL is set) and emptied after every test, so each test starts clean.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from datetime import timedelta

import pytest
from flask import g
from flask_migrate import upgrade
from sqlalchemy import event

from surveyapp import create_app
from surveyapp.extensions import db as _db
from surveyapp.models import Base, utcnow
from surveyapp.services import organisations, questionnaires
from surveyapp.services.rounds import RoundSettings, create_round

PASSWORD = "correct horse battery"
CSRF_PATTERN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail any connection that leaves this machine: the app must work offline."""
    real_connect = socket.socket.connect

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and host != "localhost":
            try:
                local = ipaddress.ip_address(host).is_loopback
            except ValueError:
                local = False
            if not local:
                raise RuntimeError(f"test tried to reach the network: {address}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """SQLite in a temp folder, or a private PostgreSQL database per run when
    TEST_DATABASE_URL is set (so parallel runs on one server never meet)."""
    import os

    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from surveyapp.config import database_url

    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    server = make_url(database_url(url))
    private = server.set(database=f"{server.database}_{os.getpid()}")
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{private.database}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{private.database}"')
    yield private.render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{private.database}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture(scope="session")
def _migrated(database_url, tmp_path_factory):
    """Build the schema from empty with the migrations, once per run."""
    app = create_app(
        {
            "CONFIG_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
        }
    )
    with app.app_context():
        _db.drop_all()
        with _db.engine.begin() as conn:
            conn.execute(_db.text("DROP TABLE IF EXISTS alembic_version"))
        upgrade()
        _db.engine.dispose()
    return database_url


@pytest.fixture
def app(_migrated, tmp_path):
    app = create_app(
        {
            "CONFIG_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": _migrated,
            "SERVER_NAME": "innspill.test",
            "PUBLIC_BASE_URL": "https://innspill.test",
        }
    )
    with app.app_context():
        yield app
        _db.session.remove()
        with _db.engine.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())
        _db.engine.dispose()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def statements(db):
    """Every SQL statement sent while the test runs."""
    seen: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    yield seen
    event.remove(db.engine, "before_cursor_execute", note)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def csrf_token(html: str) -> str:
    """Read the CSRF token from a rendered page, as a browser would."""
    match = CSRF_PATTERN.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def forget_request_state() -> None:
    """Drop what Flask-WTF (the CSRF token), Flask-Login (the user) and Flask-Babel (the
    language) cache in ``g``.

    The tests' app context stays pushed across requests, so without this one client's token
    would reach the next client and a user loaded once would skip the next request's session
    checks; a server starts every request afresh.
    """
    g.pop("csrf_token", None)
    g.pop("_login_user", None)
    g.pop("_flask_babel", None)


@pytest.fixture
def organisation(db):
    org = organisations.create_organisation("Midtdalen", ["Nord-Fron", "Sør-Fron", "Ringebu"])
    db.session.commit()
    return org


@pytest.fixture
def make_user(db, organisation):
    def make(role: str = "planner", email: str | None = None, org=None):
        user = organisations.create_user(
            email or f"{role}@midtdalen.example", PASSWORD, role, org or organisation
        )
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_round(db, organisation):
    """Open a round of a built-in questionnaire; open now unless told otherwise."""

    def make(key: str = "tjenester", org=None, **settings):
        version = questionnaires.latest_version(key)
        settings.setdefault("title", f"Runde {key}")
        settings.setdefault("audience", "staff")
        settings.setdefault("opens_at", utcnow() - timedelta(hours=1))
        round_ = create_round(org or organisation, version, RoundSettings(**settings))
        db.session.commit()
        return round_

    return make


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, email: str, password: str = PASSWORD):
        page = self.client.get("/auth/logg-inn")
        return self.client.post(
            "/auth/logg-inn",
            data={"email": email, "password": password, "csrf_token": csrf_token(page.text)},
        )

    def logout(self):
        page = self.client.get("/")
        token = CSRF_PATTERN.search(page.text)
        return self.client.post("/auth/logg-ut", data={"csrf_token": token.group(1) if token else ""})


@pytest.fixture
def auth(client):
    return AuthActions(client)
