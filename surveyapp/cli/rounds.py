"""``flask rounds list``: the rounds with their state, public URL and number of responses."""

from __future__ import annotations

import json

import click
from flask.cli import AppGroup

from surveyapp.services import rounds

rounds_cli = AppGroup("rounds", help="See rounds and their answers.")


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
