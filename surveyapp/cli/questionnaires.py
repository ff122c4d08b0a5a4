"""``flask questionnaires list|validate``: the questionnaire files and whether each is valid."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from surveyapp.cli.common import fail
from surveyapp.definitions import load_file, questionnaire_files
from surveyapp.exceptions import InvalidQuestionnaire

questionnaires_cli = AppGroup("questionnaires", help="List and check questionnaire files.")


@questionnaires_cli.command("list")
def list_questionnaires() -> None:
    """List the questionnaire files and whether each is valid."""
    directory = current_app.config["QUESTIONNAIRE_DIR"]
    for path in questionnaire_files(directory):
        try:
            d = load_file(path)
        except InvalidQuestionnaire as e:
            click.echo(f"{path.name:<28} INVALID ({len(e.problems)} problem(s))")
            continue
        count = len(d.questions())
        click.echo(f"{d.id:<28} v{d.version:<3} {d.audience:<8} {count:>3} questions  {d.title.nb}")


@questionnaires_cli.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate_questionnaires(paths: tuple[Path, ...]) -> None:
    """Check questionnaire files (default: all in the questionnaire folder)."""
    files = list(paths) or questionnaire_files(current_app.config["QUESTIONNAIRE_DIR"])
    if not files:
        fail("No questionnaire files found.")
    problems = 0
    for path in files:
        try:
            d = load_file(path)
        except InvalidQuestionnaire as e:
            problems += len(e.problems)
            for p in e.problems:
                click.secho(f"{path}: {p}", fg="red", err=True)
        else:
            click.echo(f"{path}: OK ({d.id} v{d.version}, {len(d.questions())} questions)")
    if problems:
        fail(f"{problems} problem(s) found.")
