"""Planner pages: the organisation's walls, opening and closing them, and moderation.

Every page needs a signed-in user and shows only the user's own organisation's walls
(another organisation's wall answers 404). Viewers may look; changing anything needs the
planner role (403 otherwise).
"""

from __future__ import annotations

from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyapp.auth.redirects import local_path
from surveyapp.exceptions import NotFound
from surveyapp.extensions import db, login_manager
from surveyapp.ideawall import planner_bp as bp
from surveyapp.ideawall.forms import ActionForm, StatementForm, WallForm
from surveyapp.models.ideawall import IdeaStatement, IdeaWall
from surveyapp.services import ideawall as service


@bp.before_request
def _signed_in():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


def planner_role(view):
    """Only planners and administrators may change things; viewers get 403."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.can("planner"):
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def wall_of_user(wall_id: int) -> IdeaWall:
    """The wall, if it belongs to the signed-in user's organisation; 404 otherwise."""
    wall = db.get_or_404(IdeaWall, wall_id)
    if wall.organisation_id != current_user.organisation_id:
        abort(404)
    return wall


def statement_of_wall(wall: IdeaWall, statement_id: int) -> IdeaStatement:
    try:
        return service.statement_of(wall, statement_id)
    except NotFound:
        abort(404)


def back_to(default: str) -> str:
    """Where a button should return to: a local path from the form, else ``default``."""
    return local_path(request.form.get("next")) or default


@bp.get("/")
def index():
    """The organisation's idea walls."""
    walls = service.list_walls(current_user.organisation)
    return render_template(
        "ideawall/planner/index.html", walls=walls, totals=service.wall_totals(walls)
    )


@bp.route("/ny", methods=["GET", "POST"])
@planner_role
def new():
    """Open a new wall with one or more prompts."""
    form = WallForm()
    if form.validate_on_submit():
        try:
            wall = service.create_wall(
                current_user.organisation,
                form.title.data,
                form.prompt_lines(),
                moderated=form.moderated.data,
                created_by=current_user,
            )
        except service.IdeaWallError as e:
            form.prompts.errors = [str(e)]
        else:
            db.session.commit()
            flash(_("Idéveggen er åpnet. Vis skjermen med koden til ungdommene."), "success")
            return redirect(url_for(".show", wall_id=wall.id), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("ideawall/planner/new.html", form=form), status


@bp.get("/<int:wall_id>")
def show(wall_id: int):
    """One wall: its code, links to the screen, moderation and results, and its state."""
    wall = wall_of_user(wall_id)
    return render_template(
        "ideawall/planner/show.html",
        wall=wall,
        totals=service.wall_totals([wall])[wall.id],
        join_url=service.join_url(wall),
        form=StatementForm(wall, formdata=None),
        action=ActionForm(),
        rate=service.join_rate(wall),
    )


def _switch(wall_id: int, change, is_open: bool, message: str):
    """Open or close the wall (or its entry), commit, say so and go back."""
    wall = wall_of_user(wall_id)
    change(wall, is_open, current_user)
    db.session.commit()
    flash(message, "success")
    return redirect(back_to(url_for(".show", wall_id=wall.id)), code=303)


@bp.post("/<int:wall_id>/lukk")
@planner_role
def close(wall_id: int):
    message = _("Idéveggen er stengt. Ingen kan skrive eller stemme mer.")
    return _switch(wall_id, service.set_open, False, message)


@bp.post("/<int:wall_id>/apne")
@planner_role
def reopen(wall_id: int):
    return _switch(wall_id, service.set_open, True, _("Idéveggen er åpen igjen."))


@bp.post("/<int:wall_id>/deltakere/steng")
@planner_role
def close_entry(wall_id: int):
    """*Steng for nye deltakere*: devices that join after this are not counted."""
    message = _("Stengt for nye deltakere. Stemmer fra telefoner som kommer til nå, telles ikke.")
    return _switch(wall_id, service.set_entry, False, message)


@bp.post("/<int:wall_id>/deltakere/apne")
@planner_role
def open_entry(wall_id: int):
    return _switch(wall_id, service.set_entry, True, _("Åpen for nye deltakere igjen."))


@bp.post("/<int:wall_id>/innlegg")
@planner_role
def add_statement(wall_id: int):
    """The contact person adds a statement to get the voting started (shown at once)."""
    wall = wall_of_user(wall_id)
    form = StatementForm(wall)
    if form.validate():
        prompt_id = form.prompt.data if len(wall.prompts) > 1 else None
        try:
            service.add_statement(wall, form.text.data, prompt_id, current_user)
        except service.InvalidStatement as e:
            form.text.errors = [str(e)]
        else:
            db.session.commit()
            flash(_("Innlegget er lagt til."), "success")
            return redirect(url_for(".show", wall_id=wall.id), code=303)
    return render_template(
        "ideawall/planner/show.html",
        wall=wall,
        totals=service.wall_totals([wall])[wall.id],
        join_url=service.join_url(wall),
        form=form,
        action=ActionForm(),
        rate=service.join_rate(wall),
    ), 400


@bp.get("/<int:wall_id>/moderering")
def moderation(wall_id: int):
    """Statements waiting for approval first, then the shown and the hidden ones."""
    wall = wall_of_user(wall_id)
    items = service.statements(wall)
    return render_template(
        "ideawall/planner/moderation.html",
        wall=wall,
        pending=[s for s in items if s.status == "pending"],
        approved=[s for s in items if s.status == "approved"],
        rejected=[s for s in items if s.status == "rejected"],
        action=ActionForm(),
        rate=service.join_rate(wall),
    )


def _moderate(wall_id: int, statement_id: int, approve: bool):
    wall = wall_of_user(wall_id)
    statement = statement_of_wall(wall, statement_id)
    service.moderate(statement, approve, current_user)
    db.session.commit()
    return redirect(back_to(url_for(".moderation", wall_id=wall.id)), code=303)


@bp.post("/<int:wall_id>/innlegg/<int:statement_id>/godkjenn")
@planner_role
def approve(wall_id: int, statement_id: int):
    return _moderate(wall_id, statement_id, True)


@bp.post("/<int:wall_id>/innlegg/<int:statement_id>/avvis")
@planner_role
def reject(wall_id: int, statement_id: int):
    return _moderate(wall_id, statement_id, False)
