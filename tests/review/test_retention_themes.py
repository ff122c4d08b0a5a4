"""Deleting a round's raw answers keeps its analysed themes as suppressed counts only."""

from __future__ import annotations

import json
from datetime import timedelta

from surveyapp.models import RoundSummary, utcnow
from surveyapp.services import retention

from .conftest import TOPICS


def test_themes_are_kept_with_suppressed_counts_and_no_text(db, staff_round, stored_run):
    by_text = {next(a.text for a in r.answers if a.text): r for r in staff_round.responses}
    texts = list(by_text)
    stored_run(
        staff_round,
        {"Samarbeid": [by_text[t] for t in texts[:12]], "Fritid": [by_text[t] for t in texts[12:15]]},
        other=[by_text[t] for t in texts[15:]],
    )
    staff_round.opens_at = utcnow() - timedelta(days=3)
    staff_round.closes_at = utcnow() - timedelta(days=1)
    retention.delete_raw_answers(staff_round, None)
    db.session.commit()
    summary = db.session.scalar(db.select(RoundSummary))
    [run] = summary.data["themes"]
    counts = {t["label"]: t["respondents"] for t in run["themes"]}
    # 12 shown; Fritid (3) and Annet (3) are under the threshold of 5 and hidden.
    assert counts == {"Samarbeid": 12, "Fritid": None, "Annet": None}
    dumped = json.dumps(summary.data, ensure_ascii=False)
    for text in (t for topic in TOPICS.values() for t in topic):
        assert text not in dumped


def test_the_round_page_shows_the_kept_themes(client, auth, planner, db, staff_round, stored_run):
    by_text = {next(a.text for a in r.answers if a.text): r for r in staff_round.responses}
    stored_run(staff_round, {"Samarbeid": list(by_text.values())})
    staff_round.opens_at = utcnow() - timedelta(days=3)
    staff_round.closes_at = utcnow() - timedelta(days=1)
    retention.delete_raw_answers(staff_round, planner)
    db.session.commit()
    auth.login(planner.email)
    page = client.get(f"/planlegger/runder/{staff_round.id}").text
    assert "Tema fra analysene" in page
    assert "<th scope=\"row\">Samarbeid</th><td>18</td>" in page
