"""Command-line interface: ``flask --app wsgi <group> <command>``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from surveyapp.definitions import load_file, questionnaire_files
from surveyapp.exceptions import InnspillError, InvalidQuestionnaire
from surveyapp.extensions import db
from surveyapp.models import ROLES
from surveyapp.services import organisations, rounds

questionnaires_cli = AppGroup("questionnaires", help="List and check questionnaire files.")
organisations_cli = AppGroup("organisations", help="Manage organisations (municipalities).")
users_cli = AppGroup("users", help="Manage planner accounts.")
rounds_cli = AppGroup("rounds", help="See rounds and their answers.")


def fail(message: str) -> None:
    """Print a clear message on stderr and exit with code 1."""
    click.secho(message, fg="red", err=True)
    sys.exit(1)


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


@organisations_cli.command("create")
@click.argument("name")
@click.option(
    "--municipality", "municipalities", multiple=True,
    help="A member municipality (repeat for a shared plan). Default: the organisation's name.",
)
def create_organisation(name: str, municipalities: tuple[str, ...]) -> None:
    """Create an organisation with its member municipalities."""
    try:
        org = organisations.create_organisation(name, list(municipalities))
    except InnspillError as e:
        fail(str(e))
    db.session.commit()
    members = ", ".join(m.name for m in org.municipalities)
    click.echo(f"Created organisation {org.name!r} ({members}).")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), default="planner", show_default=True)
@click.option("--organisation", required=True, help="The organisation's name.")
@click.option("--name", default="", help="The person's full name.")
@click.password_option(prompt="Password", help="Read from a prompt (or stdin) when left out.")
def create_user(email: str, role: str, organisation: str, name: str, password: str) -> None:
    """Create a user; the password is asked for twice, or read from stdin."""
    try:
        org = organisations.find_organisation(organisation)
        user = organisations.create_user(email, password, role, org, name)
    except InnspillError as e:
        fail(str(e))
    db.session.commit()
    click.echo(f"Created {user.role} {user.email} in {org.name}.")


@rounds_cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
def list_rounds(as_json: bool) -> None:
    """List rounds with their state, public URL and number of responses."""
    rows = rounds.describe(rounds.list_rounds())
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("No rounds yet.")
        return
    click.echo(f"{'id':>4}  {'state':<7} {'answers':>7}  {'code':<4}  title / url")
    for r in rows:
        code = "yes" if r["access_code"] else "no"
        click.echo(f"{r['id']:>4}  {r['state']:<7} {r['responses']:>7}  {code:<4}  {r['title']}")
        click.echo(f"{'':>30}{r['url']}")


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has data.")
@click.option("--responses", default=600, show_default=True, help="How many responses to make.")
@click.option("--seed", default=15, show_default=True, help="Random seed; same seed, same data.")
def demo(if_empty: bool, responses: int, seed: int) -> None:
    """Load a demo organisation (Midtdalen), a planner login, rounds and responses."""
    from surveyapp.demo.load import DEMO_EMAIL, DEMO_PASSWORD, database_is_empty, load_demo

    if if_empty and not database_is_empty():
        click.echo("The database already has data; demo data not loaded.")
    else:
        try:
            summary = load_demo(responses=responses, seed=seed)
        except InnspillError as e:
            fail(str(e))
        click.echo(summary)
    click.echo(f"Demo login: {DEMO_EMAIL} / {DEMO_PASSWORD}")


def register(app: Flask) -> None:
    from surveyapp import cli_export, cli_review, cli_translate

    for command in (questionnaires_cli, organisations_cli, users_cli, rounds_cli, demo):
        app.cli.add_command(command)
    for module in (cli_translate, cli_review, cli_export):
        module.register(app)
