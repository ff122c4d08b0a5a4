"""Loading records of the user's organisation (404 for others'), and the role check.

``role_required`` and ``load_round`` are the planner blueprint's, reused here.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from surveyapp.extensions import db
from surveyapp.models.analysis import AnalysisItem, AnalysisRun, AnalysisTheme, Codebook
from surveyapp.models.findings import Finding
from surveyapp.planner.access import load_round, role_required

__all__ = [
    "load_codebook",
    "load_finding",
    "load_item",
    "load_round",
    "load_run",
    "load_theme",
    "role_required",
]


def _own(record, organisation_id: int | None):
    if record is None or organisation_id != current_user.organisation_id:
        abort(404)
    return record


def load_run(run_id: int) -> AnalysisRun:
    """The run, or 404 when it does not exist or belongs to another organisation."""
    run = db.session.get(AnalysisRun, run_id)
    return _own(run, run.organisation_id if run else None)


def load_theme(run: AnalysisRun, theme_id: int) -> AnalysisTheme:
    theme = db.session.get(AnalysisTheme, theme_id)
    if theme is None or theme.run_id != run.id:
        abort(404)
    return theme


def load_item(run: AnalysisRun, item_id: int) -> AnalysisItem:
    item = db.session.get(AnalysisItem, item_id)
    if item is None or item.run_id != run.id:
        abort(404)
    return item


def load_finding(finding_id: int) -> Finding:
    finding = db.session.get(Finding, finding_id)
    return _own(finding, finding.organisation_id if finding else None)


def load_codebook(codebook_id: int) -> Codebook:
    codebook = db.session.get(Codebook, codebook_id)
    return _own(codebook, codebook.organisation_id if codebook else None)
