"""Load test of the idea wall: many phones voting as fast as they can against gunicorn.

    make bench-ideawall                       # 50 participants for 60 seconds
    PARTICIPANTS=20 SECONDS=10 make bench-ideawall

What it does:

1. builds a fresh SQLite database in a temporary folder with the real migrations, and opens
   a wall with ``STATEMENTS`` approved statements (default 1,500: at 500 votes/s, 50 phones
   would vote on all of 400 within the minute, and a phone that has run out stops early);
2. starts gunicorn (``WORKERS`` x ``THREADS``, default 2 x 8) on 127.0.0.1 at a free port;
3. runs ``PARTICIPANTS`` threads, each a phone with its own cookies and keep-alive
   connection: it joins like a browser (page, CSRF token, "Bli med") and then votes on the
   statement the server offers next, again and again, until ``SECONDS`` have passed or it
   has voted on everything. Each acknowledged vote (HTTP 200) goes into a journal;
4. at the end every phone re-sends its first vote once: the server must refuse it (409);
5. compares the journal with the database: a vote acknowledged but missing (or different) is
   *lost*; a second row for the same phone and statement, or a re-sent vote that was
   accepted, is *double counted*. Anything but 200 (and the expected 409s) is an *error*.

It ends with one line::

    RESULT participants=N votes=N per_second=X p95_ms=X errors=N lost=N double_counted=N

Only 127.0.0.1 is contacted. gunicorn is stopped and the folder removed, also on Ctrl-C.
"""

from __future__ import annotations

import hashlib
import http.client
import json
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
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
NEXT_ID = re.compile(r'name="statement_id" value="(\d+)"')
VOTES = ("enig", "uenig", "vet_ikke")
VALUES = {"enig": 1, "uenig": -1, "vet_ikke": 0}
#: what a failed request can raise; each counts as an error
FAILURES = (OSError, http.client.HTTPException, ValueError, AttributeError, RuntimeError)


def setting(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    return int(raw) if raw.strip() else default


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env: dict[str, str], statements: int) -> str:
    """Migrate a fresh database and open a wall with ``statements`` statements; its join code."""
    subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    seed = (
        "import sys\n"
        "from surveyapp import create_app\n"
        "from surveyapp.extensions import db\n"
        "from surveyapp.services import ideawall, organisations\n"
        "app = create_app()\n"
        "with app.app_context():\n"
        "    org = organisations.create_organisation('Benkeby', [])\n"
        "    wall = ideawall.create_wall(org, 'Last', ['Hva er viktigst?'], moderated=False)\n"
        f"    for i in range({statements}):\n"
        "        ideawall.add_statement(wall, f'Forslag nummer {i} om fritid, skole og helse')\n"
        "    db.session.commit()\n"
        "    print(wall.join_code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", seed], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout.strip().splitlines()[-1]


def start_gunicorn(env: dict[str, str], port: int, workers: int, threads: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--timeout",
            "60",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,  # the access lines (gunicorn.conf.py)
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/helse")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
        if process.poll() is not None:
            raise RuntimeError("gunicorn did not start")
    raise RuntimeError("gunicorn did not answer within 30 seconds")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@dataclass
class Phone:
    """One participant: cookies, a keep-alive connection, and what it saw."""

    port: int
    code: str
    rng: random.Random
    cookies: dict[str, str] = field(default_factory=dict)
    journal: list[tuple[int, int]] = field(default_factory=list)  # (statement, value) acknowledged
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    refused_repeats: int = 0
    ran_out: bool = False
    accepted_repeats: int = 0
    connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: dict | None = None, json_reply=False):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if json_reply:
            headers["Accept"] = "application/json"
        for attempt in (1, 2):  # a keep-alive connection the server closed is reopened once
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                self.connection = None
                if attempt == 2 or method == "POST":
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text

    def join(self) -> int | None:
        """Join like a browser; the id of the first statement to vote on."""
        status, page = self.request("GET", f"/v/{self.code}")
        status, _ = self.request(
            "POST", f"/v/{self.code}/bli-med", {"csrf_token": CSRF.search(page).group(1)}
        )
        if status != 303:
            raise RuntimeError(f"join answered {status}")
        status, page = self.request("GET", f"/v/{self.code}")
        self.token = CSRF.search(page).group(1)
        found = NEXT_ID.search(page)
        return int(found.group(1)) if found else None

    def vote(self, statement: int, choice: str) -> tuple[int, dict | None]:
        body = {"csrf_token": self.token, "statement_id": statement, "vote": choice}
        started = time.perf_counter()
        status, text = self.request("POST", f"/v/{self.code}/stem", body, json_reply=True)
        self.latencies.append(time.perf_counter() - started)
        return status, json.loads(text) if text.startswith("{") else None

    def run(self, start: threading.Event, deadline_box: list[float]) -> None:
        try:
            statement = self.join()
        except FAILURES:
            self.errors += 1
            return
        start.wait()
        while statement is not None and time.monotonic() < deadline_box[0]:
            choice = self.rng.choice(VOTES)
            try:
                status, data = self.vote(statement, choice)
            except FAILURES:
                self.errors += 1
                break
            if status != 200 or data is None:
                self.errors += 1
                break
            self.journal.append((statement, VALUES[choice]))
            statement = data["next"]["id"] if data["next"] else None
        self.ran_out = statement is None

    def repeat_first_vote(self) -> None:
        if not self.journal:
            return
        # The phone has been idle while the others finished, and gunicorn closes idle
        # keep-alive connections: come back on a new one, as a browser would.
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        try:
            status, _ = self.vote(self.journal[0][0], "uenig")
        except FAILURES:
            self.errors += 1
            return
        if status == 409:
            self.refused_repeats += 1
        elif status == 200:
            self.accepted_repeats += 1
        else:
            self.errors += 1


def check(database: Path, phones: list[Phone]) -> tuple[int, int]:
    """(lost, double counted) after comparing the journal with the database."""
    with sqlite3.connect(database) as conn:
        stored = conn.execute(
            "SELECT p.key_hash, v.statement_id, v.value FROM idea_vote v "
            "JOIN idea_participant p ON p.id = v.participant_id"
        ).fetchall()
    rows: dict[tuple[str, int], list[int]] = {}
    for key_hash, statement, value in stored:
        rows.setdefault((key_hash, statement), []).append(value)
    lost = double = 0
    for phone in phones:
        key_hash = hashlib.sha256(phone.cookies.get("idevegg", "").encode()).hexdigest()
        for statement, value in phone.journal:
            if rows.get((key_hash, statement)) != [value]:
                lost += 1
        double += phone.accepted_repeats
    double += sum(len(values) - 1 for values in rows.values())
    return lost, double


def main() -> int:
    participants = setting("PARTICIPANTS", 50)
    seconds = setting("SECONDS", 60)
    statements = setting("STATEMENTS", 1500)
    workers, threads = setting("WORKERS", 2), setting("THREADS", 8)
    folder = Path(
        tempfile.mkdtemp(prefix="bench-ideawall-", dir=os.environ.get("BENCH_DIR") or None)
    )
    database = folder / "bench.db"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": secrets.token_hex(32),
        "INNSPILL_CONFIG": "production",
        "PUBLIC_BASE_URL": "http://127.0.0.1",
    }
    port = free_port()
    server = None
    try:
        print(f"Preparing {statements} statements in {database} ...", flush=True)
        code = prepare(env, statements)
        server = start_gunicorn(env, port, workers, threads)
        print(
            f"gunicorn {workers}x{threads} on 127.0.0.1:{port}, {os.cpu_count()} CPU(s); "
            f"{participants} participants for {seconds} s ...",
            flush=True,
        )
        phones = [Phone(port, code, random.Random(i)) for i in range(participants)]
        start, deadline = threading.Event(), [float("inf")]
        workers_ = [threading.Thread(target=p.run, args=(start, deadline)) for p in phones]
        for w in workers_:
            w.start()
        time.sleep(0.5)
        began = time.monotonic()
        deadline[0] = began + seconds
        start.set()
        for w in workers_:
            w.join()
        elapsed = time.monotonic() - began
        repeats = [threading.Thread(target=p.repeat_first_vote) for p in phones]
        for r in repeats:
            r.start()
        for r in repeats:
            r.join()
        lost, double = check(database, phones)
    finally:
        if server is not None:
            stop(server)
        for path in sorted(folder.glob("*")):
            path.unlink()
        folder.rmdir()

    votes = sum(len(p.journal) for p in phones)
    latencies = sorted(t for p in phones for t in p.latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000 if latencies else 0.0
    errors = sum(p.errors for p in phones)
    refused = sum(p.refused_repeats for p in phones)
    print(f"re-sent votes refused with 409: {refused} of {len(phones)}")
    per_phone = sorted(len(p.journal) for p in phones) or [0]
    print(
        f"votes per phone: min {per_phone[0]}, median {per_phone[len(per_phone) // 2]}, "
        f"max {per_phone[-1]} (an uneven spread means the workers got uneven shares of the "
        "phones' keep-alive connections)"
    )
    ran_out = sum(p.ran_out for p in phones)
    if ran_out:
        print(f"WARNING: {ran_out} phones ran out of statements before the end: raise STATEMENTS")
    print(
        f"RESULT participants={participants} votes={votes} per_second={votes / elapsed:.1f} "
        f"p95_ms={p95:.1f} errors={errors} lost={lost} double_counted={double}"
    )
    return 0 if errors == lost == double == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
