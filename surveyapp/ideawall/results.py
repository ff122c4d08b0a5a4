"""Results of a wall (opinion groups, common ground, splits) and choosing statements for the plan."""

from __future__ import annotations

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.ideawall import planner_bp as bp
from surveyapp.ideawall.forms import ActionForm, ChoiceForm
from surveyapp.ideawall.planner import back_to, planner_role, statement_of_wall, wall_of_user
from surveyapp.models.ideawall import IdeaWall
from surveyapp.services import ideawall as service
from surveyapp.services.access import threshold_for
from surveyapp.services.analysis.engine import AnalysisFailed
from surveyapp.services.ideawall.opinions import OpinionMap, opinion_map
from surveyapp.services.ideawall.plan import counts_phrases, section_markdown, youth_council_section
from surveyapp.services.ideawall import themes as wall_themes
from surveyapp.services.ideawall.themes import theme_statements

#: participants need this many votes before they are placed in an opinion group
MIN_VOTES = 3
RANDOM_STATE = 0


def analyse_wall(wall: IdeaWall) -> OpinionMap:
    """The opinion map of the wall's approved statements, with the organisation's threshold."""
    return opinion_map(
        service.vote_triples(wall),
        threshold=threshold_for(wall.organisation),
        min_votes=MIN_VOTES,
        random_state=RANDOM_STATE,
    )


def themed(statements) -> dict[str, list] | None:
    """Statements by theme label, largest theme first; None when the engine cannot theme them."""
    try:
        labels = theme_statements([s.text for s in statements])
    except AnalysisFailed as e:
        current_app.logger.warning("Theming idea-wall statements failed: %s", e)
        return None
    groups: dict[str, list] = {}
    for statement, label in zip(statements, labels):
        label = statement.theme_label or label
        groups.setdefault(label or _("Uten tema"), []).append(statement)
    return dict(sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])))


@bp.get("/<int:wall_id>/resultat")
def results(wall_id: int):
    wall = wall_of_user(wall_id)
    statements = service.statements(wall, "approved")
    return render_template(
        "ideawall/planner/results.html",
        wall=wall,
        result=analyse_wall(wall),
        joined=service.wall_totals([wall])[wall.id]["participants"],
        statements={s.id: s for s in statements},
        action=ActionForm(),
    )


@bp.get("/<int:wall_id>/tema")
def themes(wall_id: int):
    """The statements sorted into the plan's themes by the analysis engine (takes a few seconds)."""
    wall = wall_of_user(wall_id)
    statements = service.statements(wall, "approved")
    return render_template(
        "ideawall/planner/themes.html",
        wall=wall,
        groups=themed(statements) if statements else {},
        counts=service.statement_counts(wall),
        theme_labels=_theme_labels(),
        action=ActionForm(),
    )


def _theme_labels() -> tuple[str, ...]:
    try:
        return wall_themes.theme_labels()
    except (AnalysisFailed, ImportError):
        return ()


@bp.post("/<int:wall_id>/innlegg/<int:statement_id>/tema")
@planner_role
def set_theme(wall_id: int, statement_id: int):
    """The planner corrects a statement's theme on the Tema tab (empty: the engine decides)."""
    wall = wall_of_user(wall_id)
    statement = statement_of_wall(wall, statement_id)
    if not ActionForm().validate():
        flash(_("Noe gikk galt. Prøv igjen."), "error")
    else:
        try:
            wall_themes.set_theme(statement, request.form.get("theme"))
        except InnspillError as e:
            flash(str(e), "error")
        else:
            service.audit(
                current_user, wall, "ideawall.statement.theme", statement=statement.id
            )
            db.session.commit()
            flash(_("Temaet for innlegget er lagret."), "success")
    return redirect(url_for(".themes", wall_id=wall.id) + f"#innlegg-{statement.id}", code=303)


@bp.post("/<int:wall_id>/innlegg/<int:statement_id>/velg")
@planner_role
def choose(wall_id: int, statement_id: int):
    """Make a statement a finding in the plan, with its vote counts as they are now."""
    wall = wall_of_user(wall_id)
    statement = statement_of_wall(wall, statement_id)
    form = ChoiceForm()
    if not form.validate():
        flash(_("Noe gikk galt. Prøv igjen."), "error")
    else:
        try:
            service.choose(statement, form.kind.data, current_user)  # commits
        except service.AlreadyChosen as e:
            flash(str(e), "info")
        except service.IdeaWallError as e:
            flash(str(e), "error")
        else:
            flash(
                _("Innlegget er lagt til som funn under Utfordringsbilde, med stemmene."),
                "success",
            )
    return redirect(back_to(url_for(".results", wall_id=wall.id)), code=303)


@bp.post("/<int:wall_id>/innlegg/<int:statement_id>/fjern")
@planner_role
def unchoose(wall_id: int, statement_id: int):
    wall = wall_of_user(wall_id)
    service.unchoose(statement_of_wall(wall, statement_id), current_user)
    db.session.commit()
    flash(
        _("Innlegget er tatt ut av «Ungdomsrådet mener». Funnet står fortsatt under Funn."),
        "success",
    )
    return redirect(back_to(url_for(".plan", wall_id=wall.id)), code=303)


@bp.get("/<int:wall_id>/planen")
def plan(wall_id: int):
    """What was chosen for the plan, as it will appear under "Ungdomsrådet mener"."""
    wall = wall_of_user(wall_id)
    items = youth_council_section(wall)
    return render_template(
        "ideawall/planner/plan.html",
        wall=wall,
        items=items,
        votes=counts_phrases(wall, items),
        threshold=threshold_for(wall.organisation),
        action=ActionForm(),
    )


@bp.get("/<int:wall_id>/planen.md")
def plan_markdown(wall_id: int):
    wall = wall_of_user(wall_id)
    service.audit(current_user, wall, "ideawall.export.markdown")
    db.session.commit()
    return Response(
        section_markdown(wall),
        mimetype="text/markdown",
        headers={"Content-Disposition": f'attachment; filename="ungdomsradet-mener-{wall.id}.md"'},
    )
