"""Load test: respondents against gunicorn on loopback, a crash mid-run, and a floor.

Run with ``make bench-load`` (sizes: ``RESPONDENTS=200 SECONDS=30``). Three phases, all on
127.0.0.1, each server a gunicorn with the same settings (``WORKERS`` x ``THREADS``, gthread)
in front of a fresh SQLite database (WAL, synchronous=FULL):

1. respondents: RESPONDENTS concurrent respondents answer the built-in questionnaire
   (``QUESTIONNAIRE``, default ``tjenester``) over and over, pausing ``THINK_MS`` (on average)
   between pages as people do. Halfway, gunicorn's master and workers get SIGKILL; it is
   started again and the respondents retry what failed, with the same form (same CSRF token,
   same idempotency key). Then the database is compared with the client's journal of
   acknowledged submissions: lost = acknowledged but not stored, duplicated = stored twice.
2. capacity: the same respondents without pauses, against the app: requests per second.
3. floor: the same client, without pauses, against a minimal WSGI app that stores one row per
   POST in the same kind of database: what the stack itself allows.

The last line is ``RESULT respondents=N submissions=N per_second=X floor_per_second=X
ratio=X p50_ms=X p95_ms=X errors=N lost=N duplicated=N``; p50/p95 are the latencies the
respondents saw in phase 1, per_second and the floor come from phases 2 and 3.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TAG = re.compile(r"<(input|textarea|form|button)\b([^>]*)>")
ATTR = re.compile(r'([\w-]+)(?:="([^"]*)")?')
COOKIE = re.compile(r"session=([^;]*)")
WORDS = (
    "barnehage skole helsestasjon samarbeid foreldre tid ressurser tidlig innsats møter "
    "ungdom fritid lavterskel tilbud ventetid oppfølging koordinator kartlegging"
).split()


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


RESPONDENTS = env_int("RESPONDENTS", 200)
SECONDS = env_int("SECONDS", 30)
THINK_MS = env_int("THINK_MS", 1000)
CAPACITY_SECONDS = env_int("CAPACITY_SECONDS", max(8, SECONDS // 3))
WORKERS = env_int("WORKERS", 2)
THREADS = env_int("THREADS", 8)
QUESTIONNAIRE = os.environ.get("QUESTIONNAIRE", "tjenester")


class Stats:
    """Latencies, errors and retries, shared by the client threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        #: (when the request was sent, how long the answer took)
        self.latencies: list[tuple[float, float]] = []
        self.errors: list[str] = []
        self.retries = 0
        self.requests = 0

    def ok(self, sent: float, seconds: float) -> None:
        with self.lock:
            self.latencies.append((sent, seconds))
            self.requests += 1

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
        self.cookie = ""
        self.conn: http.client.HTTPConnection | None = None
        self.give_up_at = give_up_at

    def request(self, method: str, path: str, fields: list | None = None):
        body = urlencode(fields).encode() if fields is not None else None
        headers = {"Cookie": f"session={self.cookie}"} if self.cookie else {}
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
        found = COOKIE.search(response.getheader("Set-Cookie") or "")
        if found:
            self.cookie = found.group(1)
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
                break
        else:
            stats.error(f"start {status}")
        if browser.conn:
            browser.conn.close()


def run_clients(
    port: int, slug: str, seconds: float, think_ms: int, journal: Journal, during=None
) -> tuple[Stats, float]:
    stats = Stats()
    started = time.monotonic()
    until = started + seconds
    threads = [
        threading.Thread(
            target=respondent, args=(port, slug, stats, journal, until, think_ms), daemon=True
        )
        for _ in range(RESPONDENTS)
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


class Server:
    """gunicorn on loopback in its own process group, so SIGKILL reaches every worker."""

    def __init__(self, app: str, port: int, env: dict, cwd: Path, ready_path: str) -> None:
        self.cmd = [
            str(BIN / "gunicorn"),
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
    org = organisations.create_organisation("Benkeby", ["Benkeby"])
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


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def compare(db_path: Path, journal: Journal) -> tuple[int, int, int]:
    """lost (acknowledged, not stored), duplicated (stored twice or never sent), stored."""
    with sqlite3.connect(db_path) as conn:
        keys = [k for (k,) in conn.execute("SELECT idempotency_key FROM response")]
    stored = set(keys)
    lost = len(set(journal.acked) - stored)
    duplicated = (len(keys) - len(stored)) + len(stored - journal.attempted)
    return lost, duplicated, len(keys)


def measured(server: Server, port: int, slug: str, journal: Journal) -> tuple[Stats, float]:
    """Run the respondents without pauses; print where the CPU time went."""
    server_cpu, client_cpu = server.cpu_seconds(), time.process_time()
    stats, elapsed = run_clients(port, slug, CAPACITY_SECONDS, 0, journal)
    server_cpu, client_cpu = server.cpu_seconds() - server_cpu, time.process_time() - client_cpu
    per_second = stats.requests / elapsed
    print(
        f"  {per_second:.0f} requests/s; CPU per request: server "
        f"{server_cpu / max(stats.requests, 1) * 1000:.2f} ms, client "
        f"{client_cpu / max(stats.requests, 1) * 1000:.2f} ms",
        flush=True,
    )
    return stats, per_second


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="innspill-bench-") as tmp:
        tmpdir = Path(tmp)
        app_db = tmpdir / "innspill.db"
        env = {
            **os.environ,
            "INNSPILL_CONFIG": "production",
            "SECRET_KEY": secrets.token_hex(32),
            "DATABASE_URL": f"sqlite:///{app_db}",
            "PUBLIC_BASE_URL": "http://127.0.0.1",
            "PYTHONUNBUFFERED": "1",
        }
        slug, pages = prepare_app_database(env)
        journal = Journal(tmpdir / "journal.txt")
        port = free_port()
        server = Server("wsgi:app", port, env, ROOT, "/helse")
        floor = None
        try:
            server.start()
            downtime = []

            def crash(until: float) -> None:
                time.sleep(max(0.0, (until - time.monotonic()) / 2))
                server.kill()
                killed = time.monotonic()
                server.start()
                downtime.append((killed, time.monotonic()))

            print(
                f"phase 1: {RESPONDENTS} respondents, {SECONDS} s, think {THINK_MS} ms, "
                f"SIGKILL halfway ({QUESTIONNAIRE}, {pages} pages)",
                flush=True,
            )
            respondents, _ = run_clients(port, slug, SECONDS, THINK_MS, journal, during=crash)
            seen = respondents.outside(downtime)
            print(
                f"  restarted in {downtime[0][1] - downtime[0][0]:.2f} s; {respondents.requests} requests, "
                f"{respondents.retries} retried after the crash, {len(journal.acked)} submissions",
                flush=True,
            )
            submissions = len(journal.acked)

            print(f"phase 2: capacity, no pauses, {CAPACITY_SECONDS} s", flush=True)
            capacity, per_second = measured(server, port, slug, journal)
            server.stop()
            lost, duplicated, stored = compare(app_db, journal)

            print(f"phase 3: floor, no pauses, {CAPACITY_SECONDS} s", flush=True)
            floor_db = tmpdir / "floor.db"
            with sqlite3.connect(floor_db) as conn:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("CREATE TABLE hit (id INTEGER PRIMARY KEY, path TEXT, body BLOB)")
            (tmpdir / "floor_app.py").write_text(FLOOR_APP)
            floor_env = {**env, "FLOOR_DB": str(floor_db), "FLOOR_PAGES": str(pages)}
            floor = Server("floor_app:app", port, floor_env, tmpdir, "/r/floor")
            floor.start()
            floor_journal = Journal(tmpdir / "floor-journal.txt")
            floor_stats, floor_per_second = measured(floor, port, "floor", floor_journal)
        finally:
            server.stop()
            if floor:
                floor.stop()

        errors = respondents.errors + capacity.errors
        for error in sorted(set(errors))[:10]:
            print(f"  error: {error} (x{errors.count(error)})")
        if floor_stats.errors:
            print(f"  floor errors: {len(floor_stats.errors)}")
        print(
            f"  stored {stored} responses for {len(journal.acked)} acknowledged submissions; "
            f"capacity p50 {percentile(capacity.outside([]), 50) * 1000:.0f} ms, "
            f"p95 {percentile(capacity.outside([]), 95) * 1000:.0f} ms; "
            f"{len(respondents.latencies) - len(seen)} requests sent while the server was "
            f"down are left out of p50/p95"
        )
        ratio = per_second / floor_per_second if floor_per_second else 0.0
        print(
            f"RESULT respondents={RESPONDENTS} submissions={submissions} "
            f"per_second={per_second:.1f} floor_per_second={floor_per_second:.1f} "
            f"ratio={ratio:.2f} p50_ms={percentile(seen, 50) * 1000:.0f} "
            f"p95_ms={percentile(seen, 95) * 1000:.0f} errors={len(errors)} "
            f"lost={lost} duplicated={duplicated}"
        )
        return 0 if not errors and not lost and not duplicated else 1


if __name__ == "__main__":
    sys.exit(main())
