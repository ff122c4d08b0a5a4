"""Innspill: gather input for a municipal § 15-1 prevention plan and turn it into findings."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from flask import Flask, request, session
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from surveyapp import security
from surveyapp.config import load_config
from surveyapp.extensions import babel, csrf, db, login_manager, migrate


def create_app(config: str | dict[str, Any] | None = None) -> Flask:
    """Build the app. ``config`` is a config name (``testing``...) or a dict of overrides."""
    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    name = config if isinstance(config, str) else None
    if isinstance(config, dict):
        name = config.get("CONFIG_NAME")
    app.config.from_object(load_config(name, app.instance_path))
    if isinstance(config, dict):
        app.config.update(config)
    if app.config.get("TRUSTED_PROXIES"):
        # the client's address for the sign-in limit, and HTTPS for secure cookies and CSRF
        n = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)

    _init_extensions(app)
    _init_templates(app)
    _register_blueprints(app)
    _register_cli(app)
    _init_jobs(app)
    _anonymous_access_logs()
    return app


def select_locale() -> str:
    """The language the user picked (stored in the session), else the browser's, else bokmål."""
    from flask import current_app, has_request_context

    if not has_request_context():  # CLI commands and jobs: bokmål
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    languages = current_app.config["LANGUAGES"]
    chosen = request.args.get("lang") or session.get("lang")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or "nb"


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    security.init_app(app)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """Durable, concurrent-friendly SQLite: WAL, full sync, foreign keys, a busy timeout."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


def _init_templates(app: Flask) -> None:
    from flask_babel import format_date, format_datetime, get_locale

    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals.update(
        current_locale=lambda: str(get_locale() or "nb"),
        format_datetime=format_datetime,
        format_date=format_date,
    )


def _register_blueprints(app: Flask) -> None:
    from surveyapp.api import bp as api_bp
    from surveyapp.auth import bp as auth_bp
    from surveyapp.builder import bp as builder_bp
    from surveyapp.errors import bp as errors_bp
    from surveyapp.feedback import bp as feedback_bp
    from surveyapp.ideawall import bp as ideawall_bp
    from surveyapp.main import bp as main_bp
    from surveyapp.planner import bp as planner_bp
    from surveyapp.respondent import bp as respondent_bp
    from surveyapp.review import bp as review_bp

    app.register_blueprint(errors_bp)
    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(respondent_bp, url_prefix="/r")
    app.register_blueprint(planner_bp, url_prefix="/planlegger")
    app.register_blueprint(api_bp, url_prefix="/api")
    app.register_blueprint(review_bp, url_prefix="/planlegger/analyse")
    app.register_blueprint(builder_bp, url_prefix="/planlegger/skjema")
    app.register_blueprint(feedback_bp)
    app.register_blueprint(ideawall_bp)


def _init_jobs(app: Flask) -> None:
    from surveyapp.services.jobs import queue

    queue.init_app(app)


def _register_cli(app: Flask) -> None:
    from surveyapp.cli import register

    register(app)


class _NoQueryStrings(logging.Filter):
    """Werkzeug's access lines keep neither the client's address nor a query string.

    The address could tie an anonymous answer to a person, and a query string could carry a
    code or typed text. Production logs through gunicorn instead (see ``gunicorn.conf.py``).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not (isinstance(record.msg, str) and _ADDRESS.match(record.msg)):
            return True  # not about a request (start-up lines, for instance)
        record.msg = _ADDRESS.sub("- - - [", record.msg, count=1)
        if isinstance(record.args, tuple):
            record.args = tuple(_without_query(a) if isinstance(a, str) else a for a in record.args)
        return True


#: how werkzeug starts every line it logs: f"{address} - - [{date}] ..."
_ADDRESS = re.compile(r"\S+ - - \[")
#: the end of a request line: the protocol, perhaps followed by a terminal colour reset
_PROTOCOL = re.compile(r" HTTP/[\d.]+(\x1b\[0m)?$")


def _without_query(line: str) -> str:
    """``GET /r/abc?kode=1 HTTP/1.1`` as ``GET /r/abc HTTP/1.1``."""
    head, question_mark, rest = line.partition("?")
    if not question_mark:
        return line
    protocol = _PROTOCOL.search(rest)
    return head + (protocol.group() if protocol else "")


def _anonymous_access_logs() -> None:
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, _NoQueryStrings) for f in logger.filters):
        logger.addFilter(_NoQueryStrings())
