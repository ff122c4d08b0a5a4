"""The Flask floor of ``make bench-load``: the least a Flask app on Innspill's stack does.

Flask, Flask-WTF's CSRF protection, one Jinja template and one SQLAlchemy ORM insert per
POST (Flask-SQLAlchemy, the app's versions), in front of the same kind of database (SQLite
in WAL with synchronous=FULL, or PostgreSQL). It answers the same URLs as Innspill's
respondent pages, so the benchmark's client walks it as it walks the app: front page,
start, ``FLOOR_PAGES`` pages (POST, 303, GET), receipt. What it costs is what the stack
itself costs; ``ratio_flask`` is the app's requests per second over this floor's.

Served by gunicorn as ``bench_floor_flask:app`` with ``FLOOR_DATABASE_URL`` and
``FLOOR_PAGES`` set (``scripts/bench_load.py`` does it).
"""

from __future__ import annotations

import os
import secrets

from flask import Flask, redirect, render_template, request
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from jinja2 import DictLoader
from sqlalchemy import LargeBinary, String, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

PAGE = """<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main>
{% if thanks %}<h1>Takk for svaret!</h1>
{% else %}
<h1>{{ title }}</h1>
<form method="post" action="{{ action }}" data-answer-form>
  <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
  {% if key %}<input type="hidden" name="idempotency_key" value="{{ key }}">{% endif %}
  {% for question in questions %}
  <fieldset><legend>{{ question }}</legend>
    {% for value in range(1, 6) %}
    <input type="radio" id="q-{{ loop.index }}-{{ value }}" name="q-{{ question|lower }}" value="{{ value }}">
    <label for="q-{{ loop.index }}-{{ value }}">{{ value }}</label>
    {% endfor %}
  </fieldset>
  {% endfor %}
  {% if key %}<textarea id="q-tekst" name="q-tekst"></textarea>{% endif %}
  <button type="submit" name="action" value="{{ button }}">Neste</button>
</form>
{% endif %}
</main></body></html>
"""


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Hit(db.Model):
    """One row per POST: the path and the posted body."""

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String(200))
    body: Mapped[bytes] = mapped_column(LargeBinary)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """The same SQLite settings as Innspill."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_hex(32),
        SQLALCHEMY_DATABASE_URI=os.environ["FLOOR_DATABASE_URL"],
    )
    app.jinja_loader = DictLoader({"page.html": PAGE})  # compiled once, like a template file
    db.init_app(app)
    CSRFProtect(app)
    pages = int(os.environ.get("FLOOR_PAGES", "3"))

    def draw(slug: str, number: int):
        return render_template(
            "page.html",
            title=f"Del {number}",
            thanks=False,
            action=f"/r/{slug}/del/{number}",
            key=secrets.token_hex(16),
            questions=["Rutiner", "Meldeplikt", "Tjenester"],
            button="send" if number >= pages else "next",
        )

    def store() -> None:
        db.session.add(Hit(path=request.path, body=request.get_data()))
        db.session.commit()

    @app.get("/r/<slug>")
    def front(slug: str):
        return render_template(
            "page.html", title="Velkommen", thanks=False, action=f"/r/{slug}/start", key=None,
            questions=[], button="next",
        )

    @app.post("/r/<slug>/start")
    def start(slug: str):
        store()
        return draw(slug, 1)

    @app.get("/r/<slug>/del/<int:number>")
    def page(slug: str, number: int):
        return draw(slug, number)

    @app.post("/r/<slug>/del/<int:number>")
    def save(slug: str, number: int):
        store()
        target = f"/r/{slug}/kvittering" if number >= pages else f"/r/{slug}/del/{number + 1}"
        return redirect(target, 303)

    @app.get("/r/<slug>/kvittering")
    def receipt(slug: str):
        return render_template("page.html", title="Takk", thanks=True)

    with app.app_context():
        db.create_all()
        db.engine.dispose()  # gunicorn forks its workers after this: no shared connections
    return app


app = create_app()
