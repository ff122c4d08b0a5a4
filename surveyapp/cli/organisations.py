"""``flask organisations create`` and ``flask users create``: municipalities and their planners."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from surveyapp.cli.common import fail
from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import ROLES
from surveyapp.services import organisations

organisations_cli = AppGroup("organisations", help="Manage organisations (municipalities).")
users_cli = AppGroup("users", help="Manage planner accounts.")


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
