"""Sharing a round: the public link, its QR code (SVG and PNG) and a printable poster."""

from __future__ import annotations

import io

import segno
from flask import Response, abort, jsonify, render_template

from surveyapp.planner import bp
from surveyapp.planner.access import load_round, role_required
from surveyapp.services.rounds import public_url, response_counts

QR_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def qr_code(url: str, kind: str) -> bytes:
    """The QR code of ``url`` as SVG or PNG, large enough to print on a poster."""
    buffer = io.BytesIO()
    options = {"xmldecl": False, "title": "QR-kode"} if kind == "svg" else {}
    segno.make(url, error="m").save(buffer, kind=kind, scale=10, border=4, **options)
    return buffer.getvalue()


@bp.get("/runder/<int:round_id>/del")
@role_required("viewer")
def share(round_id: int):
    """The link to send out, the QR code, and how many have answered so far."""
    round_ = load_round(round_id)
    count = response_counts([round_.id]).get(round_.id, 0)
    return render_template("planner/share.html", round=round_, url=public_url(round_), count=count)


@bp.get("/runder/<int:round_id>/qr.<kind>")
@role_required("viewer")
def qr(round_id: int, kind: str):
    round_ = load_round(round_id)
    if kind not in QR_TYPES:
        abort(404)
    data = qr_code(public_url(round_), kind)
    name = f"innspill-runde-{round_.id}-qr.{kind}"
    return Response(
        data,
        mimetype=QR_TYPES[kind],
        headers={
            "Content-Disposition": f'inline; filename="{name}"',
            "Cache-Control": "private, max-age=300",
        },
    )


@bp.get("/runder/<int:round_id>/plakat")
@role_required("viewer")
def poster(round_id: int):
    """One printable page for a meeting room: title, QR code and the short link."""
    round_ = load_round(round_id)
    return render_template("planner/poster.html", round=round_, url=public_url(round_))


@bp.get("/runder/<int:round_id>/antall")
@role_required("viewer")
def live_count(round_id: int):
    """Responses so far, for the share page to poll (does not count as activity)."""
    round_ = load_round(round_id)
    count = response_counts([round_.id]).get(round_.id, 0)
    return jsonify(responses=count, state=round_.state)
