"""Late answers: re-running places new answers in the reviewed themes and changes nothing else."""

from __future__ import annotations

from surveyapp.extensions import db
from surveyapp.models.analysis import ReviewEvent
from surveyapp.services.analysis import runs as analysis_runs
from surveyapp.services.themes import review as theme_review
from surveyapp.services.themes import history as theme_history

from .conftest import post_form, queued_items, visible_text

LATE = [
    "Samarbeidet mellom barnevernet og skolen må bli bedre, vi trenger faste møter.",
    "Ventetiden hos BUP er for lang for barna våre.",
    "Ungdom trenger gratis fritidstilbud og møteplasser på kvelden.",
    "Helsestasjonen må ha åpent etter skoletid for ungdom.",
    "Vet ikke",
]


def snapshot(run) -> dict:
    """Every item's main and second themes, flags and confidence."""
    db.session.expire_all()
    return {
        item.id: (
            sorted((a.theme_id, a.primary, a.source) for a in item.assignments),
            item.reviewed,
            item.off_topic,
            item.confidence,
        )
        for item in run.items
    }


def test_update_keeps_every_decision_and_places_new_answers(
    client, auth, planner, analysed_run, staff_round, add_response
):
    run = analysed_run
    themes = [t for t in run.themes if not t.is_other and t.assignments]
    first, second = themes[0], themes[1]
    # Review: rename, merge, move one answer, mark one off-topic, give one a second theme.
    theme_review.rename(first, "Vårt eget navn", planner)
    target = theme_review.merge(run, [first, second], planner)
    moved = next(a.item for a in target.assignments if a.primary)
    other = next(t for t in run.themes if t.active and t.id != target.id and not t.is_other)
    theme_review.move(moved, other, planner)
    off = next(a.item for a in target.assignments if a.primary and a.item is not moved)
    theme_review.mark_off_topic(off, planner)
    db.session.commit()
    before = snapshot(run)
    labels = {t.id: (t.label, t.merged_into_id) for t in run.themes}
    decisions = theme_history.decision_count(run)

    for text in LATE:
        add_response(staff_round, {"hindrer_tidlig_innsats": text})
    db.session.commit()
    # late answers join the analysis in the same steps as the overview (the threshold, 5)
    assert analysis_runs.new_answer_count(run) == 5

    auth.login(planner.email)
    page = client.get(f"/planlegger/analyse/{run.id}")
    assert "5 svar har kommet inn etter analysen" in visible_text(page.text)
    response = post_form(
        client, f"/planlegger/analyse/{run.id}", f"/planlegger/analyse/{run.id}/oppdater"
    )
    assert response.status_code == 302

    db.session.expire_all()
    assert run.status == "done" and run.updates == 1
    after = snapshot(run)
    assert {k: after[k] for k in before} == before
    assert {t.id: (t.label, t.merged_into_id) for t in run.themes if t.id in labels} == labels
    assert theme_history.decision_count(run) == decisions

    new_items = [i for i in run.items if i.batch == 1]
    assert len(new_items) == 5
    active = {t.id for t in run.themes if t.active}
    for item in new_items:
        assert not item.reviewed
        assert all(a.theme_id in active and a.source == "predict" for a in item.assignments)
    nonanswer = next(i for i in new_items if i.answer.text == "Vet ikke")
    assert nonanswer.nonanswer and nonanswer.assignments == []
    assert any(i.assignments for i in new_items)
    assert analysis_runs.new_answer_count(run) == 0
    actions = [
        e.action
        for e in db.session.scalars(
            db.select(ReviewEvent).filter_by(run_id=run.id).order_by(ReviewEvent.id)
        )
    ]
    assert actions[-1] == "update"


def test_update_without_new_answers_changes_nothing(analysed_run):
    before = snapshot(analysed_run)
    analysis_runs.queue_job(analysed_run, "update")
    db.session.commit()
    run = analysis_runs.execute(analysed_run.id)
    assert run.status == "done" and "Ingen nye svar" in run.message
    assert snapshot(run) == before


def test_learning_from_coding_only_changes_unreviewed_queued_answers(analysed_run, planner):
    run = analysed_run
    queued = queued_items(run)
    assert len(queued) >= 2
    target = next(t for t in run.themes if t.active and not t.is_other)
    theme_review.move(queued[0], target, planner)
    db.session.commit()
    before = snapshot(run)
    analysis_runs.queue_job(run, "learn")
    db.session.commit()
    run = analysis_runs.execute(run.id)
    assert run.status == "done", run.message
    after = snapshot(run)
    untouched = [i.id for i in run.items if i.reviewed or i.uncertain_rank is None]
    assert {k: after[k][:3] for k in untouched} == {k: before[k][:3] for k in untouched}


def test_a_running_run_cannot_be_queued_again(topic_run):
    import pytest

    from surveyapp.exceptions import InnspillError

    topic_run.status = "running"
    with pytest.raises(InnspillError, match="kjører allerede"):
        analysis_runs.queue_job(topic_run, "update")


def test_run_again_places_every_undecided_answer_and_keeps_every_decision(
    client, auth, planner, analysed_run, staff_round, add_response
):
    """Issue 18.8: "Kjør analysen på nytt" re-sorts all undecided answers (late ones too)
    and keeps names, merges, review states and every answer the planner decided."""
    run = analysed_run
    themes = [t for t in run.themes if not t.is_other and t.assignments]
    first, second = themes[0], themes[1]
    theme_review.rename(first, "Vårt eget navn", planner)
    theme_review.accept(first, planner)
    target = theme_review.merge(run, [first, second], planner)
    own = theme_review.create_theme(run, "Planleggerens tema", planner)
    moved = next(a.item for a in target.assignments if a.primary)
    theme_review.move(moved, own, planner)
    off = next(a.item for a in target.assignments if a.primary and a.item is not moved)
    theme_review.mark_off_topic(off, planner)
    db.session.commit()
    before = snapshot(run)
    decided = {k: v for k, v in before.items() if v[1]}
    states = {t.id: (t.label, t.merged_into_id, t.review_state) for t in run.themes}
    for text in LATE:
        add_response(staff_round, {"hindrer_tidlig_innsats": text})
    db.session.commit()

    auth.login(planner.email)
    page = client.get(f"/planlegger/analyse/{run.id}").text
    assert "Kjør analysen på nytt" in page
    response = post_form(
        client, f"/planlegger/analyse/{run.id}", f"/planlegger/analyse/{run.id}/kjor-pa-nytt"
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert run.status == "done", run.message
    assert "kjørt på nytt" in run.message
    after = snapshot(run)
    assert {k: after[k] for k in decided} == decided
    kept = {t.id: (t.label, t.merged_into_id, t.review_state) for t in run.themes}
    assert {k: kept[k] for k in states} == states
    assert analysis_runs.new_answer_count(run) == 0
    active = {t.id for t in run.themes if t.active}
    for item in run.items:
        assert all(a.theme_id in active for a in item.assignments)
        if not item.reviewed and not item.nonanswer:
            assert any(a.primary for a in item.assignments)
    last = db.session.scalars(
        db.select(ReviewEvent).filter_by(run_id=run.id).order_by(ReviewEvent.id.desc())
    ).first()
    assert last.action == "rerun"
    assert "Kjørte analysen på nytt" in client.get(f"/planlegger/analyse/{run.id}/hendelser").text
