"""What every command shares: a clear failure, and finding the rounds a command names."""

from __future__ import annotations

import sys

import click

from surveyapp.extensions import db
from surveyapp.models import Round


def fail(message: str) -> None:
    """Print a clear message on stderr and exit with code 1."""
    click.secho(message, fg="red", err=True)
    sys.exit(1)


def find_round(ident: str) -> Round:
    """The round with this id or slug; fails when there is none."""
    round_ = None
    if ident.isdigit():
        round_ = db.session.get(Round, int(ident))
    if round_ is None:
        round_ = db.session.scalar(db.select(Round).filter_by(slug=ident))
    if round_ is None:
        fail(f"No round with id or slug {ident!r}. See `flask rounds list`.")
    return round_


def rounds_by_id(ids: tuple[int, ...]) -> list[Round]:
    """The rounds with these ids, all of one organisation; fails otherwise."""
    rounds = []
    for round_id in ids:
        round_ = db.session.get(Round, round_id)
        if round_ is None:
            fail(f"No round with id {round_id} (see `flask rounds list`).")
        rounds.append(round_)
    if len({r.organisation_id for r in rounds}) > 1:
        fail("The rounds belong to different organisations.")
    return rounds
