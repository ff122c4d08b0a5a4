"""Jobs through a real queue and real consumers: SQLite-backed and Redis-backed Huey, a
worker SIGKILLed half-way, duplicate messages, recovery, and the per-organisation limit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from surveyapp.config import PROJECT_ROOT
from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Job, Round
from surveyapp.models.analysis import AnalysisItem, AnalysisRun, AnalysisTheme
from surveyapp.services.analysis import runs as analysis_runs
from surveyapp.services.jobs import queue, records, work

QUESTION = ["hindrer_tidlig_innsats"]


def start_analysis(round_id: int, max_attempts: int | None = None) -> int:
    """Queue a guided analysis of ``round_id`` in the current app and hand it over."""
    round_ = db.session.get(Round, round_id)
    run = analysis_runs.create_run(
        round_.organisation, [round_], QUESTION, "guided", codebook_key="15-1"
    )
    if max_attempts is not None:
        records.latest_for("analysis", run.id).max_attempts = max_attempts
    db.session.commit()
    analysis_runs.start(run)
    return run.id


def job_of(run_id: int) -> Job:
    db.session.expire_all()
    return records.latest_for("analysis", run_id)


def wait_for(predicate, seconds: float = 240):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        db.session.expire_all()
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


def assert_stored_once(run_id: int) -> None:
    """Every answer has one item, and no theme of the engine is stored twice."""
    db.session.expire_all()
    items = db.session.scalars(db.select(AnalysisItem.answer_id).filter_by(run_id=run_id)).all()
    assert items and len(items) == len(set(items))
    assert len(items) == len(analysis_runs.analysis_store.answers_for(db.session.get(AnalysisRun, run_id)))
    keys = db.session.scalars(db.select(AnalysisTheme.engine_key).filter_by(run_id=run_id)).all()
    assert len(keys) == len(set(keys))


@pytest.fixture
def consumer_threads():
    """``start(app)``: a consumer with two worker threads in this process; stop it inside
    the app's ``with`` block (here it is only stopped again, for a test that failed)."""
    started = []
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}

    def start(app):
        consumer = queue.consumer(app, 2)
        consumer.start()
        started.append(consumer)
        return consumer

    yield start
    for consumer in started:
        consumer.stop(graceful=True)
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "redis"])
def test_a_consumer_runs_an_analysis_from_the_queue(
    request, queued_app, staff_round, consumer_threads, backend
):
    url = request.getfixturevalue("redis_url") if backend == "redis" else None
    with queued_app(url) as app:
        run_id = start_analysis(staff_round.id)
        assert job_of(run_id).state == "queued"  # nothing ran in the request
        assert app.extensions["innspill.jobs"].huey.pending_count() == 1
        consumer = consumer_threads(app)
        job = wait_for(lambda: (j := job_of(run_id)).state in ("done", "failed") and j)
        consumer.stop(graceful=True)  # before the app's engine is disposed
        assert job.state == "done" and job.attempts == 1, job.message
        run = db.session.get(AnalysisRun, run_id)
        assert run.status == "done" and run.progress == 100
        assert analysis_runs.progress(run)["message"].startswith("Ferdig")
        assert_stored_once(run_id)


def _worker(app, log) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "TEST_DATABASE_URL"}
    env.update(
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        REDIS_URL=app.config["REDIS_URL"],
        JOBS_SQLITE_PATH=app.config["JOBS_SQLITE_PATH"],
        JOB_HEARTBEAT_SECONDS="1",
        JOB_STALE_SECONDS="3",
        INNSPILL_CONFIG="development",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "worker"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _kill_mid_run(app, run_id, log) -> None:
    """Start a worker, SIGKILL it while the analysis runs, and check it was mid-run."""
    first = _worker(app, log)
    try:
        wait_for(lambda: job_of(run_id).state == "running", 120)
        time.sleep(0.5)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    run = db.session.get(AnalysisRun, run_id)
    db.session.refresh(run)
    assert run.status == "running", "the analysis ended before the kill; make it bigger"
    assert job_of(run_id).state == "running"
    time.sleep(3.5)  # the heartbeat is now older than JOB_STALE_SECONDS


@pytest.mark.slow
def test_a_worker_killed_mid_analysis_is_retried_and_stores_once(queued_app, big_round, tmp_path):
    with open(tmp_path / "worker.log", "wb") as log, queued_app() as app:
        run_id = start_analysis(big_round.id)
        _kill_mid_run(app, run_id, log)
        second = _worker(app, log)  # recovers at start: attempt 2 of 2
        try:
            job = wait_for(lambda: (j := job_of(run_id)).state in ("done", "failed") and j)
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=60)
        assert job.state == "done" and job.attempts == 2, (tmp_path / "worker.log").read_text()
        assert db.session.get(AnalysisRun, run_id).status == "done"
        assert_stored_once(run_id)


@pytest.mark.slow
def test_a_killed_job_without_attempts_left_fails_with_a_message(
    queued_app, big_round, tmp_path, request
):
    url = request.getfixturevalue("redis_url")
    with open(tmp_path / "worker.log", "wb") as log, queued_app(url) as app:
        run_id = start_analysis(big_round.id, max_attempts=1)
        _kill_mid_run(app, run_id, log)
        assert work.recover(app.extensions["innspill.jobs"].pending_ids())["failed"] == 1
        job = job_of(run_id)
        run = db.session.get(AnalysisRun, run_id)
        assert job.state == "failed" and job.message == records.LOST_ANALYSIS
        assert run.status == "failed" and run.message == "Analysen stoppet uventet. Prøv igjen."
        assert analysis_runs.progress(run)["finished"]
        assert db.session.scalar(db.select(db.func.count(AnalysisItem.id))) == 0


def test_a_message_delivered_twice_runs_the_job_once(staff_round):
    run_id = start_analysis(staff_round.id)  # immediate mode: done inside start()
    job = job_of(run_id)
    assert job.state == "done" and job.attempts == 1
    work.perform(job.id)
    assert job_of(run_id).attempts == 1
    assert_stored_once(run_id)


def test_a_retried_fit_replaces_its_themes(staff_round):
    """A fit that runs again on the same run (a retry) deletes before it inserts."""
    run_id = start_analysis(staff_round.id)
    themes = db.session.scalar(db.select(db.func.count(AnalysisTheme.id)))
    run = db.session.get(AnalysisRun, run_id)
    run.status = "queued"
    db.session.commit()
    analysis_runs.execute(run_id)
    assert db.session.scalar(db.select(db.func.count(AnalysisTheme.id))) <= themes  # not 2x
    assert_stored_once(run_id)


def test_recovery_requeues_a_lost_job_and_resends_one_the_queue_lost(queued_app, staff_round):
    with queued_app() as app:
        run_id = start_analysis(staff_round.id)
        jobs = app.extensions["innspill.jobs"]
        jobs.huey.flush()  # the queue lost the message (a Redis without persistence, say)
        job = job_of(run_id)
        job.enqueued_at = records.stale_before() - records.timedelta(seconds=5)
        db.session.commit()
        assert work.recover(jobs.pending_ids())["resent"] == 1
        assert jobs.pending_ids() == {records.task_id(job_of(run_id))}
        # a worker claimed it and died: its heartbeat is old
        assert records.claim(job.id) == 1
        job = job_of(run_id)
        job.heartbeat_at = records.stale_before() - records.timedelta(seconds=1)
        db.session.commit()
        assert work.recover(jobs.pending_ids())["requeued"] == 1
        assert job_of(run_id).state == "queued"
        assert db.session.get(AnalysisRun, run_id).status == "queued"


def test_at_most_two_analyses_per_organisation_across_parallel_requests(queued_app, staff_round):
    """Four instances start an analysis at the same moment: the limit holds."""
    if db.engine.url.get_backend_name() == "sqlite" and db.engine.url.database in (None, "", ":memory:"):
        pytest.skip("needs a database several connections share")
    results: list[str] = []
    barrier = threading.Barrier(4)
    round_id = staff_round.id
    with queued_app() as app:

        def click() -> None:
            with app.app_context():
                barrier.wait()
                try:
                    start_analysis(round_id)
                except InnspillError:
                    db.session.rollback()
                    results.append("refused")
                else:
                    results.append("queued")
                finally:
                    db.session.remove()

        threads = [threading.Thread(target=click) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert sorted(results) == ["queued", "queued", "refused", "refused"]
        assert db.session.scalar(db.select(db.func.count(Job.id))) == 2


def test_retrying_a_failed_job_queues_it_again(staff_round):
    run_id = start_analysis(staff_round.id)
    job = job_of(run_id)
    job.state, job.message = "failed", records.LOST_ANALYSIS
    run = db.session.get(AnalysisRun, run_id)
    run.status, run.message = "failed", records.LOST_ANALYSIS
    db.session.commit()
    work.retry(job)
    db.session.commit()
    assert job.state == "queued" and run.status == "queued"
    records.submit(job)  # immediate mode: runs now
    assert job_of(run_id).state == "done" and job_of(run_id).attempts == 2
    with pytest.raises(InnspillError):
        work.retry(job_of(run_id))
