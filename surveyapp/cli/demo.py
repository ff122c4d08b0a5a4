"""``flask demo``: load the demo organisation (Midtdalen) with rounds and responses."""

from __future__ import annotations

import click

from surveyapp.cli.common import fail
from surveyapp.exceptions import InnspillError


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
