"""Job rows: the durable truth about background work, whatever happens to the queue.

A job is queued in the same transaction as the work it stands for (an analysis run, say),
handed to Huey after the commit (:func:`submit`), and *claimed* by the worker that gets it
with one conditional UPDATE, so a message delivered twice runs once. While it works, the
worker beats (:func:`beat`); :func:`finish` records the end only for the attempt that
claimed it. Nothing here waits or polls: the queue is Huey's.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import update

from surveyapp.extensions import db
from surveyapp.models import Job, Organisation, utcnow

logger = logging.getLogger(__name__)

#: Huey priority per kind: a planner waiting for an analysis goes before a backlog
PRIORITY = {"analysis": 10, "embed": 0, "maintenance": 0}
#: the operator page's words for each kind and state
KIND_LABELS = {"analysis": "Analyse", "embed": "Lese meningen i svar", "maintenance": "Opprydding"}
STATE_LABELS = {"queued": "I kø", "running": "Kjører", "done": "Ferdig", "failed": "Feilet"}
#: a worker died (or was killed) while the job ran, and it has no attempts left
LOST = "Jobben stoppet uventet. Prøv igjen."
LOST_ANALYSIS = "Analysen stoppet uventet. Prøv igjen."


def enqueue(
    kind: str,
    target_id: int | None = None,
    organisation: Organisation | None = None,
    *,
    max_attempts: int = 2,
) -> Job:
    """A queued job row in the current transaction; :func:`submit` it after the commit."""
    job = Job(
        kind=kind,
        target_id=target_id,
        organisation=organisation,
        max_attempts=max_attempts,
        message="I kø",
    )
    db.session.add(job)
    db.session.flush()
    return job


def task_id(job: Job) -> str:
    """The Huey task id of ``job``'s current attempt (recovery looks for it in the queue)."""
    return f"job-{job.id}-{job.attempts}"


def submit(job: Job) -> bool:
    """Hand a committed, queued job to the queue; False (and logged) when the queue is down.

    A job that could not be handed over stays queued; the recovery task sends it again.
    """
    queue = current_app.extensions["innspill.jobs"]
    try:
        queue.send(job.id, task_id(job), PRIORITY.get(job.kind, 0))
    except Exception:  # the queue is down: the row keeps the job, recovery resends it
        logger.exception("could not hand job %s to the queue", job.id)
        return False
    return True


def claim(job_id: int) -> int | None:
    """Mark a queued job running for this worker; its attempt number, or None when another
    worker has it, it is done, or it does not exist."""
    now = utcnow()
    result = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.state == "queued")
        .values(
            state="running",
            attempts=Job.attempts + 1,
            started_at=now,
            heartbeat_at=now,
            finished_at=None,
            progress=0,
            message="Kjører",
        )
    )
    db.session.commit()
    if result.rowcount != 1:
        return None
    return db.session.scalar(db.select(Job.attempts).where(Job.id == job_id))


def beat(engine, job_id: int, attempt: int, progress: int | None = None) -> None:
    """The worker's sign of life, on its own connection (the job's session may be busy)."""
    values: dict = {"heartbeat_at": utcnow()}
    if progress is not None:
        values["progress"] = max(0, min(100, progress))
    with engine.begin() as conn:
        conn.execute(
            update(Job)
            .where(Job.id == job_id, Job.state == "running", Job.attempts == attempt)
            .values(**values)
        )


def finish(job_id: int, attempt: int, state: str, message: str) -> bool:
    """Record how attempt ``attempt`` ended; False when a newer attempt owns the job."""
    result = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.state == "running", Job.attempts == attempt)
        .values(
            state=state,
            message=message[:300],
            finished_at=utcnow(),
            progress=100 if state == "done" else Job.progress,
        )
    )
    db.session.commit()
    return result.rowcount == 1


def lock_organisation(organisation: Organisation) -> None:
    """Serialise job admission per organisation until the transaction ends.

    A no-op UPDATE of the organisation's row takes its row lock on PostgreSQL and the
    write lock on SQLite, so two instances counting active jobs at once cannot both see
    room for one more.
    """
    db.session.execute(
        update(Organisation)
        .where(Organisation.id == organisation.id)
        .values(name=Organisation.name)
        .execution_options(synchronize_session=False)
    )


def active_count(organisation: Organisation, kind: str) -> int:
    """Queued or running jobs of ``kind`` in ``organisation`` (lock first to act on it)."""
    return db.session.scalar(
        db.select(db.func.count(Job.id)).where(
            Job.organisation_id == organisation.id,
            Job.kind == kind,
            Job.state.in_(("queued", "running")),
        )
    )


def latest_for(kind: str, target_id: int) -> Job | None:
    return db.session.scalar(
        db.select(Job)
        .where(Job.kind == kind, Job.target_id == target_id)
        .order_by(Job.id.desc())
        .limit(1)
    )


def for_operator(organisation: Organisation, limit: int = 200) -> list[Job]:
    """Queued, running and failed jobs of ``organisation`` and of the whole installation,
    oldest first (done jobs are history, not work)."""
    query = (
        db.select(Job)
        .where(
            db.or_(Job.organisation_id == organisation.id, Job.organisation_id.is_(None)),
            Job.state.in_(("queued", "running", "failed")),
        )
        .order_by(Job.enqueued_at, Job.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def age(job: Job, now: datetime | None = None) -> str:
    """How long ago the job was queued, in Norwegian: "3 min", "2 t 5 min", "4 d"."""
    seconds = max(0, int(((now or utcnow()) - job.enqueued_at).total_seconds()))
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} t {minutes} min"
    return f"{hours // 24} d"


def stale_before() -> datetime:
    """A running job whose last heartbeat is older than this has lost its worker."""
    return utcnow() - timedelta(seconds=current_app.config["JOB_STALE_SECONDS"])
