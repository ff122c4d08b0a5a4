"""Running an analysis: from the app (inline and as a real subprocess) and stored results."""

from __future__ import annotations

import os
import time

import pytest

from surveyapp.extensions import db
from surveyapp.models.analysis import AnalysisItem, AnalysisRun, ReviewEvent, ThemeAssignment
from surveyapp.services.analysis import runs as analysis_runs
from surveyapp.services.themes import stats as theme_stats

from .conftest import post_form

NEW = "/planlegger/analyse/ny"


def test_new_run_form_lists_rounds_questions_and_codebooks(client, auth, planner, staff_round):
    auth.login(planner.email)
    page = client.get(NEW)
    assert page.status_code == 200
    assert "Tjenestene" in page.text
    assert 'value="hindrer_tidlig_innsats"' in page.text
    assert 'value="builtin:15-1"' in page.text and 'value="builtin:workshop"' in page.text


def test_start_analysis_from_the_app_stores_themes_assignments_and_parameters(
    client, auth, planner, staff_round
):
    auth.login(planner.email)
    response = post_form(
        client,
        NEW,
        NEW,
        {
            "rounds": staff_round.id,
            "questions": "hindrer_tidlig_innsats",
            "mode": "guided",
            "codebook": "builtin:15-1",
            "source_run": 0,
            "random_state": 7,
        },
    )
    assert response.status_code == 302
    run = db.session.scalar(db.select(AnalysisRun))
    assert response.headers["Location"].endswith(f"/planlegger/analyse/{run.id}")
    assert (run.status, run.progress, run.mode, run.random_state) == ("done", 100, "guided", 7)
    assert run.codebook_key == "15-1" and run.parameters["engine"]["params"]["random_state"] == 7
    assert run.created_by_id == planner.id and run.finished_at is not None
    items = db.session.scalars(db.select(AnalysisItem).filter_by(run_id=run.id)).all()
    assert len(items) == 18
    assert all(len([a for a in i.assignments if a.primary]) == 1 for i in items)
    assert {t.label for t in run.themes} & {"Samhandling mellom tjenester", "Fritid og møteplasser"}
    event = db.session.scalar(db.select(ReviewEvent).filter_by(run_id=run.id))
    assert (event.action, event.user_id) == ("run", planner.id)


def test_reloading_shows_the_same_themes(client, auth, planner, analysed_run):
    auth.login(planner.email)
    first = client.get(f"/planlegger/analyse/{analysed_run.id}").text
    second = client.get(f"/planlegger/analyse/{analysed_run.id}").text
    assert first == second
    for theme in analysed_run.themes:
        assert theme.label in first


def test_same_answers_and_seed_give_the_same_themes(analysed_run, planner):
    again = analysis_runs.create_run(
        analysed_run.organisation,
        analysed_run.rounds,
        analysed_run.question_keys,
        "guided",
        codebook_key="15-1",
    )
    db.session.commit()
    again = analysis_runs.execute(again.id)

    def partition(run):
        return sorted(
            (a.item.answer_id, a.theme.label)
            for t in run.themes
            for a in t.assignments
            if a.primary
        )

    assert partition(again) == partition(analysed_run)


def test_progress_endpoint_reports_status_without_text(client, auth, viewer, topic_run):
    auth.login(viewer.email)
    data = client.get(f"/planlegger/analyse/{topic_run.id}/status.json").get_json()
    assert data["status"] == "done" and data["progress"] == 100 and data["finished"] is True
    assert set(data) == {"id", "status", "progress", "message", "finished", "url"}


def test_queued_run_shows_a_progress_bar_with_a_no_script_refresh(
    client, auth, planner, staff_round
):
    run = analysis_runs.create_run(
        staff_round.organisation, [staff_round], ["hindrer_tidlig_innsats"], "discover"
    )
    db.session.commit()
    auth.login(planner.email)
    page = client.get(f"/planlegger/analyse/{run.id}").text
    assert '<progress id="progress-bar" max="100" value="0">' in page
    assert 'http-equiv="refresh"' in page
    assert f"/planlegger/analyse/{run.id}/status.json" in page


def test_a_run_without_answers_fails_with_a_clear_message(make_round, planner):
    round_ = make_round("tjenester")
    run = analysis_runs.create_run(round_.organisation, [round_], ["tiltak_virker"], "discover")
    db.session.commit()
    run = analysis_runs.execute(run.id)
    assert run.status == "failed"
    assert "ingen fritekstsvar" in run.message


@pytest.mark.parametrize(
    ("keys", "mode", "extra", "message"),
    [
        ([], "discover", {}, "fritekstspørsmål"),
        (["hindrer_tidlig_innsats"], "guided", {}, "kodebok"),
        (["hindrer_tidlig_innsats"], "coding", {}, "koding"),
        (["hindrer_tidlig_innsats"], "guided", {"codebook_key": "nope"}, "Ukjent kodebok"),
    ],
)
def test_invalid_runs_are_refused(staff_round, keys, mode, extra, message):
    from surveyapp.exceptions import InnspillError

    with pytest.raises(InnspillError, match=message):
        analysis_runs.create_run(staff_round.organisation, [staff_round], keys, mode, **extra)


def test_viewer_cannot_start_an_analysis(client, auth, viewer, staff_round):
    auth.login(viewer.email)
    assert client.get(NEW).status_code == 403


def test_another_organisations_run_is_not_found(client, auth, make_user, topic_run):
    from surveyapp.services import organisations

    other = organisations.create_organisation("Andeby", ["Andeby"])
    db.session.commit()
    outsider = make_user("planner", email="ole@andeby.example", org=other)
    auth.login(outsider.email)
    assert client.get(f"/planlegger/analyse/{topic_run.id}").status_code == 404
    assert client.get(f"/planlegger/analyse/{topic_run.id}/status.json").status_code == 404
    theme = topic_run.themes[0]
    assert client.get(f"/planlegger/analyse/{topic_run.id}/tema/{theme.id}").status_code == 404


def test_cli_analyse_themes_a_round(runner, staff_round):
    result = runner.invoke(
        args=["analyse", str(staff_round.id), "--mode", "discover", "--random-state", "3"]
    )
    assert result.exit_code == 0, result.output
    run = db.session.scalar(db.select(AnalysisRun))
    assert run.mode == "discover" and run.random_state == 3 and run.status == "done"
    assert f"Run {run.id}: Ferdig" in result.output


def test_cli_analyse_unknown_round_fails(runner, organisation):
    result = runner.invoke(args=["analyse", "999"])
    assert result.exit_code == 1
    assert "No round with id 999" in result.output


@pytest.mark.slow
def test_analysis_really_runs_in_a_separate_process(app, staff_round, planner):
    """The web request only queues; a child process does the work on the same database."""
    if app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://":
        pytest.skip("needs a database file or server the child process can reach")
    app.config["ANALYSIS_INLINE"] = False
    run = analysis_runs.create_run(
        staff_round.organisation,
        [staff_round],
        ["hindrer_tidlig_innsats"],
        "guided",
        codebook_key="15-1",
    )
    db.session.commit()
    process = analysis_runs.launch(run.id)
    assert process.pid != os.getpid()
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        db.session.expire_all()
        if db.session.get(AnalysisRun, run.id).finished:
            break
        time.sleep(0.5)
    run = db.session.get(AnalysisRun, run.id)
    assert run.status == "done", run.message
    count = db.session.scalar(
        db.select(db.func.count(ThemeAssignment.id))
        .join(AnalysisItem)
        .where(AnalysisItem.run_id == run.id)
    )
    assert count >= 18
    assert process.wait(timeout=30) == 0


def test_a_third_analysis_waits_until_one_of_two_running_is_done(
    client, auth, planner, staff_round, organisation
):
    """Each analysis is a process: repeated clicks must not swamp the server."""
    for status in ("running", "queued"):
        db.session.add(
            AnalysisRun(
                organisation=organisation,
                title="Under arbeid",
                mode="discover",
                question_keys=["hindrer_tidlig_innsats"],
                status=status,
                rounds=[staff_round],
            )
        )
    db.session.commit()
    auth.login(planner.email)
    form = {
        "rounds": staff_round.id,
        "questions": "hindrer_tidlig_innsats",
        "mode": "discover",
        "codebook": "",
        "source_run": 0,
        "random_state": 0,
    }
    response = post_form(client, NEW, NEW, form)
    assert response.status_code == 200
    assert "Det kjører allerede to analyser" in response.text
    assert db.session.scalar(db.select(db.func.count(AnalysisRun.id))) == 2
    # A run queued long ago never started: it no longer blocks the organisation.
    stuck = db.session.scalar(db.select(AnalysisRun).filter_by(status="queued"))
    stuck.created_at = stuck.created_at - analysis_runs.STALE_AFTER * 2
    db.session.commit()
    assert post_form(client, NEW, NEW, form).status_code == 302


def test_one_analysis_over_the_staff_and_the_youth_round(
    client, auth, planner, staff_round, make_round, add_response
):
    """Staff and youth answers are themed together, and each answer keeps its round."""
    youth = make_round("ungdomsrad", title="Ungdomsrådet", audience="youth")
    youth_texts = [
        "Gratis steder å henge etter skolen, en ungdomsklubb som er åpen på kvelden.",
        "Flere gratis fritidsaktiviteter og møteplasser for ungdom.",
        "Helsesykepleier må være der når vi trenger det, ikke bare en dag i uka.",
        "Det er lang ventetid for å få snakke med noen om psykisk helse.",
    ]
    for text in youth_texts:
        add_response(youth, {"kommunen_burde": text}, alder="15–16")
    db.session.commit()
    auth.login(planner.email)
    response = post_form(
        client,
        NEW,
        NEW,
        {
            "rounds": [staff_round.id, youth.id],
            "questions": ["hindrer_tidlig_innsats", "kommunen_burde"],
            "mode": "guided",
            "codebook": "builtin:15-1",
            "source_run": 0,
            "random_state": 0,
        },
    )
    assert response.status_code == 302
    run = db.session.scalar(db.select(AnalysisRun))
    assert run.status == "done"
    assert {r.id for r in run.rounds} == {staff_round.id, youth.id}
    assert run.title == "Tjenestene + Ungdomsrådet"
    items = db.session.scalars(db.select(AnalysisItem).filter_by(run_id=run.id)).all()
    assert len(items) == 18 + len(youth_texts)
    youth_items = [i for i in items if i.answer.response.round_id == youth.id]
    assert sorted(i.answer.text for i in youth_items) == sorted(youth_texts)
    rows = theme_stats.run_rows(run)
    assert theme_stats.group_sizes(rows, "audience") == {"staff": 18, "youth": 4}
    assert client.get(f"/planlegger/analyse/{run.id}?gruppe=audience").status_code == 200
