"""Analysis runs: create one, run it in the background, report its progress.

A run is started from a web request but never runs in it: :func:`create_run` and
:func:`queue_job` queue a ``job`` row (:mod:`surveyapp.services.jobs`) in the same
transaction, :func:`start` hands it to the job queue after the commit, a worker on any
machine does :func:`execute`, and the run page polls :func:`progress`, which reads the
database. In tests (``JOBS_IMMEDIATE``) the job runs inside :func:`start`.
"""

from __future__ import annotations

import math
import re
import threading
import time
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Self

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError

from surveyapp.definitions.schema import TEXT_TYPES
from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Organisation, Round, User, utcnow
from surveyapp.models.analysis import MODES, AnalysisRun, Codebook
from surveyapp.services.results import snapshots
from surveyapp.services.analysis import engine as analysis_engine
from surveyapp.services.analysis import reruns
from surveyapp.services.analysis import store as analysis_store
from surveyapp.services.jobs import records as job_records
from surveyapp.services.questionnaires import definition_of

#: analyses one organisation may have waiting or running at once, across every app
#: instance and worker: repeated clicks must not swamp the workers' cores
MAX_ACTIVE_RUNS = 2
#: the status line :func:`surveyapp.services.analysis.store.reading_message` stores
READING = re.compile(re.escape(analysis_store.READING) + r" (\d+) av (\d+)")


@dataclass(frozen=True)
class QuestionChoice:
    key: str
    text: str
    rounds: tuple[str, ...]


def free_text_questions(rounds: list[Round]) -> list[QuestionChoice]:
    """The free-text questions of ``rounds``, merged by key, in questionnaire order."""
    found: dict[str, QuestionChoice] = {}
    for round_ in rounds:
        for question in definition_of(round_.questionnaire_version).questions():
            if question.type not in TEXT_TYPES:
                continue
            seen = found.get(question.key)
            titles = (*seen.rounds, round_.title) if seen else (round_.title,)
            found[question.key] = QuestionChoice(question.key, question.text.nb, titles)
    return list(found.values())


def create_run(
    organisation: Organisation,
    rounds: list[Round],
    question_keys: list[str],
    mode: str,
    *,
    user: User | None = None,
    codebook_key: str | None = None,
    codebook: Codebook | None = None,
    source_run: AnalysisRun | None = None,
    random_state: int = 0,
    title: str | None = None,
) -> AnalysisRun:
    """A queued run over ``rounds`` (all of ``organisation``) and the chosen questions."""
    if not rounds:
        raise InnspillError("Velg minst én runde.")
    if any(r.organisation_id != organisation.id for r in rounds):
        raise InnspillError("Rundene må høre til din organisasjon.")
    available = {q.key for q in free_text_questions(rounds)}
    keys = [k for k in dict.fromkeys(question_keys) if k in available]
    if not keys:
        raise InnspillError("Velg minst ett fritekstspørsmål.")
    if mode not in MODES:
        raise InnspillError(f"Ukjent analysemåte: {mode}.")
    if mode == "guided" and not (codebook_key or codebook):
        raise InnspillError("Velg en kodebok for styrt analyse.")
    if codebook_key and codebook_key not in analysis_engine.builtin_codebooks():
        raise InnspillError(f"Ukjent kodebok: {codebook_key}.")
    if mode == "coding" and source_run is None:
        raise InnspillError("Velg analysen med kodingen det skal læres av.")
    publish(rounds)
    analysis_store.require_respondents(organisation, rounds, keys)
    _check_capacity(organisation)
    run = AnalysisRun(
        organisation=organisation,
        title=" ".join((title or "").split())[:200] or default_title(rounds),
        mode=mode,
        codebook_key=codebook_key if mode != "discover" else None,
        codebook=codebook if mode != "discover" else None,
        source_run=source_run if mode == "coding" else None,
        question_keys=keys,
        random_state=random_state,
        created_by=user,
        rounds=list(rounds),
        message="I kø",
    )
    db.session.add(run)
    db.session.flush()
    job_records.enqueue("analysis", run.id, organisation)
    return run


def default_title(rounds: list[Round]) -> str:
    """A short name when the planner gives none: the first round, and how many more."""
    first = rounds[0].title
    if len(rounds) == 1:
        return first[:200]
    return f"{first[:160]} og {len(rounds) - 1} til"


def publish(rounds: list[Round]) -> None:
    """Publish the rounds' due snapshots: an analysis reads published answers only."""
    for round_ in rounds:
        snapshots.refresh(round_)


def _check_capacity(organisation: Organisation) -> None:
    """Refuse a new job while the organisation already has ``MAX_ACTIVE_RUNS`` under way.

    The organisation's row is locked first, so the count and the new job row are one step
    for every app instance; a job whose worker died is failed or re-queued by recovery and
    so cannot block the organisation for good.
    """
    job_records.lock_organisation(organisation)
    if job_records.active_count(organisation, "analysis") >= MAX_ACTIVE_RUNS:
        raise InnspillError(
            "Det kjører allerede to analyser. Vent til en av dem er ferdig, og prøv igjen."
        )


def start(run: AnalysisRun) -> None:
    """Hand the run's queued job to the job queue; the caller committed."""
    job = job_records.latest_for("analysis", run.id)
    if job is not None and job.state == "queued":
        job_records.submit(job)


def queue_job(run: AnalysisRun, job: str) -> None:
    """Queue ``update`` (late answers), ``learn`` (from the planner's coding) or ``rerun``
    (the engine again over every answer, keeping decisions) on a done run."""
    if run.status in ("queued", "running"):
        raise InnspillError("Analysen kjører allerede. Vent til den er ferdig.")
    if run.status != "done":
        raise InnspillError("Analysen må være ferdig før den kan oppdateres.")
    _check_capacity(run.organisation)
    publish(run.rounds)
    run.job, run.status, run.progress, run.message = job, "queued", 0, "I kø"
    job_records.enqueue("analysis", run.id, run.organisation)


def requeue(run: AnalysisRun) -> None:
    """A failed run's job again (the operator's retry); the job row is the caller's."""
    if run.status in ("queued", "running"):
        raise InnspillError("Analysen kjører allerede. Vent til den er ferdig.")
    _check_capacity(run.organisation)
    run.status, run.progress, run.message, run.finished_at = "queued", 0, "I kø", None


def execute(run_id: int) -> AnalysisRun:
    """Do the run's queued job, committing progress as it goes; never raises on bad data."""
    run = db.session.get(AnalysisRun, run_id)
    if run is None:
        raise InnspillError(f"Fant ikke analyse {run_id}.")
    if run.status not in ("queued", "failed"):
        return run
    run.status, run.started_at, run.finished_at = "running", utcnow(), None
    _set(run, 5, "Henter svar")
    try:
        job = {
            "fit": analysis_store.fit_run,
            "update": reruns.update_run,
            "learn": reruns.learn_run,
            "rerun": reruns.rerun_run,
        }[run.job]
        message = job(run, lambda p, m, expected=0.0: _step(run, p, m, expected))
    except InnspillError as e:
        db.session.rollback()
        run = db.session.get(AnalysisRun, run_id)
        run.status, run.message, run.finished_at = "failed", str(e)[:300], utcnow()
        db.session.commit()
        return run
    except Exception:
        db.session.rollback()
        current_app.logger.exception("Analysis run %s failed", run_id)
        run = db.session.get(AnalysisRun, run_id)
        run.status, run.finished_at = "failed", utcnow()
        run.message = "Noe gikk galt under analysen. Prøv igjen, eller kontakt IT."
        db.session.commit()
        return run
    if run.job == "update":
        run.updates += 1
    run.status, run.progress, run.message, run.finished_at = "done", 100, message, utcnow()
    db.session.commit()
    return run


def _set(run: AnalysisRun, progress: int, message: str) -> None:
    run.progress, run.message = progress, message
    db.session.commit()


class _Ticker:
    """Moves the progress bar while the engine works (it reports no progress itself)."""

    def __init__(self, run_id: int, start: int, end: int, expected: float) -> None:
        self.engine, self.logger = db.engine, current_app.logger
        self.run_id, self.start, self.end = run_id, start, end
        self.expected = max(expected, 1.0)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._tick, daemon=True)

    def _tick(self) -> None:
        began = time.monotonic()
        while not self.stop.wait(1.0):
            share = 1 - math.exp(-(time.monotonic() - began) / self.expected)
            value = int(self.start + (self.end - self.start) * share)
            try:
                with self.engine.begin() as conn:
                    conn.execute(
                        update(AnalysisRun)
                        .where(AnalysisRun.id == self.run_id, AnalysisRun.status == "running")
                        .values(progress=value)
                    )
            except SQLAlchemyError:  # a busy database only delays the bar
                self.logger.debug("progress update for run %s skipped", self.run_id)

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()


def _step(run: AnalysisRun, progress: int, message: str, expected: float):
    """Record a step; with ``expected`` seconds, return a ticker to use around the work."""
    _set(run, progress, message)
    if expected and not current_app.config["JOBS_IMMEDIATE"]:
        return _Ticker(run.id, progress, 80, expected)
    return nullcontext()


def progress(run: AnalysisRun) -> dict:
    """What the progress endpoint returns (no answer text)."""
    db.session.refresh(run)
    return {
        "id": run.id,
        "status": run.status,
        "progress": run.progress,
        "message": _shown(run.message),
        "finished": run.finished,
    }


def _shown(message: str) -> str:
    """The stored status line in the reader's language where it has counts to fill in."""
    match = READING.fullmatch(message or "")
    if match:
        done, total = int(match[1]), int(match[2])
        return _("Leser meningen i svarene: %(done)d av %(total)d", done=done, total=total)
    return message


def runs_of(organisation: Organisation) -> list[AnalysisRun]:
    query = (
        db.select(AnalysisRun)
        .where(AnalysisRun.organisation_id == organisation.id)
        .order_by(AnalysisRun.created_at.desc(), AnalysisRun.id.desc())
    )
    return list(db.session.scalars(query))


def new_answer_count(run: AnalysisRun) -> int:
    """Published answers that arrived after the run (not yet in it); the caller commits."""
    publish(run.rounds)
    known = analysis_store.item_answer_ids(run)
    return len(analysis_store.answers_for(run, exclude=known))
