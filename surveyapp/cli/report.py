"""``flask report``: write the plan report for rounds as Word, HTML or Markdown."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from surveyapp.cli.common import fail, rounds_by_id
from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models.analysis import AnalysisRun
from surveyapp.services.report.files import FORMATS, report_file


@click.command("report")
@click.argument("round_ids", nargs=-1, type=int, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(list(FORMATS)), default="docx", show_default=True
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write."
)
@click.option(
    "--run",
    "run_ids",
    multiple=True,
    type=int,
    help="Analysis run to include (repeat; default: those with findings, else the newest).",
)
def report(round_ids, fmt, out: Path, run_ids) -> None:
    """Write the plan report for ROUND_IDS as Word, HTML or Markdown."""
    rounds = rounds_by_id(round_ids)
    runs = [db.session.get(AnalysisRun, i) for i in run_ids] or None
    if runs and any(r is None or r.organisation_id != rounds[0].organisation_id for r in runs):
        fail("Unknown analysis run for these rounds.")
    with current_app.test_request_context("/"):
        try:
            body, _mimetype, _name = report_file(rounds[0].organisation, rounds, fmt, runs)
        except InnspillError as e:
            fail(str(e))
    out.write_bytes(body)
    click.echo(f"Wrote {out} ({len(body)} bytes).")
