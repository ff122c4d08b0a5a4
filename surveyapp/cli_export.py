"""Scripted exports and API tokens: ``flask --app wsgi export ROUND --format csv --out FILE``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from surveyapp.extensions import db
from surveyapp.models import Round, User
from surveyapp.services import access, audit, export_files, exports
from surveyapp.services.organisations import normalise_email

tokens_cli = AppGroup("api-token", help="Create API tokens for scripted access to /api.")


def _fail(message: str) -> None:
    click.secho(message, fg="red", err=True)
    sys.exit(1)


def _find_round(ident: str) -> Round:
    round_ = None
    if ident.isdigit():
        round_ = db.session.get(Round, int(ident))
    if round_ is None:
        round_ = db.session.scalar(db.select(Round).filter_by(slug=ident))
    if round_ is None:
        _fail(f"No round with id or slug {ident!r}. See `flask rounds list`.")
    return round_


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
        _export(_find_round(round_ident), fmt, out, codebook)


def _export(round_: Round, fmt: str, out: Path, codebook: Path | None) -> None:
    try:
        table = exports.export_table(round_)
    except (exports.TooFewResponses, exports.RawDataDeleted) as e:
        _fail(str(e))
    data = (
        export_files.to_xlsx(table)
        if fmt == "xlsx"
        else export_files.to_csv(table.columns, table.rows)
    )
    if str(out) == "-":
        if fmt == "xlsx":
            _fail("Write xlsx to a file, not to standard output.")
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


@tokens_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="What the token is for, e.g. 'Power BI'.")
def create_token(email: str, name: str) -> None:
    """Create a token acting as the user EMAIL (planner or admin); printed once."""
    user = db.session.scalar(db.select(User).filter_by(email=normalise_email(email)))
    if user is None or not user.active:
        _fail(f"No active user {email}.")
    if not user.can("planner"):
        _fail(f"{user.email} is a viewer; tokens are for planners and admins.")
    token, plain = access.create_token(user, name)
    audit.record(
        "token.create",
        user.organisation,
        None,
        target=f"token:{token.id}",
        token=token.prefix,
        via="cli",
    )
    db.session.commit()
    click.echo(plain)


def register(app: Flask) -> None:
    for command in (export, tokens_cli):
        app.cli.add_command(command)
