"""The app's Huey instance, its tasks, and the consumer that ``flask worker`` runs.

* ``REDIS_URL`` set: :class:`huey.PriorityRedisHuey`, for web and workers on several
  machines.
* otherwise: :class:`huey.SqliteHuey` in ``JOBS_SQLITE_PATH`` (the instance folder), for
  one machine (``make run``).
* ``JOBS_IMMEDIATE`` (tests): Huey's immediate mode; a job runs inside the call that
  queues it.

There is one task, ``innspill.job(job_id)``: the message says only which job row to do, so
nothing about answers passes through the queue. Two periodic tasks run in every consumer:
recovery every minute and the clean-up at night. Both are safe to run on several workers
at once.
"""

from __future__ import annotations

import logging
from contextlib import nullcontext
from dataclasses import dataclass

import huey
from flask import Flask, current_app, has_app_context

logger = logging.getLogger(__name__)

#: the queue's name in Redis or the SQLite file
NAME = "innspill"


@dataclass
class JobQueue:
    """What :func:`surveyapp.services.jobs.records.submit` needs: a way to send a job."""

    huey: huey.Huey
    task: huey.api.TaskWrapper

    def send(self, job_id: int, task_id: str, priority: int) -> None:
        self.task.schedule(args=(job_id,), delay=0, priority=priority, id=task_id)

    def pending_ids(self) -> set[str]:
        """Task ids waiting in the queue (what recovery compares queued jobs with)."""
        return {task.id for task in self.huey.pending()}


def build_huey(app: Flask) -> huey.Huey:
    """The Huey instance the app's configuration asks for."""
    if app.config.get("JOBS_IMMEDIATE"):
        return huey.MemoryHuey(NAME, immediate=True, results=False)
    if app.config.get("REDIS_URL"):
        return huey.PriorityRedisHuey(NAME, url=app.config["REDIS_URL"], results=False)
    return huey.SqliteHuey(NAME, filename=app.config["JOBS_SQLITE_PATH"], results=False)


def _in_app(app: Flask):
    """The app's context: the caller's own in immediate mode, a fresh one in a worker."""
    if has_app_context() and current_app._get_current_object() is app:
        return nullcontext()
    return app.app_context()


def init_app(app: Flask) -> JobQueue:
    """Make the app's queue and register its tasks (called by the app factory)."""
    from surveyapp.services.jobs import work

    queue = build_huey(app)

    @queue.task(name="innspill.job")
    def run_job(job_id: int) -> None:
        with _in_app(app):
            work.perform(job_id)

    @queue.periodic_task(huey.crontab(minute="*"), name="innspill.recover")
    def recover() -> None:
        with _in_app(app):
            counts = work.recover(app.extensions["innspill.jobs"].pending_ids())
            if any(counts.values()):
                logger.warning("job recovery: %s", counts)

    @queue.periodic_task(huey.crontab(hour="3", minute="17"), name="innspill.maintenance")
    def maintenance() -> None:
        with _in_app(app):
            work.maintain()

    jobs = JobQueue(queue, run_job)
    app.extensions["innspill.jobs"] = jobs
    return jobs


def consumer(app: Flask, workers: int) -> huey.consumer.Consumer:
    """A consumer with ``workers`` threads and the periodic tasks, recovering first."""
    jobs: JobQueue = app.extensions["innspill.jobs"]
    from surveyapp.services.jobs import work

    with app.app_context():
        counts = work.recover(jobs.pending_ids())
        if any(counts.values()):
            logger.warning("job recovery at start: %s", counts)
    return jobs.huey.create_consumer(
        workers=workers, worker_type="thread", periodic=True, check_worker_health=True
    )
