"""Routes: analysis runs (start, progress, update), group comparison and codebooks."""

from __future__ import annotations

import yaml
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models.analysis import Codebook
from surveyapp.review import bp
from surveyapp.review.access import load_codebook, load_round, load_run, role_required
from surveyapp.review.forms import ActionForm, CodebookForm, NewRunForm, RunNameForm
from surveyapp.review.helpers import threshold
from surveyapp.services import rounds as rounds_service
from surveyapp.services.analysis import codebooks
from surveyapp.services.analysis import engine as analysis_engine
from surveyapp.services.analysis import runs as analysis_runs
from surveyapp.services.themes import review as theme_review
from surveyapp.services.themes import history as theme_history
from surveyapp.services.themes import stats as theme_stats
from surveyapp.services.themes.compare import compare


@bp.get("/")
@role_required("viewer")
def index():
    """The organisation's analyses, newest first."""
    runs = analysis_runs.runs_of(current_user.organisation)
    return render_template("review/index.html", runs=runs)


def _new_run_form() -> NewRunForm:
    form = NewRunForm()
    rounds = rounds_service.list_rounds(current_user.organisation)
    form.rounds.choices = [(r.id, r.title) for r in rounds]
    form.questions.choices = [
        (q.key, f"{q.text} ({', '.join(q.rounds)})")
        for q in analysis_runs.free_text_questions(rounds)
    ]
    form.codebook.choices = [
        *[
            (f"builtin:{k}", _("%(name)s (innebygd)", name=name))
            for k, name in analysis_engine.builtin_codebooks().items()
        ],
        *[(f"custom:{c.id}", c.name) for c in codebooks.codebooks_of(current_user.organisation)],
    ]
    form.source_run.choices = [(0, _("Ingen"))] + [
        (r.id, f"#{r.id} {r.title}")
        for r in analysis_runs.runs_of(current_user.organisation)
        if r.status == "done"
    ]
    return form


@bp.route("/ny", methods=["GET", "POST"])
@role_required("planner")
def new_run():
    """Choose rounds, questions and mode, and start an analysis in the background."""
    form = _new_run_form()
    if form.validate_on_submit():
        try:
            run = analysis_runs.create_run(
                current_user.organisation,
                [load_round(i) for i in form.rounds.data],
                form.questions.data,
                form.mode.data,
                user=current_user,
                source_run=load_run(form.source_run.data) if form.source_run.data else None,
                random_state=form.random_state.data or 0,
                title=form.title.data,
                **codebooks.choice(form.codebook.data, current_user.organisation),
            )
        except InnspillError as e:
            form.form_errors.append(str(e))
        else:
            theme_review.record(run, current_user, "run", mode=run.mode)
            db.session.commit()
            analysis_runs.start(run)
            return redirect(url_for("review.run", run_id=run.id))
    return render_template("review/new_run.html", form=form)


@bp.get("/<int:run_id>")
@role_required("viewer")
def run(run_id: int):
    """The progress page while the run works, then the theme list."""
    run = load_run(run_id)
    if run.status in ("queued", "running") or (run.status == "failed" and not run.themes):
        return render_template("review/progress.html", run=run, status=analysis_runs.progress(run))
    dimension = request.args.get("gruppe", "audience")
    if dimension not in theme_stats.DIMENSIONS:
        dimension = "audience"
    rows = theme_stats.run_rows(run)
    limit = threshold()
    summaries = theme_stats.summaries(run, rows, limit, dimension)
    new_answers = analysis_runs.new_answer_count(run)
    db.session.commit()  # keep snapshots that counting may just have published
    return render_template(
        "review/themes.html",
        run=run,
        dimension=dimension,
        summaries=[s for s in summaries if not theme_review.is_proposal(s.theme)],
        proposals=[s for s in summaries if theme_review.is_proposal(s.theme)],
        coding_effect=(run.parameters or {}).get("coding_effect"),
        counts=theme_stats.counts_by_status(rows),
        threshold=limit,
        new_answers=new_answers,
        form=ActionForm(),
        status=analysis_runs.progress(run),
    )


@bp.get("/<int:run_id>/status.json")
@role_required("viewer")
def run_status(run_id: int):
    """Progress as JSON for the progress bar (no answer text)."""
    status = analysis_runs.progress(load_run(run_id))
    status["url"] = url_for("review.run", run_id=run_id)
    return jsonify(status)


def _queue(run_id: int, job: str):
    run = load_run(run_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        analysis_runs.queue_job(run, job)
    except InnspillError as e:
        flash(str(e), "error")
        return redirect(url_for("review.run", run_id=run.id))
    theme_review.record(run, current_user, job)
    db.session.commit()
    analysis_runs.start(run)
    return redirect(url_for("review.run", run_id=run.id))


@bp.post("/<int:run_id>/oppdater")
@role_required("planner")
def update(run_id: int):
    """Place answers that arrived after the run in the reviewed themes."""
    return _queue(run_id, "update")


@bp.post("/<int:run_id>/laer")
@role_required("planner")
def learn(run_id: int):
    """Let the engine learn from the coded answers and re-suggest the uncertain ones."""
    return _queue(run_id, "learn")


@bp.post("/<int:run_id>/kjor-pa-nytt")
@role_required("planner")
def rerun(run_id: int):
    """Run the engine again over every answer; the planner's decisions are kept."""
    return _queue(run_id, "rerun")


@bp.post("/<int:run_id>/navn")
@role_required("planner")
def name(run_id: int):
    """Give the analysis a name."""
    run = load_run(run_id)
    form = RunNameForm()
    if not form.validate_on_submit():
        flash(form.title.errors[0] if form.title.errors else _("Skriv et navn."), "error")
        return redirect(url_for("review.run", run_id=run.id))
    theme_review.name_run(run, form.title.data, current_user)
    db.session.commit()
    flash(_("Analysen har fått nytt navn."), "success")
    return redirect(url_for("review.run", run_id=run.id))


@bp.get("/<int:run_id>/hendelser")
@role_required("viewer")
def events(run_id: int):
    run = load_run(run_id)
    return render_template(
        "review/events.html",
        run=run,
        events=theme_history.events(run),
        actions=theme_review.ACTIONS,
        describe=theme_history.describe,
    )


@bp.get("/<int:run_id>/sammenlign")
@role_required("viewer")
def compare_groups(run_id: int):
    """Where two groups raise the same themes, and where they differ."""
    run = load_run(run_id)
    rows = theme_stats.run_rows(run)
    dimension = request.args.get("gruppe", "audience")
    if dimension not in theme_stats.DIMENSIONS:
        dimension = "audience"
    sizes = theme_stats.group_sizes(rows, dimension)
    values = sorted(sizes, key=lambda v: -sizes[v])
    a = request.args.get("a") or (values[0] if values else "")
    b = request.args.get("b") or (values[1] if len(values) > 1 else a)
    themes = [t for t in theme_stats.active_themes(run) if not t.is_other]
    limit = threshold()
    results = compare(rows, themes, dimension, a, b, limit) if values else []
    return render_template(
        "review/compare.html",
        run=run,
        dimension=dimension,
        values=values,
        a=a,
        b=b,
        results=results,
        label=theme_stats.group_label,
        threshold=limit,
    )


@bp.route("/kodebok", methods=["GET", "POST"])
@role_required("viewer")
def codebook_list():
    """Built-in and own codebooks; upload a new one or copy a built-in."""
    form = CodebookForm()
    if request.method == "POST":
        saved = _save_codebook(form, None)
        if saved is not None:
            return saved
    elif request.args.get("kopi") in analysis_engine.builtin_codebooks():
        data = analysis_engine.codebook_data(request.args["kopi"])
        form.name.data = _("Kopi av %(name)s", name=data.get("name") or request.args["kopi"])
        form.text.data = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return render_template(
        "review/codebooks.html",
        form=form,
        builtins=analysis_engine.builtin_codebooks(),
        own=codebooks.codebooks_of(current_user.organisation),
    )


@bp.route("/kodebok/<int:codebook_id>", methods=["GET", "POST"])
@role_required("viewer")
def codebook_edit(codebook_id: int):
    book = load_codebook(codebook_id)
    form = CodebookForm(obj=book)
    if request.method == "POST":
        saved = _save_codebook(form, book)
        if saved is not None:
            return saved
    else:
        form.text.data = codebooks.as_yaml(book)
    return render_template("review/codebook_edit.html", form=form, book=book)


def _save_codebook(form: CodebookForm, book: Codebook | None):
    """Store the posted codebook (new when ``book`` is None): a redirect, or None on errors."""
    if not current_user.can("planner"):
        abort(403)
    if not form.validate_on_submit():
        return None
    try:
        book = codebooks.save(
            current_user.organisation, book, form.name.data, codebooks.text_of(form), current_user
        )
    except InnspillError as e:
        form.form_errors.append(str(e))
        return None
    db.session.commit()
    flash(_("Kodeboken er lagret."), "success")
    return redirect(url_for("review.codebook_edit", codebook_id=book.id))
