"""Load test: respondents against gunicorn on loopback, a crash mid-run, two floors and a peer.

Run with ``make bench-load`` (sizes: ``RESPONDENTS=200 SECONDS=30 CLIENTS=50``). Everything
runs on 127.0.0.1, each server a gunicorn with the same settings (``gunicorn.conf.py``,
``WORKERS`` x ``THREADS`` gthread), once per database in ``BENCH_DB`` (default
``sqlite postgres``; PostgreSQL is the throw-away cluster of
``scripts/postgres-test-cluster.sh``, skipped with a note when it cannot start):

1. respondents: RESPONDENTS concurrent respondents answer the built-in questionnaire
   (``QUESTIONNAIRE``, default ``tjenester``) over and over, pausing ``THINK_MS`` (on average)
   between pages as people do. Halfway, gunicorn's master and workers get SIGKILL; it is
   started again and the respondents retry what failed, with the same form (same CSRF token,
   same idempotency key). Then the database is compared with the client's journal of
   acknowledged submissions: lost = acknowledged but not stored, duplicated = stored twice.
2. capacity, interleaved: CLIENTS clients without pauses, ``BURST_SECONDS`` against each
   server in turn, ``BURSTS`` times round: the app; the bare-WSGI floor (one sqlite3 row per
   POST); the Flask floor (``scripts/bench_floor_flask.py``: Flask-WTF CSRF, one Jinja
   template, one ORM insert per POST); and the peer, ``django-survey-and-report`` 1.5.0 with a
   survey of the same 12 questions (``scripts/bench_peer/``, installed into its own virtual
   environment under ``.bench/``, never into the app's). Interleaving gives each server the
   same share of whatever else the machine is doing.
3. SQL: one whole submission walked in process through the test client (CSRF on), after a
   first one warmed the caches, counting every statement sent to the database.

The last line is ``RESULT respondents=N per_second=X questionnaires_per_second=X
bare_floor_per_second=X flask_floor_per_second=X peer_questionnaires_per_second=X
ratio_flask=X ratio_peer=X sql_per_submission=X p50_ms=X p95_ms=X errors=N lost=N
duplicated=N`` for the first database; the others are printed just above it, each with its
database named. per_second and the floors count requests (phase 2); ratio_flask is the app's
requests/s over the Flask floor's; ratio_peer the app's whole questionnaires/s over the
peer's; p50/p95 are the latencies the respondents saw in phase 1.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PEER_DIR = ROOT / "scripts" / "bench_peer"
PEER_VENV = ROOT / ".bench" / "peer-venv"
TAG = re.compile(r"<(input|textarea|form|button)\b([^>]*)>")
ATTR = re.compile(r'([\w-]+)(?:="([^"]*)")?')
COOKIE = re.compile(r"(session|csrftoken|sessionid)=([^;]*)")
WORDS = (
    "barnehage skole helsestasjon samarbeid foreldre tid ressurser tidlig innsats møter "
    "ungdom fritid lavterskel tilbud ventetid oppfølging koordinator kartlegging"
).split()


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


RESPONDENTS = env_int("RESPONDENTS", 200)
SECONDS = env_int("SECONDS", 30)
THINK_MS = env_int("THINK_MS", 1000)
CLIENTS = env_int("CLIENTS", 50)
BURSTS = env_int("BURSTS", 3)
BURST_SECONDS = env_int("BURST_SECONDS", 5)
WORKERS = env_int("WORKERS", 2)
THREADS = env_int("THREADS", 8)
QUESTIONNAIRE = os.environ.get("QUESTIONNAIRE", "tjenester")
DATABASES = (os.environ.get("BENCH_DB") or "sqlite postgres").split()
#: the bench round's places: more than one, so the place question is asked (12 questions)
PLACES = ["Benkeby", "Nordby", "Sørby"]


class Stats:
    """Latencies, errors, retries and whole questionnaires, shared by the client threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        #: (when the request was sent, how long the answer took)
        self.latencies: list[tuple[float, float]] = []
        self.errors: list[str] = []
        self.retries = 0
        self.requests = 0
        self.completed = 0

    def ok(self, sent: float, seconds: float) -> None:
        with self.lock:
            self.latencies.append((sent, seconds))
            self.requests += 1

    def done(self) -> None:
        with self.lock:
            self.completed += 1

    def outside(self, windows: list[tuple[float, float]]) -> list[float]:
        """Latencies of requests not sent while the server was down."""
        return [s for t, s in self.latencies if not any(a <= t <= b for a, b in windows)]

    def error(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)
class Journal:
    """The client's record of submissions: attempted, and acknowledged by the server."""

    def __init__(self, path: Path) -> None:
        self.file = path.open("a", buffering=1)
        self.lock = threading.Lock()
        self.attempted: set[str] = set()
        self.acked: list[str] = []

    def write(self, kind: str, key: str) -> None:
        with self.lock:
            self.file.write(f"{kind} {key}\n")
            (self.attempted.add(key) if kind == "attempt" else self.acked.append(key))


class Browser:
    """One respondent's connection: keep-alive, the session cookie, retries on failure."""

    def __init__(self, port: int, stats: Stats, give_up_at: float) -> None:
        self.port = port
        self.stats = stats
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None
        self.give_up_at = give_up_at

    def request(self, method: str, path: str, fields: list | None = None):
        body = urlencode(fields).encode() if fields is not None else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        while True:
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                sent, started = time.monotonic(), time.perf_counter()
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode()
                self.stats.ok(sent, time.perf_counter() - started)
                break
            except (OSError, http.client.HTTPException):
                # the server went away (the crash): retry the same request, as a browser would
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                with self.stats.lock:
                    self.stats.retries += 1
                if time.monotonic() > self.give_up_at:
                    raise
                time.sleep(0.2 + random.random() * 0.3)
        for header, value in response.getheaders():
            found = COOKIE.match(value) if header.lower() == "set-cookie" else None
            if found:
                self.cookies[found.group(1)] = found.group(2)
        return response.status, response.getheader("Location"), text


def parse_form(html: str) -> tuple[str, list[tuple[str, str]], str]:
    """The answer form's action, its fields filled with plausible answers, and its button."""
    action, hidden, groups, texts, button = "", [], {}, [], "next"
    for tag, raw in TAG.findall(html):
        attrs = dict(ATTR.findall(raw))
        if tag == "form" and "data-answer-form" in raw:
            action = attrs["action"]
        elif (
            tag == "button"
            and attrs.get("name") == "action"
            and attrs.get("value") in ("next", "send")
        ):
            button = attrs["value"]
        elif tag == "textarea":
            texts.append(attrs["name"])
        elif tag == "input" and attrs.get("type") == "hidden":
            hidden.append((attrs["name"], attrs["value"]))
        elif tag == "input" and attrs.get("type") in ("radio", "checkbox"):
            groups.setdefault((attrs["type"], attrs["name"]), []).append(attrs["value"])
        elif tag == "input" and attrs.get("type") == "text":
            texts.append(attrs["name"])
    fields = list(hidden)
    for (kind, name), values in groups.items():
        chosen = (
            random.sample(values, k=min(len(values), 2))
            if kind == "checkbox"
            else [random.choice(values)]
        )
        fields.extend((name, v) for v in chosen)
    for name in texts:
        words = random.choices(WORDS, k=random.randint(5, 60))
        fields.append((name, " ".join(words).capitalize() + "."))
    fields.append(("action", button))
    return action, fields, button


def respondent(
    port: int, slug: str, stats: Stats, journal: Journal, until: float, think_ms: int
) -> None:
    """Answer the round again and again until ``until``; every page as a browser without JS."""

    def pause() -> None:
        if think_ms:
            time.sleep(random.uniform(0.5, 1.5) * think_ms / 1000)

    time.sleep(random.random() * max(think_ms, 100) / 1000)  # people do not all start at once
    while time.monotonic() < until:
        browser = Browser(port, stats, give_up_at=until + 60)
        status, _, html = browser.request("GET", f"/r/{slug}")
        token = re.search(r'name="csrf_token" value="([^"]+)"', html)
        if status != 200 or not token:
            stats.error(f"front page {status}")
            return
        pause()
        status, _, html = browser.request(
            "POST", f"/r/{slug}/start", [("csrf_token", token.group(1))]
        )
        while status == 200:
            action, fields, button = parse_form(html)
            key = dict(fields).get("idempotency_key", "")
            pause()
            if button == "send":
                journal.write("attempt", key)
            status, location, html = browser.request("POST", action, fields)
            if status != 303:
                stats.error(f"POST {action} {status}")
                break
            if button == "send":
                journal.write("ack", key)
            status, _, html = browser.request("GET", location)
            if button == "send":
                if status != 200 or "Takk" not in html:
                    stats.error(f"receipt {status}")
                else:
                    stats.done()
                break
        else:
            stats.error(f"start {status}")
        if browser.conn:
            browser.conn.close()



def peer_form(html: str) -> list[tuple[str, str]]:
    """The peer's one-page form filled like :func:`parse_form` fills the app's."""
    hidden, groups, texts = [], {}, []
    for tag, raw in TAG.findall(html):
        attrs = dict(ATTR.findall(raw))
        if tag == "input" and attrs.get("type") == "hidden":
            hidden.append((attrs["name"], attrs["value"]))
        elif tag == "input" and attrs.get("type") in ("radio", "checkbox"):
            groups.setdefault((attrs["type"], attrs["name"]), []).append(attrs["value"])
        elif tag == "textarea":
            texts.append(attrs["name"])
    fields = list(hidden)
    for (kind, name), values in groups.items():
        k = min(len(values), 2) if kind == "checkbox" else 1
        fields.extend((name, v) for v in random.sample(values, k=k))
    for name in texts:
        words = random.choices(WORDS, k=random.randint(5, 60))
        fields.append((name, " ".join(words).capitalize() + "."))
    return fields


def peer_respondent(
    port: int, survey: str, stats: Stats, journal: Journal, until: float, think_ms: int
) -> None:
    """Answer the peer's survey again and again: its page, the POST, its confirmation page."""
    while time.monotonic() < until:
        browser = Browser(port, stats, give_up_at=until + 60)
        status, _, html = browser.request("GET", f"/survey/{survey}/")
        if status != 200:
            stats.error(f"peer page {status}")
            return
        status, location, html = browser.request("POST", f"/survey/{survey}/", peer_form(html))
        if status != 302 or "/confirm/" not in (location or ""):
            stats.error(f"peer POST {status}")
            return
        status, _, html = browser.request("GET", location)
        if status != 200:
            stats.error(f"peer confirmation {status}")
            return
        stats.done()
        if browser.conn:
            browser.conn.close()


def run_clients(
    walker, port: int, slug: str, clients: int, seconds: float, think_ms: int, journal, during=None
) -> tuple[Stats, float]:
    stats = Stats()
    started = time.monotonic()
    until = started + seconds
    threads = [
        threading.Thread(
            target=walker, args=(port, slug, stats, journal, until, think_ms), daemon=True
        )
        for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    if during:
        during(until)
    for thread in threads:
        thread.join()
    return stats, time.monotonic() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ProcessGroup:
    """A child started in its own process group (``start_new_session``), so a signal reaches
    every process under it; subclasses set ``self.process``."""

    process: subprocess.Popen | None = None

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


class Server(ProcessGroup):
    """gunicorn on loopback in its own process group, so SIGKILL reaches every worker."""

    def __init__(
        self, app: str, port: int, env: dict, cwd: Path, ready_path: str, bin_dir: Path = BIN
    ) -> None:
        self.cmd = [
            str(bin_dir / "gunicorn"),
            # the production settings (access log included) for the app and the floor alike
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "-w",
            str(WORKERS),
            "-k",
            "gthread",
            "--threads",
            str(THREADS),
            "-b",
            f"127.0.0.1:{port}",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
            "--preload",
            app,
        ]
        self.port, self.env, self.cwd, self.ready_path = port, env, cwd, ready_path
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        """Start, and return once a request is answered."""
        started = time.monotonic()
        self.process = subprocess.Popen(
            self.cmd,
            cwd=self.cwd,
            env=self.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,  # the access lines
        )
        while time.monotonic() - started < 30:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", self.ready_path)
                if conn.getresponse().status == 200:
                    conn.close()
                    return
            except (OSError, http.client.HTTPException):
                time.sleep(0.05)
        raise RuntimeError(f"gunicorn did not start: {' '.join(self.cmd)}")

    def cpu_seconds(self) -> float:
        """CPU time used so far by gunicorn's master and workers (Linux /proc)."""
        total = 0.0
        for pid in self._pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def _pids(self) -> list[int]:
        if not self.process:
            return []
        pids = [self.process.pid]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return pids



FLOOR_APP = '''
"""The floor: the least a WSGI app can do per request, storing one row per POST."""
import os, secrets, sqlite3, threading

DB = os.environ["FLOOR_DB"]
PAGES = int(os.environ["FLOOR_PAGES"])
local = threading.local()


def connection():
    if not hasattr(local, "conn"):
        local.conn = sqlite3.connect(DB, timeout=10, isolation_level=None)
        local.conn.execute("PRAGMA journal_mode=WAL")
        local.conn.execute("PRAGMA synchronous=FULL")
    return local.conn


def form(action, last):
    button = "send" if last else "next"
    return (f'<form method="post" action="{action}" data-answer-form>'
            f'<input type="hidden" name="csrf_token" value="{secrets.token_hex(16)}">'
            f'<input type="hidden" name="idempotency_key" value="{secrets.token_hex(16)}">'
            '<input type="radio" id="q-a-0" name="q-a" value="1">'
            '<input type="radio" id="q-a-1" name="q-a" value="2">'
            '<textarea id="q-b" name="q-b"></textarea>'
            f'<button type="submit" name="action" value="{button}">Neste</button></form>')


def app(environ, start_response):
    path = environ["PATH_INFO"]
    parts = path.strip("/").split("/")
    headers = [("Content-Type", "text/html; charset=utf-8")]
    if environ["REQUEST_METHOD"] == "POST":
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        connection().execute("INSERT INTO hit (path, body) VALUES (?, ?)", (path, body))
        if parts[-1] == "start":
            page = form(f"/r/{parts[1]}/del/1", PAGES == 1)
        else:
            number = int(parts[-1])
            target = f"/r/{parts[1]}/kvittering" if number >= PAGES else f"/r/{parts[1]}/del/{number + 1}"
            start_response("303 See Other", [("Location", target), ("Content-Length", "0")])
            return [b""]
    elif parts[-1] == "kvittering":
        page = "<h1>Takk for svaret!</h1>"
    elif len(parts) == 2:
        page = (f'<form method="post" action="/r/{parts[1]}/start">'
                f'<input type="hidden" name="csrf_token" value="{secrets.token_hex(16)}"></form>')
    else:
        number = int(parts[-1])
        page = form(f"/r/{parts[1]}/del/{number}", number >= PAGES)
    data = page.encode()
    start_response("200 OK", headers + [("Content-Length", str(len(data)))])
    return [data]
'''


def prepare_app_database(env: dict) -> tuple[str, int]:
    """Migrate a fresh database and open a round of the questionnaire; returns its slug."""
    script = f"""
from datetime import timedelta
from flask_migrate import upgrade
from surveyapp import create_app
from surveyapp.extensions import db
from surveyapp.models import utcnow
from surveyapp.services import organisations, questionnaires
from surveyapp.services.questionnaires import definition_of
from surveyapp.services.rounds import RoundSettings, create_round
app = create_app()
with app.app_context():
    upgrade()
    org = organisations.create_organisation("Benkeby", {PLACES!r})
    version = questionnaires.latest_version({QUESTIONNAIRE!r})
    round_ = create_round(org, version, RoundSettings(title="Belastning", audience="open",
                          opens_at=utcnow() - timedelta(hours=1)))
    db.session.commit()
    print(round_.slug, len(definition_of(version).sections))
"""
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return out[-2], int(out[-1])


def count_sql(env: dict) -> int:
    """Statements one whole submission sends, walked in process (``--count-sql``)."""
    out = subprocess.run(
        [sys.executable, __file__, "--count-sql"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return int(out[-1])


def walk_in_process(slug: str) -> int:
    """Walk one submission through the test client twice; statements of the second walk."""
    from sqlalchemy import event
    from werkzeug.datastructures import MultiDict

    from surveyapp import create_app
    from surveyapp.extensions import db

    app = create_app()
    statements: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))

    def walk() -> None:
        client = app.test_client()
        html = client.get(f"/r/{slug}").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        page = client.post(f"/r/{slug}/start", data={"csrf_token": token})
        while page.status_code == 200 and "data-answer-form" in page.text:
            action, fields, _ = parse_form(page.text)
            posted = client.post(action, data=MultiDict(fields))
            assert posted.status_code == 303, posted.status_code
            page = client.get(posted.headers["Location"])
        assert "Takk" in page.text, page.status_code

    walk()
    statements.clear()
    walk()
    return len(statements)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def stored_keys(url: str) -> list[str]:
    """The idempotency keys of the responses in the app's database."""
    query = "SELECT idempotency_key FROM response"
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            return [k for (k,) in conn.execute(query)]
    import psycopg

    with psycopg.connect(url) as conn:
        return [k for (k,) in conn.execute(query)]


def compare(url: str, journal: Journal) -> tuple[int, int, int]:
    """lost (acknowledged, not stored), duplicated (stored twice or never sent), stored."""
    keys = stored_keys(url)
    stored = set(keys)
    lost = len(set(journal.acked) - stored)
    duplicated = (len(keys) - len(stored)) + len(stored - journal.attempted)
    return lost, duplicated, len(keys)


class Databases:
    """Fresh databases for one run: files in the run's folder, or on the PostgreSQL cluster."""

    def __init__(self, kind: str, folder: Path) -> None:
        self.kind, self.folder, self.made = kind, folder, []
        self.server = ""
        if kind == "postgres":
            self.server = subprocess.run(
                [str(ROOT / "scripts" / "postgres-test-cluster.sh")],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()

    def new(self, name: str) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.folder / name}.db"
        import psycopg

        database = f"bench_{name}_{os.getpid()}"
        with psycopg.connect(self.server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
            conn.execute(f'CREATE DATABASE "{database}"')
        self.made.append(database)
        parts = urlsplit(self.server)
        return parts._replace(path="/" + database).geturl()

    def drop(self) -> None:
        if not self.made:
            return
        import psycopg

        with psycopg.connect(self.server, autocommit=True) as conn:
            for database in self.made:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def peer_python() -> Path:
    """The peer's own virtual environment, made (or brought up to date) from its pins."""
    python = PEER_VENV / "bin" / "python"
    pins = (PEER_DIR / "requirements.txt").read_text()
    stamp = PEER_VENV / ".pins"
    if not python.exists() or not stamp.exists() or stamp.read_text() != pins:
        print(f"  installing the peer into {PEER_VENV} ...", flush=True)
        shutil.rmtree(PEER_VENV, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "-r", str(PEER_DIR / "requirements.txt")],
            check=True,
        )
        stamp.write_text(pins)
    return python


def prepare_peer(env: dict) -> str:
    """Migrate the peer's database and create its survey; returns the survey's id."""
    python = peer_python()
    manage = [str(python), "manage.py"]
    subprocess.run(manage + ["migrate", "-v0"], cwd=PEER_DIR, env=env, check=True)
    out = subprocess.run(
        manage + ["make_survey"], cwd=PEER_DIR, env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.split()[-1]


@dataclass
class Target:
    """One server of the capacity phase and what its clients did there."""

    name: str
    server: Server
    port: int
    walker: object
    path: str
    requests: int = 0
    completed: int = 0
    seconds: float = 0.0
    errors: int = 0

    def burst(self, journal: Journal) -> Stats:
        stats, elapsed = run_clients(
            self.walker, self.port, self.path, CLIENTS, BURST_SECONDS, 0, journal
        )
        self.requests += stats.requests
        self.completed += stats.completed
        self.seconds += elapsed
        self.errors += len(stats.errors)
        return stats

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def completed_per_second(self) -> float:
        return self.completed / self.seconds if self.seconds else 0.0


def run(kind: str, tmpdir: Path) -> tuple[str, bool]:
    """The whole benchmark on one kind of database; its RESULT fields and whether it passed."""
    databases = Databases(kind, tmpdir)
    app_url = databases.new("app")
    env = {
        **os.environ,
        "INNSPILL_CONFIG": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": app_url,
        "PUBLIC_BASE_URL": "http://127.0.0.1",
        "PYTHONUNBUFFERED": "1",
    }
    servers: list[Server] = []
    try:
        slug, pages = prepare_app_database(env)
        journal = Journal(tmpdir / f"journal-{kind}.txt")
        port = free_port()
        server = Server("wsgi:app", port, env, ROOT, "/helse")
        servers.append(server)
        server.start()
        downtime = []

        def crash(until: float) -> None:
            time.sleep(max(0.0, (until - time.monotonic()) / 2))
            server.kill()
            killed = time.monotonic()
            server.start()
            downtime.append((killed, time.monotonic()))

        print(
            f"[{kind}] phase 1: {RESPONDENTS} respondents, {SECONDS} s, think {THINK_MS} ms, "
            f"SIGKILL halfway ({QUESTIONNAIRE}, {pages} pages)",
            flush=True,
        )
        respondents, _ = run_clients(
            respondent, port, slug, RESPONDENTS, SECONDS, THINK_MS, journal, during=crash
        )
        seen = respondents.outside(downtime)
        print(
            f"  restarted in {downtime[0][1] - downtime[0][0]:.2f} s; {respondents.requests} "
            f"requests, {respondents.retries} retried after the crash, "
            f"{len(journal.acked)} submissions",
            flush=True,
        )

        floor_db = tmpdir / f"floor-{kind}.db"
        with sqlite3.connect(floor_db) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("CREATE TABLE hit (id INTEGER PRIMARY KEY, path TEXT, body BLOB)")
        (tmpdir / "floor_app.py").write_text(FLOOR_APP)
        floor_env = {**env, "FLOOR_DB": str(floor_db), "FLOOR_PAGES": str(pages)}
        flask_url = databases.new("flask")
        flask_env = {
            **env,
            "FLOOR_DATABASE_URL": flask_url.replace("postgresql://", "postgresql+psycopg://"),
            "FLOOR_PAGES": str(pages),
        }
        peer_env = {**env, "PEER_DATABASE_URL": databases.new("peer"), "PEER_SECRET_KEY": secrets.token_hex(32)}
        survey = prepare_peer(peer_env)
        targets = [Target("app", server, port, respondent, slug)]
        for name, app, target_env, cwd, ready, walker, path, bin_dir in (
            ("bare floor", "floor_app:app", floor_env, tmpdir, "/r/floor", respondent, "floor", BIN),
            ("Flask floor", "bench_floor_flask:app", flask_env, ROOT / "scripts", "/r/floor",
             respondent, "floor", BIN),
            ("peer", "peer.wsgi:application", peer_env, PEER_DIR, f"/survey/{survey}/",
             peer_respondent, survey, PEER_VENV / "bin"),
        ):
            other = Server(app, free_port(), target_env, cwd, ready, bin_dir)
            servers.append(other)
            other.start()
            targets.append(Target(name, other, other.port, walker, path))

        print(
            f"[{kind}] phase 2: capacity, {CLIENTS} clients without pauses, {BURSTS} x "
            f"{BURST_SECONDS} s on each server in turn",
            flush=True,
        )
        capacity = Stats()
        scratch = Journal(tmpdir / f"scratch-{kind}.txt")
        for _ in range(BURSTS):
            for target in targets:
                stats = target.burst(journal if target.name == "app" else scratch)
                if target.name == "app":
                    capacity.latencies += stats.latencies
                    capacity.errors += stats.errors
        for target in targets:
            print(
                f"  {target.name}: {target.per_second:.0f} requests/s, "
                f"{target.completed_per_second:.1f} whole questionnaires/s, "
                f"{target.errors} errors",
                flush=True,
            )
        for other in servers:
            other.stop()
        lost, duplicated, stored = compare(app_url, journal)
        sql = count_sql({**env, "DATABASE_URL": databases.new("count")})
    finally:
        for other in servers:
            other.stop()
        databases.drop()

    errors = respondents.errors + capacity.errors
    for error in sorted(set(errors))[:10]:
        print(f"  error: {error} (x{errors.count(error)})")
    print(
        f"  stored {stored} responses for {len(journal.acked)} acknowledged submissions; "
        f"capacity p50 {percentile(capacity.outside([]), 50) * 1000:.0f} ms, "
        f"p95 {percentile(capacity.outside([]), 95) * 1000:.0f} ms; "
        f"{len(respondents.latencies) - len(seen)} requests sent while the server was "
        f"down are left out of p50/p95",
        flush=True,
    )
    app_, bare, flask_, peer = targets
    fields = (
        f"respondents={RESPONDENTS} per_second={app_.per_second:.1f} "
        f"questionnaires_per_second={app_.completed_per_second:.1f} "
        f"bare_floor_per_second={bare.per_second:.1f} "
        f"flask_floor_per_second={flask_.per_second:.1f} "
        f"peer_questionnaires_per_second={peer.completed_per_second:.1f} "
        f"ratio_flask={app_.per_second / max(flask_.per_second, 1e-9):.2f} "
        f"ratio_peer={app_.completed_per_second / max(peer.completed_per_second, 1e-9):.2f} "
        f"sql_per_submission={sql} p50_ms={percentile(seen, 50) * 1000:.0f} "
        f"p95_ms={percentile(seen, 95) * 1000:.0f} errors={len(errors)} "
        f"lost={lost} duplicated={duplicated}"
    )
    print(f"[{kind}] {fields}", flush=True)
    return fields, not errors and not lost and not duplicated


def main() -> int:
    if sys.argv[1:] == ["--count-sql"]:
        slug, _ = prepare_app_database(dict(os.environ))
        print(walk_in_process(slug))
        return 0
    results: list[tuple[str, str, bool]] = []
    with tempfile.TemporaryDirectory(prefix="innspill-bench-") as tmp:
        for kind in DATABASES:
            try:
                fields, passed = run(kind, Path(tmp))
            except subprocess.CalledProcessError as e:
                if kind != "postgres":
                    raise
                print(f"[postgres] skipped: the cluster did not start ({e})", flush=True)
                continue
            results.append((kind, fields, passed))
    for kind, fields, _ in results[1:]:
        print(f"RESULT-{kind} {fields}")
    print(f"RESULT {results[0][1]}")
    return 0 if all(passed for _, _, passed in results) else 1


if __name__ == "__main__":
    sys.exit(main())
