"""What the review screen reads about a run: the uncertain queue and the review log."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from surveyapp.extensions import db
from surveyapp.models import Answer
from surveyapp.models.analysis import AnalysisItem, AnalysisRun, ReviewEvent


def describe(event: ReviewEvent) -> str:
    """What the event's details say in the log, worded for its action (no answer text)."""
    p = event.payload or {}
    quoted = ", ".join(f"«{label}»" for label in p.get("labels", []))
    if event.action == "merge":
        return str(_l("%(themes)s slått sammen til «%(label)s»", themes=quoted, label=p["label"]))
    if event.action == "split":
        return str(_l("«%(label)s» delt; nye tema: %(themes)s", label=p["label"], themes=quoted))
    if p.get("old_label"):
        return f"«{p['old_label']}» → «{p.get('label', '')}»"
    if event.action in ("run", "rerun", "update", "learn"):
        return ""
    return f"«{p['label']}»" if p.get("label") else ""


def uncertain_queue(run: AnalysisRun, limit: int = 20) -> list[tuple[AnalysisItem, str]]:
    """Unreviewed answers the engine was least sure about, with their masked texts."""
    query = (
        db.select(AnalysisItem, Answer.text)
        .join(Answer, AnalysisItem.answer_id == Answer.id)
        .where(
            AnalysisItem.run_id == run.id,
            AnalysisItem.reviewed.is_(False),
            AnalysisItem.uncertain_rank.is_not(None),
        )
        .order_by(AnalysisItem.uncertain_rank)
        .limit(limit)
    )
    return list(db.session.execute(query).tuples())


def events(run: AnalysisRun) -> list[ReviewEvent]:
    """The run's review log, newest first."""
    return list(
        db.session.scalars(
            db.select(ReviewEvent).filter_by(run_id=run.id).order_by(ReviewEvent.id.desc())
        )
    )


def decision_count(run: AnalysisRun) -> int:
    """Review decisions made by planners (not the runs themselves)."""
    return (
        db.session.scalar(
            db.select(db.func.count(ReviewEvent.id)).where(
                ReviewEvent.run_id == run.id,
                ReviewEvent.action.not_in(("run", "update", "learn")),
            )
        )
        or 0
    )
