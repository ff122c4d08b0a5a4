"""``flask worker``: a consumer of the job queue (analyses, embedding, clean-up)."""

from __future__ import annotations

import logging

import click
from flask import current_app

from surveyapp.services.jobs import queue


@click.command("worker")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Jobs this process runs at once (threads).",
)
def worker(workers: int) -> None:
    """Run background jobs until stopped (SIGINT or SIGTERM: finish the current job first).

    Uses Redis when REDIS_URL is set, else the SQLite queue file in the instance folder
    (JOBS_SQLITE_PATH). Run one on every machine that should do background work; each also
    runs the periodic tasks (recovery of lost jobs every minute, clean-up at night).
    """
    app = current_app._get_current_object()
    if app.config.get("JOBS_IMMEDIATE"):
        raise click.ClickException("JOBS_IMMEDIATE is set: jobs run where they are queued.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    where = "Redis" if app.config.get("REDIS_URL") else app.config["JOBS_SQLITE_PATH"]
    click.echo(f"Worker with {workers} thread(s) on {where}")
    queue.consumer(app, workers).run()
