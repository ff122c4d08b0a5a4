"""``flask api-token create``: a token for scripted access to ``/api``, printed once."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from surveyapp.cli.common import fail
from surveyapp.extensions import db
from surveyapp.models import User
from surveyapp.services import access, audit
from surveyapp.services.organisations import normalise_email

tokens_cli = AppGroup("api-token", help="Create API tokens for scripted access to /api.")


@tokens_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="What the token is for, e.g. 'Power BI'.")
def create_token(email: str, name: str) -> None:
    """Create a token acting as the user EMAIL (planner or admin); printed once."""
    user = db.session.scalar(db.select(User).filter_by(email=normalise_email(email)))
    if user is None or not user.active:
        fail(f"No active user {email}.")
    if not user.can("planner"):
        fail(f"{user.email} is a viewer; tokens are for planners and admins.")
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
