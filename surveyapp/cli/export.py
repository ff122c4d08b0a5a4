"""``flask export ROUND --format csv --out FILE``: a round's responses, by the web's rules."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app

from surveyapp.cli.common import fail, find_round
from surveyapp.extensions import db
from surveyapp.models import Round
from surveyapp.services import audit
from surveyapp.services.exports import files as export_files
from surveyapp.services.exports import table as exports


@click.command("export")
@click.argument("round_ident", metavar="ROUND")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx"]),
    required=True,
    help="csv: semicolon-separated UTF-8; xlsx: with a codebook sheet.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The file to write ('-' for standard output, csv only).",
)
@click.option(
    "--codebook",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the codebook as CSV to this file.",
)
def export(round_ident: str, fmt: str, out: Path, codebook: Path | None) -> None:
    """Export ROUND's responses (id or slug) with the same rules as the planner pages."""
    # texts in the files are translated: give Flask-Babel a (bokmål) request to read
    with current_app.test_request_context():
        _export(find_round(round_ident), fmt, out, codebook)


def _export(round_: Round, fmt: str, out: Path, codebook: Path | None) -> None:
    try:
        table = exports.export_table(round_)
    except (exports.TooFewResponses, exports.RawDataDeleted) as e:
        fail(str(e))
    data = (
        export_files.to_xlsx(table)
        if fmt == "xlsx"
        else export_files.to_csv(table.columns, table.rows)
    )
    if str(out) == "-":
        if fmt == "xlsx":
            fail("Write xlsx to a file, not to standard output.")
        sys.stdout.buffer.write(data)
    else:
        out.write_bytes(data)
    if codebook is not None:
        codebook.write_bytes(export_files.codebook_csv(table))
    audit.record(
        f"export.{fmt}", round_.organisation, None, round_, rows=len(table.rows), via="cli"
    )
    db.session.commit()
    if str(out) != "-":
        click.echo(f"Wrote {len(table.rows)} responses of round {round_.id} to {out}.")
