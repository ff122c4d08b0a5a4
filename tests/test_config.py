"""Configuration is read from the environment when the app is built."""

import pytest

from surveyapp import create_app
from surveyapp.config import database_url, load_config
from surveyapp.exceptions import ConfigurationError


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="SECRET_KEY is not set"):
        load_config("production", str(tmp_path))


def test_production_refuses_a_short_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "kort")
    with pytest.raises(ConfigurationError, match="too short"):
        load_config("production", str(tmp_path))


def test_production_refuses_to_start_without_a_public_base_url(monkeypatch, tmp_path):
    """Issue 18.5: as with SECRET_KEY, production needs the address respondents use."""
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    for value in (None, "", "  "):
        if value is None:
            monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
        else:
            monkeypatch.setenv("PUBLIC_BASE_URL", value)
        with pytest.raises(ConfigurationError, match="PUBLIC_BASE_URL is not set"):
            load_config("production", str(tmp_path))
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://innspill.kommune.no/")
    assert load_config("production", str(tmp_path)).PUBLIC_BASE_URL == "https://innspill.kommune.no"


def test_development_has_no_public_base_url_by_default(monkeypatch, tmp_path):
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    assert load_config("development", str(tmp_path)).PUBLIC_BASE_URL == ""


def test_production_uses_secure_cookies(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://innspill.kommune.no")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@db/innspill")
    config = load_config("production", str(tmp_path))
    assert config.SESSION_COOKIE_SECURE is True
    assert config.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://u@db/innspill"


def test_development_keeps_a_generated_secret_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_config("development", str(tmp_path)).SECRET_KEY
    second = load_config("development", str(tmp_path)).SECRET_KEY
    assert len(first) >= 64 and first == second
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_suppression_threshold_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SUPPRESSION_THRESHOLD", "7")
    assert load_config("development", str(tmp_path)).SUPPRESSION_THRESHOLD == 7
    monkeypatch.setenv("SUPPRESSION_THRESHOLD", "fem")
    with pytest.raises(ConfigurationError, match="whole number"):
        load_config("development", str(tmp_path))


def test_unknown_config_name_is_explained(tmp_path):
    with pytest.raises(ConfigurationError, match="Unknown configuration"):
        load_config("staging", str(tmp_path))


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://a@b/c", "postgresql+psycopg://a@b/c"),
        ("postgresql://a@b/c", "postgresql+psycopg://a@b/c"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_database_url_uses_psycopg3(given, expected):
    assert database_url(given) == expected


def test_sqlite_connections_are_durable_and_concurrent(tmp_path):
    app = create_app({"CONFIG_NAME": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.db"})
    with app.app_context():
        from surveyapp.extensions import db

        with db.engine.connect() as conn:
            pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2  # FULL
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == 10000
        db.engine.dispose()


def test_trusted_proxy_gives_the_client_address_and_https(monkeypatch, tmp_path):
    from flask import request

    from surveyapp import create_app

    app = create_app({"CONFIG_NAME": "testing", "TRUSTED_PROXIES": 1})
    seen = {}

    @app.get("/_probe")
    def probe():
        seen.update(address=request.remote_addr, secure=request.is_secure)
        return ""

    app.test_client().get(
        "/_probe", headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    )
    assert seen == {"address": "203.0.113.9", "secure": True}
