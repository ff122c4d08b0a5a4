"""Fixtures for the job queue: a second app on the same database whose jobs go through a
real queue (SQLite file or Redis), a private redis-server, and rounds to analyse."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from contextlib import contextmanager

import pytest
from sqlalchemy.pool import NullPool

from surveyapp import create_app
from surveyapp.extensions import db
from surveyapp.services.responses import new_response
from tests.review.conftest import TOPICS, add_response, planner, staff_round  # noqa: F401


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A private redis-server on a free loopback port, for the whole run.

    Skipped only where the binary is missing outside CI; in CI (``CI=true``) a missing
    redis-server fails the tests, as ``scripts/debian-packages.sh ci`` installs it.
    """
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is missing: run scripts/debian-packages.sh ci")
        pytest.skip("redis-server is not installed (scripts/debian-packages.sh test)")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
         "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail("redis-server did not start")
        time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def queued_app(app, tmp_path):
    """``queued_app(redis_url=None)``: an app on the test database whose jobs are queued
    for a consumer (SQLite queue file in tmp_path, or Redis), used inside ``with``."""

    @contextmanager
    def make(redis_url: str | None = None, **config):
        other = create_app(
            {
                "CONFIG_NAME": "testing",
                "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                "JOBS_IMMEDIATE": False,
                "REDIS_URL": redis_url or "",
                "JOBS_SQLITE_PATH": str(tmp_path / f"jobs-{uuid.uuid4().hex}.db"),
                "JOB_HEARTBEAT_SECONDS": 1,
                "JOB_STALE_SECONDS": 3,
                # worker threads' connections close when returned, not at dispose
                "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": NullPool},
                **config,
            }
        )
        if redis_url:
            other.extensions["innspill.jobs"].huey.flush()
        with other.app_context():
            yield other
            db.session.remove()
            db.engine.dispose()

    return make


@pytest.fixture
def big_round(make_round, db):
    """A staff round with 360 answers (the topics, each with a number), so that an
    analysis takes long enough in a worker to be killed half-way."""
    round_ = make_round("tjenester", title="Stor runde")
    texts = [t for topic in TOPICS.values() for t in topic]
    for i in range(360):
        values = {
            "tjeneste": "Skole/SFO" if i % 2 else "Barnehage",
            "kommune": round_.municipalities[0].name,
            "hindrer_tidlig_innsats": f"{texts[i % len(texts)]} Sak {i}.",
        }
        db.session.add(new_response(round_, values, uuid.uuid4().hex))
    db.session.commit()
    return round_
