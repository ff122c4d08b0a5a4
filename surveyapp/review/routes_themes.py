"""Routes: the theme review workspace (read a theme, rename, merge, split, move answers)."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.privacy import group_may_be_shown
from surveyapp.review import bp
from surveyapp.review.access import load_item, load_run, load_theme, role_required
from surveyapp.review.forms import ActionForm, LabelForm, MergeForm, SplitForm, ThemeChoiceForm
from surveyapp.review.helpers import next_url, threshold
from surveyapp.services.themes import review as theme_review
from surveyapp.services.themes import history as theme_history
from surveyapp.services.themes import stats as theme_stats

PAGE_SIZE = 50


def _theme_choices(run) -> list[tuple[int, str]]:
    return [(t.id, t.label) for t in theme_stats.active_themes(run)]


@bp.get("/<int:run_id>/tema/<int:theme_id>")
@role_required("viewer")
def theme(run_id: int, theme_id: int):
    """All answers of one theme, with matching terms highlighted and group breakdowns."""
    run = load_run(run_id)
    theme = load_theme(run, theme_id)
    if not theme.active:
        return redirect(url_for("review.theme", run_id=run.id, theme_id=theme.merged_into_id))
    rows = theme_stats.run_rows(run)
    small = theme.id in theme_stats.small_themes(rows, threshold())
    items = [] if small else theme_stats.theme_items(run, theme)
    page = max(1, request.args.get("side", 1, type=int))
    pages = max(1, -(-len(items) // PAGE_SIZE))
    shown_groups = _shown_groups(rows)
    return render_template(
        "review/theme.html",
        run=run,
        theme=theme,
        items=items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        total=len(items),
        small=small,
        threshold=threshold(),
        page=page,
        pages=pages,
        choices=_theme_choices(run),
        breakdowns=[
            theme_stats.breakdown(rows, theme.id, d, threshold()) for d in theme_stats.DIMENSIONS
        ],
        groups={r.item_id: r.groups for r in rows},
        shown_groups=shown_groups,
        label_form=LabelForm(label=theme.label),
        split_form=SplitForm(),
        form=ActionForm(),
    )


def _shown_groups(rows) -> dict[str, set[str]]:
    """Group values large enough to be named next to a single answer."""
    t = threshold()
    return {
        d: {v for v, n in theme_stats.group_sizes(rows, d).items() if group_may_be_shown(n, t)}
        for d in ("audience", "service")
    }


def _act(run_id: int, form, action: Callable[[object], str | None], default: str):
    """Validate ``form``, run ``action(form)``, commit, flash and redirect."""
    if not form.validate_on_submit():
        abort(400)
    try:
        message = action(form)
    except InnspillError as e:
        db.session.rollback()
        flash(str(e), "error")
        return redirect(next_url(default))
    db.session.commit()
    if message:
        flash(message, "success")
    return redirect(next_url(default))


@bp.post("/<int:run_id>/tema/<int:theme_id>/navn")
@role_required("planner")
def rename(run_id: int, theme_id: int):
    run = load_run(run_id)
    theme = load_theme(run, theme_id)
    return _act(
        run.id,
        LabelForm(),
        lambda f: (
            theme_review.rename(theme, f.label.data, current_user)
            or _("Temaet har fått nytt navn.")
        ),
        url_for("review.theme", run_id=run.id, theme_id=theme.id),
    )


@bp.post("/<int:run_id>/tema/<int:theme_id>/godta")
@role_required("planner")
def accept(run_id: int, theme_id: int):
    run = load_run(run_id)
    theme = load_theme(run, theme_id)
    return _act(
        run.id,
        ActionForm(),
        lambda f: theme_review.accept(theme, current_user) or _("Temaet er godtatt."),
        url_for("review.theme", run_id=run.id, theme_id=theme.id),
    )


@bp.post("/<int:run_id>/tema/<int:theme_id>/til-annet")
@role_required("planner")
def dismiss(run_id: int, theme_id: int):
    """A proposed theme's answers go to "Annet" instead."""
    run = load_run(run_id)
    theme = load_theme(run, theme_id)
    return _act(
        run.id,
        ActionForm(),
        lambda f: (
            theme_review.dismiss(run, theme, current_user)
            and _("Svarene i forslaget er lagt i «Annet».")
        ),
        url_for("review.run", run_id=run.id),
    )


@bp.post("/<int:run_id>/tema/<int:theme_id>/del")
@role_required("planner")
def split(run_id: int, theme_id: int):
    run = load_run(run_id)
    theme = load_theme(run, theme_id)
    form = SplitForm()

    def action(f):
        n = "auto" if f.n_themes.data == "auto" else int(f.n_themes.data)
        parts = theme_review.split(run, theme, current_user, n)
        return _("Temaet er delt i %(n)d tema.", n=len(parts))

    return _act(run.id, form, action, url_for("review.run", run_id=run.id))


@bp.post("/<int:run_id>/tema/slaa-sammen")
@role_required("planner")
def merge(run_id: int):
    run = load_run(run_id)
    form = MergeForm()
    form.themes.choices = _theme_choices(run)

    def action(f):
        chosen = [load_theme(run, i) for i in f.themes.data]
        target = theme_review.merge(run, chosen, current_user, f.label.data)
        return _("Temaene er slått sammen til «%(label)s».", label=target.label)

    return _act(run.id, form, action, url_for("review.run", run_id=run.id))


@bp.post("/<int:run_id>/tema/nytt")
@role_required("planner")
def new_theme(run_id: int):
    run = load_run(run_id)
    return _act(
        run.id,
        LabelForm(),
        lambda f: (
            theme_review.create_theme(run, f.label.data, current_user) and _("Temaet er laget.")
        ),
        url_for("review.run", run_id=run.id),
    )


def _item_action(run_id: int, item_id: int, form, action) -> object:
    run = load_run(run_id)
    item = load_item(run, item_id)
    if isinstance(form, ThemeChoiceForm):
        form.theme.choices = [(0, "")] + _theme_choices(run)
    return _act(run.id, form, lambda f: action(run, item, f), url_for("review.run", run_id=run.id))


@bp.post("/<int:run_id>/svar/<int:item_id>/flytt")
@role_required("planner")
def move(run_id: int, item_id: int):
    def action(run, item, f):
        if not f.theme.data:
            raise InnspillError(_("Velg et tema."))
        theme_review.move(item, load_theme(run, f.theme.data), current_user)
        return _("Svaret er flyttet.")

    return _item_action(run_id, item_id, ThemeChoiceForm(), action)


@bp.post("/<int:run_id>/svar/<int:item_id>/andre-tema")
@role_required("planner")
def second(run_id: int, item_id: int):
    def action(run, item, f):
        theme = load_theme(run, f.theme.data) if f.theme.data else None
        theme_review.set_second(item, theme, current_user)
        return _("Det andre temaet er lagret.") if theme else _("Det andre temaet er fjernet.")

    return _item_action(run_id, item_id, ThemeChoiceForm(), action)


@bp.post("/<int:run_id>/svar/<int:item_id>/utenfor")
@role_required("planner")
def off_topic(run_id: int, item_id: int):
    def action(run, item, f):
        theme_review.mark_off_topic(item, current_user)
        return _("Svaret er merket som utenfor tema.")

    return _item_action(run_id, item_id, ActionForm(), action)


@bp.post("/<int:run_id>/svar/<int:item_id>/bekreft")
@role_required("planner")
def confirm(run_id: int, item_id: int):
    def action(run, item, f):
        theme_review.confirm(item, current_user)
        return _("Temaet er bekreftet.")

    return _item_action(run_id, item_id, ActionForm(), action)


@bp.get("/<int:run_id>/usikre")
@role_required("viewer")
def uncertain(run_id: int):
    """The "code the uncertain ones" queue: least certain first."""
    run = load_run(run_id)
    queue = theme_history.uncertain_queue(run)
    themes = {t.id: t for t in run.themes}
    return render_template(
        "review/uncertain.html",
        run=run,
        queue=queue,
        themes=themes,
        small=theme_stats.small_themes(theme_stats.run_rows(run), threshold()),
        threshold=threshold(),
        choices=_theme_choices(run),
        form=ActionForm(),
    )
