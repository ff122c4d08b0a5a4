"""The big screen in the meeting room: join code, QR code, live counts, agreement and splits.

The page asks ``skjerm.json`` for new numbers every few seconds; without JavaScript it
reloads itself (``<noscript>`` meta refresh) and has an "Oppdater" link.
"""

from __future__ import annotations

import io

import segno
from flask import Response, jsonify, render_template
from markupsafe import Markup

from surveyapp.ideawall import planner_bp as bp
from surveyapp.ideawall.planner import wall_of_user
from surveyapp.models.ideawall import IdeaWall
from surveyapp.services import ideawall as service
from surveyapp.services.access import threshold_for
from surveyapp.services.ideawall.opinions import StatementStats, common_ground, divisive

#: statements per list on the screen
SCREEN_LIMIT = 5
POLL_SECONDS = 3


def qr_svg(url: str, *, inline: bool = True) -> str:
    """The QR code of ``url`` as SVG that scales to its box: inline markup, or a whole file."""
    code = segno.make(url, error="m")
    if inline:
        return code.svg_inline(scale=1, border=2, dark="#000", light="#fff", omitsize=True)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=10, border=2, dark="#000", light="#fff", xmldecl=False)
    return out.getvalue().decode()


def screen_data(wall: IdeaWall) -> dict:
    """Everything the screen shows, as plain data (the page renders it; the JSON sends it)."""
    threshold = threshold_for(wall.organisation)
    counts = service.statement_counts(wall)
    stats = [StatementStats(sid, c.agree, c.disagree, c.passes) for sid, c in counts.items()]
    texts = {s.id: s.text for s in service.statements(wall, "approved")}
    totals = service.wall_totals([wall])[wall.id]

    def item(sid: int) -> dict:
        c = counts[sid]
        return {
            "id": sid,
            "text": texts[sid],
            "agree": c.agree,
            "disagree": c.disagree,
            "passes": c.passes,
            "agree_percent": round(100 * c.agree / c.total) if c.total else 0,
        }

    return {
        "state": wall.state,
        "participants": totals["participants"],
        "statements": totals["approved"],
        "pending": totals["pending"],
        "votes": totals["votes"],
        "agreed": [item(s) for s in common_ground(stats, threshold, limit=SCREEN_LIMIT)],
        "split": [item(s) for s in divisive(stats, threshold, limit=SCREEN_LIMIT)],
        "threshold": threshold,
    }


@bp.get("/<int:wall_id>/skjerm")
def screen(wall_id: int):
    wall = wall_of_user(wall_id)
    url = service.join_url(wall)
    return render_template(
        "ideawall/planner/screen.html",
        wall=wall,
        join_url=url,
        display_url=url.split("://", 1)[-1],
        qr=Markup(qr_svg(url)),
        data=screen_data(wall),
        poll_seconds=POLL_SECONDS,
    )


@bp.get("/<int:wall_id>/skjerm.json")
def screen_json(wall_id: int):
    response = jsonify(screen_data(wall_of_user(wall_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/<int:wall_id>/qr.svg")
def qr(wall_id: int):
    """The QR code alone, to print or put on a slide."""
    wall = wall_of_user(wall_id)
    svg = qr_svg(service.join_url(wall), inline=False)
    return Response(
        svg,
        mimetype="image/svg+xml",
        headers={"Content-Disposition": f'inline; filename="idevegg-{wall.join_code}.svg"'},
    )
