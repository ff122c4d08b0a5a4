"""Scale test: two app instances, one PostgreSQL, Redis and two workers, with kills mid-run.

Run with ``make bench-scale`` (sizes: ``RESPONDENTS=40 SECONDS=60``). Everything runs on
127.0.0.1:

* PostgreSQL: a fresh database on the throw-away cluster of
  ``scripts/postgres-test-cluster.sh``, migrated, with the demo workspace (``flask demo``:
  one organisation, its planner, four rounds and about 600 responses);
* a private ``redis-server`` (Debian's) on a free port, without persistence;
* two gunicorn instances of the app (``scripts/bench_load.py``'s :class:`Server`) on two
  ports with the same ``DATABASE_URL``, ``REDIS_URL``, ``SECRET_KEY`` and a shared
  ``INNSPILL_SHARED_DIR``; and two workers (``flask --app wsgi worker``), one thread each.

For ``SECONDS``, half of ``RESPONDENTS`` answer the staff round through each instance
(``bench_load.respondent``: every page as a browser without JavaScript, retrying the same
form after a failure), and one planner per instance, signed in with CSRF on, keeps
analyses going: a new guided run, or an update of one of its finished runs with the late
answers, started again whenever the organisation's limit of two at once says wait. A third
of the way in, the worker that holds a running job (read from its log and the ``job``
table) and the second instance get SIGKILL; the instance starts again after
``APP_DOWN_SECONDS`` and the worker after the job's heartbeat has gone stale
(``JOB_STALE_SECONDS``, set low here), so the new worker's recovery retries the job. When
that retry runs, its worker is killed too: the job has no attempts left and must end
failed, with the message the planner's progress page shows.

Then it waits (at most ``DRAIN_SECONDS``) until no job is queued or running and counts in
the database: submissions acknowledged to the clients and stored (lost, duplicated); jobs,
jobs failed with a message the planner sees, jobs still queued or running (stuck); and
themes stored twice (a run's theme with the same engine key twice, an answer twice in a
run, or an answer with two main themes). The last line is ``RESULT instances=2 workers=2
submissions=N lost=N duplicated=N jobs=N jobs_failed_cleanly=N jobs_stuck=N
themes_duplicated=N``. Every process and temporary folder is removed at the end, also
after an error or Ctrl-C.
"""

from __future__ import annotations

import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from bench_load import BIN, ROOT, Browser, Databases, Journal, ProcessGroup, Server, Stats, free_port
from bench_load import env_int, respondent, run_clients, stored_keys


RESPONDENTS = env_int("RESPONDENTS", 40)
SECONDS = env_int("SECONDS", 60)
THINK_MS = env_int("THINK_MS", 1000)
DRAIN_SECONDS = env_int("DRAIN_SECONDS", 150)
APP_DOWN_SECONDS = env_int("APP_DOWN_SECONDS", 3)
HEARTBEAT_SECONDS = env_int("JOB_HEARTBEAT_SECONDS", 2)
STALE_SECONDS = env_int("JOB_STALE_SECONDS", 8)
#: the demo's planner, the round respondents answer and the question analysed
PLANNER = ("kari@midtdalen.example", "innspill-demo")
QUESTIONNAIRE = "tjenester"
QUESTION = "hindrer_tidlig_innsats"
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
EXECUTING = re.compile(r"Executing \S*innspill\.job: (job-(\d+)-\d+)")
EXECUTED = re.compile(r"innspill\.job: (job-\d+-\d+) executed in")
#: the app's "wait": two analyses running in the organisation, or this one already
FULL = "kjører allerede"


def say(text: str) -> None:
    print(text, flush=True)


def flask(env: dict, *args: str) -> str:
    """A ``flask --app wsgi`` command's standard output (it must succeed)."""
    return subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", *args],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout


class Redis:
    """A private redis-server on a free loopback port, without persistence."""

    def __init__(self, binary: str, folder: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Worker(ProcessGroup):
    """``flask --app wsgi worker`` in its own process group, each start with its own log."""

    def __init__(self, name: str, env: dict, folder: Path) -> None:
        self.name, self.env, self.folder = name, env, folder
        self.starts = 0
        self.process: subprocess.Popen | None = None
        self.log_path: Path | None = None

    def start(self) -> None:
        self.starts += 1
        self.log_path = self.folder / f"{self.name}-{self.starts}.log"
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [str(BIN / "flask"), "--app", "wsgi", "worker", "--workers", "1"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def running(self) -> set[int]:
        """Job ids this process started and has not finished (from Huey's log lines)."""
        text = self.log_path.read_text() if self.log_path else ""
        done = set(EXECUTED.findall(text))
        return {int(job) for task, job in EXECUTING.findall(text) if task not in done}


def query(url: str, sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return list(conn.execute(sql))


def csrf(html: str) -> str:
    found = CSRF.search(html)
    if not found:
        raise RuntimeError("no CSRF token on the page")
    return found.group(1)


def path_of(location: str | None) -> str:
    parts = urlsplit(location or "/")
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Planner:
    """A signed-in planner on one instance who keeps analyses going until ``stop``."""

    def __init__(self, port: int, round_id: int, number: int, give_up_at: float) -> None:
        self.browser = Browser(port, Stats(), give_up_at)
        self.round_id, self.number = round_id, number
        self.started = Counter()  # "new" / "update" -> jobs the app accepted
        self.waited = Counter()  # answers "two are running already, wait", per kind
        self.errors: list[str] = []
        self.runs: list[int] = []

    def sign_in(self) -> None:
        _, _, html = self.browser.request("GET", "/auth/logg-inn")
        status, _, _ = self.browser.request(
            "POST", "/auth/logg-inn",
            [("csrf_token", csrf(html)), ("email", PLANNER[0]), ("password", PLANNER[1])],
        )
        if status != 302:
            raise RuntimeError(f"planner sign-in answered {status}")

    def new_run(self) -> None:
        _, _, html = self.browser.request("GET", "/planlegger/analyse/ny")
        status, location, html = self.browser.request(
            "POST", "/planlegger/analyse/ny",
            [("csrf_token", csrf(html)), ("rounds", str(self.round_id)), ("questions", QUESTION),
             ("mode", "guided"), ("codebook", "builtin:15-1"), ("source_run", "0"),
             ("random_state", str(self.number * 1000 + sum(self.started.values()))),
             ("title", "")],
        )
        found = re.search(r"/planlegger/analyse/(\d+)$", path_of(location))
        if status == 302 and found:
            self.runs.append(int(found.group(1)))
            self.started["new"] += 1
        elif status == 200 and FULL in html:
            self.waited["new"] += 1
        else:
            self.errors.append(f"new run {status}")

    def update(self, run_id: int) -> None:
        page = f"/planlegger/analyse/{run_id}"
        _, _, html = self.browser.request("GET", page)
        status, location, _ = self.browser.request(
            "POST", f"{page}/oppdater", [("csrf_token", csrf(html))]
        )
        if status != 302:
            self.errors.append(f"update {status}")
            return
        _, _, html = self.browser.request("GET", path_of(location))
        if FULL in html:
            self.waited["update"] += 1
        else:
            self.started["update"] += 1

    def finished_run(self) -> int | None:
        for run_id in random.sample(self.runs, len(self.runs)):
            _, _, text = self.browser.request("GET", f"/planlegger/analyse/{run_id}/status.json")
            if json.loads(text).get("status") == "done":
                return run_id
        return None

    def work(self, stop: threading.Event) -> None:
        try:
            self.sign_in()
            turn = 0
            while not stop.is_set():
                turn += 1
                done = self.finished_run() if turn % 2 == 0 else None
                if done is not None:
                    self.update(done)
                else:
                    self.new_run()
                stop.wait(1.0)
        except Exception as e:  # noqa: BLE001 - reported with the results, never hidden
            self.errors.append(f"planner stopped: {e!r}")


def wait_for_held_job(
    url: str, workers: list[Worker], seconds: float, only: int | None = None
) -> tuple[Worker, int | None]:
    """The worker that runs a job (job ``only``, if given) that the ``job`` table has as
    running; the first worker and None when there is none within ``seconds``."""
    deadline = time.monotonic() + seconds
    sql = "SELECT id FROM job WHERE state = 'running'"
    if only is not None:
        sql += f" AND id = {int(only)}"
    while time.monotonic() < deadline:
        running = {job for (job,) in query(url, sql)}
        for worker in workers:
            held = worker.running() & running
            if held:
                return worker, min(held)
        time.sleep(0.2)
    return workers[0], None


def kill_and_restart(
    worker: Worker, job: int | None, started: float, server: Server | None = None
) -> float:
    """SIGKILL ``worker`` (and ``server``); the server starts again after APP_DOWN_SECONDS,
    the worker once the job's heartbeat is stale, so its recovery at start acts on the job."""
    worker.kill()
    killed = time.monotonic()
    if server is not None:
        server.kill()
    held = f"running job {job}" if job else "no job running"
    say(f"  t={killed - started:.0f} s: SIGKILL {worker.name} ({held})"
        + (" and instance 2" if server else ""))
    if server is not None:
        time.sleep(APP_DOWN_SECONDS)
        server.start()
        say(f"  instance 2 up again after {time.monotonic() - killed:.1f} s")
    time.sleep(max(0.0, killed + STALE_SECONDS + 2 - time.monotonic()))
    worker.start()
    say(f"  {worker.name} started again after {time.monotonic() - killed:.1f} s")
    return killed


def counts(url: str, journal: Journal, before: set[str]) -> dict[str, int]:
    """What the database holds at the end, against the client's journal."""
    keys = [k for k in stored_keys(url) if k not in before]
    stored = set(keys)
    jobs = dict(query(url, "SELECT state, count(*) FROM job GROUP BY state"))
    failed_without_message = query(
        url, "SELECT count(*) FROM job WHERE state = 'failed' AND coalesce(message, '') = ''"
    )[0][0]
    twice = """SELECT coalesce(sum(n - 1), 0) FROM
               (SELECT count(*) AS n FROM {table} {where} GROUP BY {key} HAVING count(*) > 1) t"""
    themes = sum(
        query(url, twice.format(table=table, where=where, key=key))[0][0]
        for table, where, key in (
            ("analysis_theme", "WHERE engine_key IS NOT NULL", "run_id, engine_key"),
            ("analysis_item", "", "run_id, answer_id"),
            ("theme_assignment", 'WHERE "primary"', "item_id"),
        )
    )
    return {
        "submissions": len(journal.acked),
        "stored": len(keys),
        "lost": len(set(journal.acked) - stored),
        "duplicated": (len(keys) - len(stored)) + len(stored - journal.attempted),
        "jobs": sum(jobs.values()),
        "jobs_done": jobs.get("done", 0),
        "jobs_failed_cleanly": jobs.get("failed", 0) - failed_without_message,
        "jobs_failed_silently": failed_without_message,
        "jobs_stuck": jobs.get("queued", 0) + jobs.get("running", 0),
        "runs_unfinished": query(
            url, "SELECT count(*) FROM analysis_run WHERE status IN ('queued', 'running')"
        )[0][0],
        "themes_duplicated": int(themes),
    }


def prepare(env: dict) -> tuple[int, str]:
    """Migrate, load the demo workspace and read the meaning of the staff round's answers
    (once, so that each analysis takes seconds, not the first run's embedding); the
    round's id and slug."""
    flask(env, "db", "upgrade")
    flask(env, "demo")
    rounds = json.loads(flask(env, "rounds", "list", "--json"))
    staff = next(r for r in rounds if r["questionnaire"] == QUESTIONNAIRE)
    flask(env, "embed", "--round", str(staff["id"]))
    return staff["id"], urlsplit(staff["url"]).path.rstrip("/").split("/")[-1]


def run(tmp: Path) -> int:
    binary = shutil.which("redis-server")
    if binary is None:
        say("bench-scale needs Debian's redis-server: run scripts/debian-packages.sh test")
        return 2
    databases = Databases("postgres", tmp)
    redis: Redis | None = None
    servers: list[Server] = []
    workers: list[Worker] = []
    try:
        url = databases.new("scale")
        redis = Redis(binary, tmp)
        shared = tmp / "shared"
        shared.mkdir()
        env = {
            **os.environ,
            "INNSPILL_CONFIG": "production",
            "SECRET_KEY": secrets.token_hex(32),
            "DATABASE_URL": url,
            "REDIS_URL": redis.url,
            "INNSPILL_SHARED_DIR": str(shared),
            "PUBLIC_BASE_URL": "http://127.0.0.1",
            "JOB_HEARTBEAT_SECONDS": str(HEARTBEAT_SECONDS),
            "JOB_STALE_SECONDS": str(STALE_SECONDS),
            # analyses see the answers sent during the run (a snapshot per start, not per hour)
            "SNAPSHOT_INTERVAL": "0",
            "PYTHONUNBUFFERED": "1",
        }
        round_id, slug = prepare(env)
        before = set(stored_keys(url))
        servers = [Server("wsgi:app", free_port(), env, ROOT, "/helse") for _ in range(2)]
        workers = [Worker(f"worker{i + 1}", env, tmp) for i in range(2)]
        for process in (*servers, *workers):
            process.start()
        say(
            f"2 instances (ports {servers[0].port}, {servers[1].port}), 2 workers, Redis "
            f"{redis.port}, PostgreSQL {urlsplit(url).path[1:]}; {len(before)} demo responses"
        )
        say(
            f"{RESPONDENTS} respondents and 2 planners for {SECONDS} s; SIGKILL of a busy "
            f"worker and of instance 2 after {SECONDS // 3} s, then of the worker that retries "
            f"the job (jobs stale after {STALE_SECONDS} s)"
        )
        journal = Journal(tmp / "journal.txt")
        stop = threading.Event()
        started = time.monotonic()
        give_up_at = started + SECONDS + 60
        planners = [Planner(s.port, round_id, i, give_up_at) for i, s in enumerate(servers)]
        results: list[Stats] = []
        threads = [threading.Thread(target=p.work, args=(stop,), daemon=True) for p in planners]
        threads += [
            threading.Thread(
                target=lambda port, n: results.append(
                    run_clients(respondent, port, slug, n, SECONDS, THINK_MS, journal)[0]
                ),
                args=(server.port, RESPONDENTS // 2 + (RESPONDENTS % 2 if i == 0 else 0)),
                daemon=True,
            )
            for i, server in enumerate(servers)
        ]
        for thread in threads:
            thread.start()

        time.sleep(max(0.0, started + SECONDS / 3 - time.monotonic()))
        victim, job = wait_for_held_job(url, workers, SECONDS / 3)
        kill_and_restart(victim, job, started, servers[1])
        if job is not None:
            # its second (last) attempt too: it must fail with the message the planner sees
            victim, again = wait_for_held_job(url, workers, SECONDS / 3, only=job)
            if again is not None:
                kill_and_restart(victim, job, started)
        time.sleep(max(0.0, started + SECONDS - time.monotonic()))
        stop.set()
        for thread in threads:
            thread.join(timeout=max(1.0, give_up_at - time.monotonic()))
        say(f"  load ended after {time.monotonic() - started:.0f} s; waiting for the jobs")
        drain_until = time.monotonic() + DRAIN_SECONDS
        while time.monotonic() < drain_until:
            active = query(url, "SELECT count(*) FROM job WHERE state IN ('queued', 'running')")
            if active[0][0] == 0:
                break
            time.sleep(1)
        say(f"  jobs settled {time.monotonic() - started:.0f} s after the start")
        if job is not None:
            state, attempts, kind, target = query(
                url, f"SELECT state, attempts, kind, target_id FROM job WHERE id = {int(job)}"
            )[0]
            seen = ""
            if kind == "analysis":  # what the planner's progress endpoint says, on instance 1
                _, _, text = planners[0].browser.request(
                    "GET", f"/planlegger/analyse/{target}/status.json"
                )
                status = json.loads(text)
                seen = f"; the planner sees {status['status']}: {status['message']}"
            say(f"  the killed job {job}: {state} after {attempts} attempts{seen}")
        for process in (*servers, *workers):
            process.stop()

        found = counts(url, journal, before)
        errors = [e for stats in results for e in stats.errors]
        errors += [e for p in planners for e in p.errors]
        for error in sorted(set(errors))[:10]:
            say(f"  error: {error} (x{errors.count(error)})")
        say(
            f"  {sum(s.completed for s in results)} questionnaires completed, "
            f"{sum(s.retries for s in results)} requests retried; {found['stored']} stored; "
            f"planners started {sum(p.started['new'] for p in planners)} runs and "
            f"{sum(p.started['update'] for p in planners)} updates and were told to wait "
            f"{sum(p.waited['new'] for p in planners)} and "
            f"{sum(p.waited['update'] for p in planners)} times; jobs done "
            f"{found['jobs_done']}, failed without a message {found['jobs_failed_silently']}; "
            f"analysis runs still queued or running {found['runs_unfinished']}"
        )
        fields = " ".join(
            f"{k}={found[k]}"
            for k in ("submissions", "lost", "duplicated", "jobs", "jobs_failed_cleanly",
                      "jobs_stuck", "themes_duplicated")
        )
        say(f"RESULT instances=2 workers=2 {fields}")
        bad = ("lost", "duplicated", "jobs_stuck", "themes_duplicated", "jobs_failed_silently",
               "runs_unfinished")
        return 1 if errors or any(found[k] for k in bad) else 0
    finally:
        for process in (*servers, *workers):
            process.stop()
        if redis is not None:
            redis.stop()
        databases.drop()


def main() -> int:
    # SIGTERM (and Ctrl-C) end the run through the ``finally`` that stops every process
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with tempfile.TemporaryDirectory(prefix="innspill-scale-") as tmp:
        try:
            return run(Path(tmp))
        except KeyboardInterrupt:
            say("bench-scale: interrupted; every process it started is stopped")
            return 130
        except subprocess.CalledProcessError as e:
            command = " ".join(map(str, e.cmd))
            say(f"bench-scale: {command} failed: {(e.stderr or '').strip()[-300:]}")
            return 1


if __name__ == "__main__":
    sys.exit(main())
