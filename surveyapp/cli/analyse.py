"""``flask analyse``: start and run an analysis of a round's free-text answers."""

from __future__ import annotations

from pathlib import Path

import click

from surveyapp.cli.common import fail, rounds_by_id
from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models.analysis import MODES, AnalysisRun
from surveyapp.services.access import threshold_for
from surveyapp.services.analysis import codebooks
from surveyapp.services.analysis import engine as analysis_engine
from surveyapp.services.analysis import runs as analysis_runs
from surveyapp.services.jobs import records as job_records
from surveyapp.services.jobs import work as job_work
from surveyapp.services.themes import review as theme_review
from surveyapp.services.themes import stats as theme_stats


def _codebook(value: str, organisation) -> dict:
    """``codebook_key`` or ``codebook`` for ``create_run`` from the ``--codebook`` option."""
    if value in analysis_engine.builtin_codebooks():
        return {"codebook_key": value}
    own = {book.name: book for book in codebooks.codebooks_of(organisation)}
    path = Path(value)
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            fail(f"Cannot read {path}: {e}")
        name = analysis_engine.parse_codebook(text).get("name") or path.stem
        return {"codebook": codebooks.save(organisation, own.get(name), name, text, None)}
    if value in own:
        return {"codebook": own[value]}
    fail(
        f"Unknown codebook {value!r}: give 15-1, workshop, a YAML file, or one of "
        f"{sorted(own) or 'the organisation’s codebooks (none yet)'}."
    )


@click.command("analyse")
@click.argument("round_ids", nargs=-1, type=int)
@click.option("--mode", type=click.Choice(MODES), default="guided", show_default=True)
@click.option(
    "--codebook",
    default="15-1",
    show_default=True,
    help="Guided/coding mode: a built-in codebook (15-1, workshop), the name of one of the "
    "organisation's codebooks, or a YAML file (stored as the organisation's codebook).",
)
@click.option(
    "--question",
    "questions",
    multiple=True,
    help="Free-text question key (repeat; default: all free-text questions).",
)
@click.option("--source-run", type=int, help="Coding mode: the run whose coding to learn from.")
@click.option("--random-state", default=0, show_default=True, type=int)
@click.option("--run", "run_id", type=int, help="Do the queued job of an existing run here.")
def analyse(round_ids, mode, codebook, questions, source_run, random_state, run_id) -> None:
    """Theme the free-text answers of ROUND_IDS (or do the queued job of --run), in this
    process rather than on a worker."""
    if run_id is None:
        if not round_ids:
            fail("Give one or more round ids, or --run ID.")
        rounds = rounds_by_id(round_ids)
        keys = list(questions) or [q.key for q in analysis_runs.free_text_questions(rounds)]
        try:
            book = _codebook(codebook, rounds[0].organisation) if mode != "discover" else {}
            run = analysis_runs.create_run(
                rounds[0].organisation,
                rounds,
                keys,
                mode,
                **book,
                source_run=db.session.get(AnalysisRun, source_run) if source_run else None,
                random_state=random_state,
            )
        except InnspillError as e:
            fail(str(e))
        theme_review.record(run, None, "run", mode=mode)
        db.session.commit()
        run_id = run.id
    job = job_records.latest_for("analysis", run_id)
    if job is None or job.state != "queued":
        fail(f"Run {run_id} has no queued job.")
    job_work.perform(job.id)
    db.session.expire_all()
    run = db.session.get(AnalysisRun, run_id)
    if run.status != "done":
        fail(f"Run {run.id} failed: {run.message}")
    click.echo(f"Run {run.id}: {run.message}")
    rows = theme_stats.run_rows(run)
    for summary in theme_stats.summaries(run, rows, threshold_for(run.organisation)):
        click.echo(f"{summary.answers:>5}  {summary.theme.label}")
