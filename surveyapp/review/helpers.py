"""Small helpers shared by the review routes."""

from __future__ import annotations

import re

from flask import request, url_for
from flask_login import current_user
from markupsafe import Markup, escape

from surveyapp.review import bp
from surveyapp.services.access import threshold_for


def threshold() -> int:
    """The current organisation's suppression threshold."""
    return threshold_for(current_user.organisation)


def next_url(default: str) -> str:
    """The ``next`` field when it points inside the analysis workspace, else ``default``."""
    target = request.form.get("next", "")
    prefix = url_for("review.index")
    if target.startswith(prefix) and "//" not in target and "\\" not in target:
        return target
    return default


_WORD = re.compile(r"\w+", re.UNICODE)


def highlight(text: str | None, words: list[str] | None) -> Markup:
    """``text`` escaped, with words starting with one of ``words`` wrapped in ``<mark>``."""
    text = text or ""
    stems = sorted({w.lower() for w in (words or []) if len(w) >= 3}, key=len, reverse=True)
    if not stems:
        return escape(text)
    out, last = [], 0
    for match in _WORD.finditer(text):
        if any(match.group().lower().startswith(s) for s in stems):
            out.append(escape(text[last : match.start()]))
            out.append(Markup("<mark>%s</mark>") % match.group())
            last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


@bp.context_processor
def review_context() -> dict:
    """Helpers for every review template."""
    from surveyapp.services.themes.stats import DIMENSIONS, group_label

    return {
        "highlight": highlight,
        "dimensions": DIMENSIONS,
        "group_label": group_label,
        "can_edit": current_user.is_authenticated and current_user.can("planner"),
    }
