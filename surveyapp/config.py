"""Configuration classes, read from the environment when the app is created (never at import)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from surveyapp.exceptions import ConfigurationError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def database_url(url: str) -> str:
    """Use the psycopg 3 driver for plain ``postgres://`` and ``postgresql://`` URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as e:
        raise ConfigurationError(f"{name} must be a whole number, got {raw!r}") from e


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    QUESTIONNAIRE_DIR = str(PROJECT_ROOT / "questionnaires")
    #: groups with fewer respondents than this are never shown (organisation may raise it)
    SUPPRESSION_THRESHOLD = 5
    #: seconds between two published snapshots of a round's numbers, at least
    SNAPSHOT_INTERVAL = 3600
    #: a slow writer must not lose a long answer to an expired CSRF token
    WTF_CSRF_TIME_LIMIT = 12 * 3600
    #: WTForms' own messages come from WTForms' per-process cache (``forms.AppForm``), not
    #: from Flask-WTF's, which reads the catalogue from disk on every request
    WTF_I18N_ENABLED = False
    MAX_CONTENT_LENGTH = 100 * 1024
    BABEL_DEFAULT_LOCALE = "nb"
    BABEL_DEFAULT_TIMEZONE = "Europe/Oslo"
    LANGUAGES = ("nb", "nn")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    #: the address respondents and phones use; empty means "the address the planner is on"
    PUBLIC_BASE_URL = ""
    #: run background jobs inside the request that queues them (Huey's immediate mode; tests)
    JOBS_IMMEDIATE = False
    #: seconds between a running job's heartbeats, and the age after which a running job
    #: whose worker stopped beating counts as lost (retried, or failed after its attempts)
    JOB_HEARTBEAT_SECONDS = 10
    JOB_STALE_SECONDS = 120

    def __init__(self, instance_path: str) -> None:
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or self.default_secret_key(instance_path)
        default_db = f"sqlite:///{Path(instance_path) / 'innspill.db'}"
        self.SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("DATABASE_URL") or default_db)
        self.SUPPRESSION_THRESHOLD = _env_int("SUPPRESSION_THRESHOLD", self.SUPPRESSION_THRESHOLD)
        if self.SUPPRESSION_THRESHOLD < 2:
            raise ConfigurationError("SUPPRESSION_THRESHOLD must be at least 2")
        self.SNAPSHOT_INTERVAL = _env_int("SNAPSHOT_INTERVAL", self.SNAPSHOT_INTERVAL)
        if self.SNAPSHOT_INTERVAL < 0:
            raise ConfigurationError("SNAPSHOT_INTERVAL must be zero or more seconds")
        self.PUBLIC_BASE_URL = (os.environ.get("PUBLIC_BASE_URL") or "").strip().rstrip("/")
        self.QUESTIONNAIRE_DIR = os.environ.get("QUESTIONNAIRE_DIR", self.QUESTIONNAIRE_DIR)
        #: proxies in front of the app whose X-Forwarded-For/-Proto are trusted (nginx: 1)
        self.TRUSTED_PROXIES = _env_int("TRUSTED_PROXIES", 0)
        #: files every app instance must see (uploads waiting for confirmation): a folder
        #: shared by all web machines (NFS, a mounted volume); the instance folder by default
        self.SHARED_DIR = os.environ.get("INNSPILL_SHARED_DIR") or instance_path
        #: the job queue: Redis when several machines share the work, else a SQLite file
        self.REDIS_URL = os.environ.get("REDIS_URL", "")
        self.JOBS_SQLITE_PATH = os.environ.get("JOBS_SQLITE_PATH") or str(
            Path(instance_path) / "jobs.db"
        )
        self.JOB_HEARTBEAT_SECONDS = _env_int("JOB_HEARTBEAT_SECONDS", self.JOB_HEARTBEAT_SECONDS)
        self.JOB_STALE_SECONDS = _env_int("JOB_STALE_SECONDS", self.JOB_STALE_SECONDS)
        if self.JOB_STALE_SECONDS < 2 * self.JOB_HEARTBEAT_SECONDS:
            raise ConfigurationError(
                "JOB_STALE_SECONDS must be at least twice JOB_HEARTBEAT_SECONDS"
            )

    def default_secret_key(self, instance_path: str) -> str:
        """Development keeps a random key in the instance folder so sessions survive restarts."""
        path = Path(instance_path) / "secret_key"
        if path.exists():
            return path.read_text().strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32)
        path.write_text(key)
        path.chmod(0o600)
        return key


class DevelopmentConfig(Config):
    ENV_NAME = "development"


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    JOBS_IMMEDIATE = True
    #: tests submit answers back to back; the threshold alone sets the steps
    SNAPSHOT_INTERVAL = 0

    def __init__(self, instance_path: str) -> None:
        super().__init__(instance_path)
        self.SECRET_KEY = "testing-secret-key-not-for-production"
        url = os.environ.get("TEST_DATABASE_URL")
        self.SQLALCHEMY_DATABASE_URI = database_url(url) if url else "sqlite://"


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    #: Strict-Transport-Security max-age (one year); only production is always behind HTTPS
    HSTS_SECONDS = 365 * 24 * 3600

    def default_secret_key(self, instance_path: str) -> str:
        raise ConfigurationError(
            "SECRET_KEY is not set. In production Innspill refuses to start without a secret key: "
            "set SECRET_KEY to a long random value (for example `python3 -c "
            "'import secrets; print(secrets.token_hex(32))'`) in the service environment."
        )

    def __init__(self, instance_path: str) -> None:
        super().__init__(instance_path)
        if len(self.SECRET_KEY) < 32:
            raise ConfigurationError("SECRET_KEY is too short: use at least 32 random characters.")
        if not self.PUBLIC_BASE_URL:
            raise ConfigurationError(
                "PUBLIC_BASE_URL is not set. In production Innspill refuses to start without it: "
                "set it to the address respondents use (for example "
                "https://innspill.kommune.no); share links, QR codes and posters are built from it."
            )


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def load_config(name: str | None, instance_path: str) -> Config:
    """Build the config named by ``name`` or by ``INNSPILL_CONFIG`` (default: development)."""
    name = name or os.environ.get("INNSPILL_CONFIG", "development")
    try:
        cls = CONFIGS[name]
    except KeyError as e:
        raise ConfigurationError(
            f"Unknown configuration {name!r}; use one of {', '.join(CONFIGS)}"
        ) from e
    return cls(instance_path)
