"""The public page "Dette gjorde vi med innspillet ditt": what we heard and what the plan does.

Opt-in per round. It shows, in plain language, the main themes from this round's answers
(with suppressed counts, no quotes) and the findings the planner chose to make public.
"""

from __future__ import annotations

from dataclasses import dataclass

from surveyapp.extensions import db
from surveyapp.models import Round, utcnow
from surveyapp.models.analysis import AnalysisRun, analysis_run_round
from surveyapp.models.findings import FeedbackPage, Finding
from surveyapp.models.rounds import is_slug
from surveyapp.privacy import suppress_counts
from surveyapp.services import findings as findings_service
from surveyapp.services.access import threshold_for
from surveyapp.services.themes import stats as theme_stats

MAX_THEMES = 8
#: sections that say what the plan does about what we heard
ACTION_SECTIONS = ("satsingsomrade", "mal", "strategi", "tiltak")


def page_for(round_: Round) -> FeedbackPage | None:
    return db.session.scalar(db.select(FeedbackPage).filter_by(round_id=round_.id))


def save_page(round_: Round, published: bool, intro: str) -> FeedbackPage:
    page = page_for(round_) or FeedbackPage(round=round_)
    if published and not page.published:
        page.published_at = utcnow()
    page.published, page.intro = published, (intro or "").strip()[:3000]
    db.session.add(page)
    return page


def published_round(slug: str) -> Round | None:
    """The round with this public slug, if its feedback page is published."""
    if not is_slug(slug):
        return None
    query = (
        db.select(Round)
        .join(FeedbackPage, FeedbackPage.round_id == Round.id)
        .where(Round.slug == slug, FeedbackPage.published.is_(True))
    )
    return db.session.scalar(query)


def latest_run(round_: Round) -> AnalysisRun | None:
    query = (
        db.select(AnalysisRun)
        .join(analysis_run_round, analysis_run_round.c.run_id == AnalysisRun.id)
        .where(analysis_run_round.c.round_id == round_.id, AnalysisRun.status == "done")
        .order_by(AnalysisRun.id.desc())
    )
    return db.session.scalars(query).first()


@dataclass
class HeardTheme:
    label: str
    count: int | None


def content(round_: Round) -> dict:
    """What the public page shows: heard themes, and public findings by plan section."""
    threshold = threshold_for(round_.organisation)
    run = latest_run(round_)
    heard: list[HeardTheme] = []
    findings: list[Finding] = []
    if run is not None:
        rows = [r for r in theme_stats.run_rows(run) if r.round_id == round_.id]
        themes = [t for t in theme_stats.active_themes(run) if t.accepted and not t.is_other]
        counts = {t.id: sum(1 for r in rows if r.primary == t.id) for t in themes}
        result = suppress_counts(counts, threshold)
        ordered = sorted(themes, key=lambda t: -counts[t.id])[:MAX_THEMES]
        heard = [HeardTheme(t.label, result.cells[t.id].count) for t in ordered if counts[t.id]]
        findings = [
            f
            for f in findings_service.findings_of(round_.organisation, {run.id})
            if f.public and f.run_id == run.id
        ]
    return {
        "round": round_,
        "page": page_for(round_),
        "threshold": threshold,
        "heard": heard,
        "challenges": [f for f in findings if f.plan_section == "utfordringsbilde"],
        "actions": [f for f in findings if f.plan_section in ACTION_SECTIONS],
    }
