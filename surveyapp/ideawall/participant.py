"""Participant pages: join with the code, write statements, vote Enig / Uenig / Vet ikke.

A participant is a device: a random 128-bit key in a cookie that only this wall's pages
receive (its path is the wall's address). The key is never logged or stored; the database
keeps its sha256 hash. Every page works without JavaScript; with it, votes are sent in the
background and the next statement appears without reloading the page.
"""

from __future__ import annotations

from dataclasses import asdict

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from surveyapp.errors.handlers import wants_json
from surveyapp.exceptions import NotFound
from surveyapp.extensions import csrf, db
from surveyapp.ideawall import participant_bp as bp
from surveyapp.ideawall.forms import StatementForm, VoteForm
from surveyapp.models.ideawall import VOTE_VALUES, IdeaParticipant, IdeaStatement, IdeaWall
from surveyapp.security import token_only_csrf
from surveyapp.services import ideawall as service

COOKIE = "idevegg"
COOKIE_DAYS = 14

token_only_csrf(bp, csrf)


@bp.after_request
def _private(response):
    """Participant pages hold one device's state: never cache (no Referer: ``security``)."""
    response.headers["Cache-Control"] = "no-store"
    return response


def _wall(code: str) -> IdeaWall:
    wall = service.find_wall(code)
    if wall is None:
        abort(404)
    return wall


def _participant(wall: IdeaWall) -> IdeaParticipant | None:
    return service.participant_for(wall, request.cookies.get(COOKIE))


def _statement_data(participant_id: int, is_open: bool) -> dict:
    """The next statement and the device's progress, as the vote page and its JSON need them.

    Takes an id rather than objects: after a vote is committed, reading them again would
    cost queries on the hottest path.
    """
    statement, voted, total = service.next_statement(participant_id)
    return {
        "next": asdict(statement) if statement is not None else None,
        "voted": voted,
        "total": total,
        "open": is_open,
    }


@bp.get("/")
def enter():
    """Type the code shown on the screen."""
    code = request.args.get("kode")
    if code is None:
        return render_template("ideawall/enter.html", code="", error=None)
    wall = service.find_wall(code)
    if wall is not None:
        return redirect(url_for(".wall", code=wall.join_code))
    error = _("Fant ingen idévegg med den koden. Sjekk koden på skjermen og prøv igjen.")
    return render_template("ideawall/enter.html", code=code[:16], error=error), 404


@bp.get("/<code>")
def wall(code: str):
    """Join (first visit) or take part: the next statement to vote on and a place to write."""
    wall = _wall(code)
    if code != wall.join_code:
        return redirect(url_for(".wall", code=wall.join_code))
    participant = _participant(wall)
    if participant is None:
        return render_template("ideawall/join.html", wall=wall)
    return _render_wall(wall, participant, StatementForm(wall, formdata=None))


def _render_wall(wall: IdeaWall, participant: IdeaParticipant, form: StatementForm, status=200):
    return render_template(
        "ideawall/wall.html",
        wall=wall,
        form=form,
        vote_form=VoteForm(formdata=None),
        data=_statement_data(participant.id, wall.is_open),
        own=service.own_statements(wall, participant),
        counted=participant.counted,
    ), status


@bp.post("/<code>/bli-med")
def join(code: str):
    """Give this device a key (or keep the one it has) and let it take part."""
    wall = _wall(code)
    key = request.cookies.get(COOKIE)
    if service.hash_key(key) is None:
        key = service.new_participant_key()
    try:
        service.join(wall, key)
    except service.WallClosed:
        return render_template("ideawall/join.html", wall=wall), 409
    response = redirect(url_for(".wall", code=wall.join_code), code=303)
    response.set_cookie(
        COOKIE,
        key,
        max_age=COOKIE_DAYS * 24 * 3600,
        path=url_for(".wall", code=wall.join_code),
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        httponly=True,
        samesite="Lax",
    )
    return response


@bp.post("/<code>/skriv")
def write(code: str):
    """Store a statement (masked; waiting for approval when the wall is moderated)."""
    wall = _wall(code)
    participant = _participant(wall)
    if participant is None:
        return redirect(url_for(".wall", code=wall.join_code), code=303)
    form = StatementForm(wall)
    if not form.validate():
        return _render_wall(wall, participant, form, 400)
    prompt_id = form.prompt.data if len(wall.prompts) > 1 else None
    try:
        statement = service.write_statement(wall, participant, form.text.data, prompt_id)
    except service.WallClosed as e:
        flash(str(e), "error")
        return redirect(url_for(".wall", code=wall.join_code), code=303)
    except service.InvalidStatement as e:
        form.text.errors = [str(e)]
        return _render_wall(wall, participant, form, 400)
    db.session.commit()
    if statement.status == "pending":
        flash(_("Takk! Innlegget ditt vises for de andre når det er godkjent."), "success")
    else:
        flash(_("Takk! Nå kan de andre stemme på innlegget ditt."), "success")
    return redirect(url_for(".wall", code=wall.join_code), code=303)


def _vote_answer(ids: tuple[int, bool], code: str, status: int, message: str):
    if wants_json():
        return jsonify({**_statement_data(*ids), "message": message}), status
    flash(message, "success" if status == 200 else "error")
    return redirect(url_for(".wall", code=code), code=303)


@bp.post("/<code>/stem")
def vote(code: str):
    """One vote per device and statement; a second one is refused with 409.

    The common case takes three statements: the vote (stored only if wall, device and
    statement are in order), its count, and the next statement with the progress. Anything
    else goes the long way, which finds out what is wrong.
    """
    form = VoteForm(meta={"csrf": False})  # CSRFProtect has already checked the token
    key_hash = service.hash_key(request.cookies.get(COOKIE))
    if form.validate() and key_hash is not None:
        joined = service.normalise_code(code)
        try:
            voter = service.vote_at_once(
                joined, key_hash, form.statement_id.data, VOTE_VALUES[form.vote.data]
            )
        except service.AlreadyVoted:
            voter = None  # the long way answers 409 with the next statement
        if voter is not None:
            return _vote_answer((voter, True), joined, 200, _("Stemmen din er lagret."))
    return _vote_the_long_way(code, form)


def _vote_the_long_way(code: str, form: VoteForm):
    wall = _wall(code)
    participant = _participant(wall)
    if participant is None:
        if wants_json():
            return jsonify(error=_("Trykk «Bli med» først."), status=403), 403
        return redirect(url_for(".wall", code=wall.join_code), code=303)
    if not form.validate():
        abort(400)
    ids, code = (participant.id, wall.is_open), wall.join_code
    try:
        service.cast_vote(wall, participant, form.statement_id.data, VOTE_VALUES[form.vote.data])
    except NotFound:
        abort(404)
    except (service.AlreadyVoted, service.WallClosed) as e:
        return _vote_answer(ids, code, 409, str(e))
    return _vote_answer(ids, code, 200, _("Stemmen din er lagret."))


@bp.get("/<code>/neste")
def next_statement(code: str):
    """The next statement as JSON: the page asks for it when it has run out of statements."""
    wall = _wall(code)
    participant = _participant(wall)
    if participant is None:
        return jsonify(error=_("Trykk «Bli med» først."), status=403), 403
    return jsonify(_statement_data(participant.id, wall.is_open))


def statement_status_label(statement: IdeaStatement) -> str:
    """How a participant's own statement is doing, in words for the participant."""
    return {
        "pending": _("Venter på godkjenning"),
        "approved": _("Vises for de andre"),
        "rejected": _("Vises ikke"),
    }[statement.status]


bp.add_app_template_global(statement_status_label, "idea_status_label")
