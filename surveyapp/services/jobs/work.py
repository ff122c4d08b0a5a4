"""What a worker does with a job, and what happens when a worker dies.

:func:`perform` claims a job, beats while it works and records the end. The work itself is
the kind's handler: an analysis run's queued job (:func:`surveyapp.services.analysis.runs.
execute`, which commits its results in one transaction, so a retry never stores twice),
embedding a round's answers (committed per batch, so a retry continues), or the nightly
clean-up. :func:`recover` is the periodic task that finds running jobs whose heartbeat is
old (a SIGKILLed worker, a machine that went away) and queued jobs the queue lost, and
queues them again or, after their last attempt, fails them with a message the planner sees.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Self

from flask import current_app
from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Job, utcnow
from surveyapp.models.analysis import AnalysisRun
from surveyapp.respondent.drafts import purge_drafts
from surveyapp.services.analysis import runs as analysis_runs
from surveyapp.services.analysis import vectors as answer_vectors
from surveyapp.services.imports import stash as import_stash
from surveyapp.services.jobs import records

logger = logging.getLogger(__name__)

#: job records kept this long after they ended (the operator page shows live work only)
KEEP_FINISHED = timedelta(days=30)
FAILED = "Jobben feilet. Prøv igjen, eller kontakt IT."


class Heartbeat:
    """Beats for a running job every ``JOB_HEARTBEAT_SECONDS`` on its own connection."""

    def __init__(self, job_id: int, attempt: int) -> None:
        self.engine, self.job_id, self.attempt = db.engine, job_id, attempt
        self.every = current_app.config["JOB_HEARTBEAT_SECONDS"]
        self.progress: int | None = None
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True, name=f"beat-{job_id}")

    def _beat(self) -> None:
        while not self.stop.wait(self.every):
            try:
                records.beat(self.engine, self.job_id, self.attempt, self.progress)
            except SQLAlchemyError:  # a busy database delays one beat, not the job
                logger.warning("heartbeat of job %s skipped", self.job_id)

    def __enter__(self) -> Self:
        if not current_app.config["JOBS_IMMEDIATE"]:
            self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        if self.thread.is_alive():
            self.thread.join()


def perform(job_id: int) -> None:
    """Do job ``job_id`` if it is still queued (a duplicate message does nothing)."""
    attempt = records.claim(job_id)
    if attempt is None:
        return
    job = db.session.get(Job, job_id)
    with Heartbeat(job_id, attempt) as heart:
        try:
            state, message = HANDLERS[job.kind](job, heart)
        except Exception:
            db.session.rollback()
            logger.exception("job %s (%s) failed", job_id, job.kind)
            state, message = "failed", FAILED
    records.finish(job_id, attempt, state, message)


def _analysis(job: Job, heart: Heartbeat) -> tuple[str, str]:
    run = analysis_runs.execute(job.target_id)
    return ("done" if run.status == "done" else "failed"), run.message


def _embed(job: Job, heart: Heartbeat) -> tuple[str, str]:
    def report(done: int, total: int) -> None:
        heart.progress = 100 * done // total if total else 100

    count = answer_vectors.embed_missing([job.target_id], progress=report)
    return "done", f"{count} svar er lest."


def _maintenance(job: Job, heart: Heartbeat) -> tuple[str, str]:
    """Old drafts, abandoned uploads, and job records of long ago."""
    drafts = purge_drafts()
    import_stash.purge_old()
    old = db.session.execute(
        db.delete(Job).where(
            Job.state.in_(("done", "failed")), Job.finished_at < utcnow() - KEEP_FINISHED
        )
    ).rowcount
    db.session.commit()
    return "done", f"Slettet {drafts} gamle utkast og {old or 0} gamle jobber."


HANDLERS = {"analysis": _analysis, "embed": _embed, "maintenance": _maintenance}


def maintain() -> None:
    """The nightly clean-up as a job of its own, so the operator sees it."""
    job = records.enqueue("maintenance", max_attempts=1)
    db.session.commit()
    perform(job.id)


# --- recovery --------------------------------------------------------------------------


def recover(pending: set[str] | None = None) -> dict[str, int]:
    """Re-queue or fail running jobs whose worker stopped beating; resend queued jobs the
    queue does not hold (``pending``: the queue's task ids, None when it cannot tell).

    Every change is a conditional UPDATE, so recovery running on several workers at once
    acts once. Returns counts for the log.
    """
    counts = {"requeued": 0, "failed": 0, "settled": 0, "resent": 0}
    limit = records.stale_before()
    lost = db.session.scalars(
        db.select(Job).where(Job.state == "running", Job.heartbeat_at < limit)
    ).all()
    for job in lost:
        counts[_settle(job)] += 1
    waiting = db.session.scalars(
        db.select(Job).where(Job.state == "queued", Job.enqueued_at < limit)
    ).all()
    for job in waiting:
        if pending is not None and records.task_id(job) not in pending:
            counts["resent"] += records.submit(job)
    return counts


def _settle(job: Job) -> str:
    """A running job whose worker is gone: done if its work was committed, else again or
    failed."""
    run = db.session.get(AnalysisRun, job.target_id) if job.kind == "analysis" else None
    if run is not None and run.status == "done" and run.finished_at and (
        job.started_at is None or run.finished_at >= job.started_at
    ):
        _move(job, "done", run.message)
        return "settled"
    if job.attempts < job.max_attempts:
        if _move(job, "queued", "Startet på nytt etter et avbrudd"):
            if run is not None:
                run.status, run.message = "queued", "Startet på nytt etter et avbrudd"
            db.session.commit()
            records.submit(job)
        return "requeued"
    message = records.LOST_ANALYSIS if job.kind == "analysis" else records.LOST
    if _move(job, "failed", message) and run is not None:
        run.status, run.message, run.finished_at = "failed", message, utcnow()
        db.session.commit()
    return "failed"


def _move(job: Job, state: str, message: str) -> bool:
    """Move a lost running job to ``state`` unless someone else already did."""
    result = db.session.execute(
        update(Job)
        .where(Job.id == job.id, Job.state == "running", Job.attempts == job.attempts)
        .values(
            state=state,
            message=message,
            finished_at=None if state == "queued" else utcnow(),
            enqueued_at=utcnow() if state == "queued" else Job.enqueued_at,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    db.session.refresh(job)
    return result.rowcount == 1


def retry(job: Job) -> Job:
    """Queue a failed job again (the operator's *Prøv igjen*); the caller submits it."""
    if job.state != "failed":
        raise InnspillError("Bare en jobb som har feilet, kan prøves igjen.")
    if job.kind == "analysis":
        run = db.session.get(AnalysisRun, job.target_id)
        if run is None:
            raise InnspillError("Analysen finnes ikke lenger.")
        analysis_runs.requeue(run)
    job.state, job.message, job.finished_at = "queued", "I kø", None
    job.enqueued_at, job.progress = utcnow(), 0
    job.max_attempts = job.attempts + 2
    db.session.flush()
    return job
