"""The overview of a round and its free-text answers; viewers may read both."""

from __future__ import annotations

import hashlib

from flask import abort, jsonify, render_template
from flask_babel import get_locale

from surveyapp.definitions.schema import TEXT_TYPES
from surveyapp.extensions import db
from surveyapp.models import Answer, Response
from surveyapp.planner import bp
from surveyapp.planner.access import load_round, role_required
from surveyapp.planner.forms import ActionForm, ReopenForm
from surveyapp.privacy import group_may_be_shown
from surveyapp.services.analysis import vectors as answer_vectors
from surveyapp.services.results import overview as overview_service
from surveyapp.services.results import snapshots
from surveyapp.services.access import threshold_for
from surveyapp.services.results.charts import bar_chart, percent_text
from surveyapp.services.questionnaires import definition_of


@bp.app_template_global()
def chart_of(table: dict, hidden_text: str) -> dict:
    """Chart geometry for a suppressed table (used by ``planner/_results.html``)."""
    return bar_chart(table, hidden_text)


@bp.app_template_filter("percent")
def percent_filter(value: float | None) -> str:
    return percent_text(value)


@bp.get("/runder/<int:round_id>")
@role_required("viewer")
def overview(round_id: int):
    """Responses over time and per group, and the result of every question."""
    round_ = load_round(round_id)
    data = overview_service.build(round_, lang=str(get_locale() or "nb"))
    db.session.commit()  # keep a snapshot the overview may just have published
    return render_template(
        "planner/round.html",
        round=round_,
        data=data,
        kept=overview_service.stored_summary(round_),
        # counted only while a job reads: the overview is opened far more often than imports run
        reading=answer_vectors.reading_status(round_.id)
        if answer_vectors.is_reading(round_.id)
        else None,
        action_form=ActionForm(),
        reopen_form=ReopenForm(),
    )


@bp.get("/runder/<int:round_id>/lesing")
@role_required("viewer")
def reading_status(round_id: int):
    """How many imported answers have been read for meaning, for the overview to poll."""
    round_ = load_round(round_id)
    return jsonify(answer_vectors.reading_status(round_.id))


@bp.get("/runder/<int:round_id>/fritekst/<key>")
@role_required("viewer")
def texts(round_id: int, key: str):
    """The masked answers to one free-text question, in an order unrelated to time."""
    round_ = load_round(round_id)
    definition = definition_of(round_.questionnaire_version)
    try:
        question = definition.question(key)
    except KeyError:
        abort(404)
    if question.type not in TEXT_TYPES:
        abort(404)
    kept = overview_service.stored_summary(round_)
    threshold = threshold_for(round_.organisation)
    published = None if kept else snapshots.refresh(round_)
    db.session.commit()  # keep a snapshot that may just have been published
    found = [] if kept else _masked_texts(round_.id, key)
    # both the round and the answerers of this question must be groups large enough
    shown = (
        published is not None
        and group_may_be_shown(published.responses, threshold)
        and group_may_be_shown(len(found), threshold)
    )
    answers = found if shown else []
    return render_template(
        "planner/texts.html",
        round=round_,
        question=question,
        answers=answers,
        shown=shown,
        kept=kept,
        threshold=threshold,
    )


def _masked_texts(round_id: int, key: str) -> list[str]:
    """The masked published answers to one question, ordered by a hash: unrelated to time."""
    rows = db.session.execute(
        db.select(Answer.text, Response.idempotency_key)
        .join(Response, Answer.response_id == Response.id)
        .where(
            Response.round_id == round_id,
            snapshots.is_published(),
            Answer.question_key == key,
            Answer.text.is_not(None),
        )
    ).all()
    rows.sort(key=lambda r: hashlib.sha256(r[1].encode()).digest())
    return [text for text, _key in rows]
