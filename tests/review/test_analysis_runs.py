"""Running an analysis: from the app (inline and as a real subprocess) and stored results."""

from __future__ import annotations


import pytest

from surveyapp.extensions import db
from surveyapp.models import Job
from surveyapp.models.analysis import AnalysisItem, AnalysisRun, ReviewEvent, ThemeAssignment
from surveyapp.services.analysis import runs as analysis_runs
from surveyapp.services.analysis import store as analysis_store
from surveyapp.services.themes import stats as theme_stats

from tests.conftest import csrf_token

from .conftest import post_form, visible_text

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


def test_a_run_without_answers_is_refused_with_a_clear_message(make_round, planner):
    from surveyapp.exceptions import InnspillError

    round_ = make_round("tjenester")
    with pytest.raises(InnspillError, match="minst 5 personer"):
        analysis_runs.create_run(round_.organisation, [round_], ["tiltak_virker"], "discover")


def test_rounds_with_fewer_respondents_than_the_threshold_are_refused(
    make_round, add_response, planner, db
):
    """3 people: themes and quotes would speak for single persons, so no analysis at all."""
    from surveyapp.exceptions import InnspillError

    one, two = make_round("tjenester", title="En"), make_round("tjenester", title="To")
    for round_, n in ((one, 2), (two, 1)):
        for i in range(n):
            add_response(round_, {"tiltak_virker": f"Svar {i} i {round_.title}"})
    db.session.commit()
    with pytest.raises(InnspillError, match="minst 5 personer"):
        analysis_runs.create_run(one.organisation, [one, two], ["tiltak_virker"], "discover")
    for i in range(4):
        add_response(two, {"tiltak_virker": f"Sent svar {i}"})
    db.session.commit()
    # round "To" now publishes its 5; the 2 of round "En" wait for more and stay out
    run = analysis_runs.create_run(one.organisation, [one, two], ["tiltak_virker"], "discover")
    texts = [t for _, t in analysis_store.answers_for(run)]
    assert len(texts) == 5 and not any(t.endswith("i En") for t in texts)


def test_the_new_run_page_refuses_a_small_round_in_norwegian(
    client, auth, planner, make_round, add_response, db
):
    round_ = make_round("tjenester", title="Liten")
    for i in range(3):
        add_response(round_, {"hindrer_tidlig_innsats": f"Svar nummer {i}"})
    db.session.commit()
    auth.login(planner.email)
    page = client.get(NEW).text
    response = client.post(
        NEW,
        data={
            "csrf_token": csrf_token(page),
            "rounds": [round_.id],
            "questions": ["hindrer_tidlig_innsats"],
            "mode": "discover",
        },
    )
    assert response.status_code == 200
    assert "minst 5 personer" in visible_text(response.text)
    assert "Svar nummer" not in response.text


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


def test_a_third_analysis_waits_until_one_of_two_running_is_done(
    client, auth, planner, staff_round, organisation
):
    """Repeated clicks must not swamp the workers: the job rows are counted."""
    for status in ("running", "queued"):
        run = AnalysisRun(
            organisation=organisation,
            title="Under arbeid",
            mode="discover",
            question_keys=["hindrer_tidlig_innsats"],
            status=status,
            rounds=[staff_round],
        )
        db.session.add(run)
        db.session.flush()
        db.session.add(Job(kind="analysis", target_id=run.id, organisation=organisation,
                           state=status))
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
    # A job that recovery failed (its worker died) no longer blocks the organisation.
    db.session.scalar(db.select(Job).filter_by(state="running")).state = "failed"
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
        "Vi trenger noen voksne å snakke med på skolen.",
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
    assert run.title == "Tjenestene og 1 til"  # short on a phone; the planner can rename it
    items = db.session.scalars(db.select(AnalysisItem).filter_by(run_id=run.id)).all()
    assert len(items) == 18 + len(youth_texts)
    youth_items = [i for i in items if i.answer.response.round_id == youth.id]
    assert sorted(i.answer.text for i in youth_items) == sorted(youth_texts)
    rows = theme_stats.run_rows(run)
    assert theme_stats.group_sizes(rows, "audience") == {"staff": 18, "youth": 5}
    assert client.get(f"/planlegger/analyse/{run.id}?gruppe=audience").status_code == 200


def test_the_planner_names_an_analysis(client, auth, planner, staff_round, topic_run):
    """Issue 18.8: a name on the new-run form, and "Gi analysen navn" on the run page."""
    auth.login(planner.email)
    response = post_form(
        client,
        NEW,
        NEW,
        {
            "title": "  Tjenestene   våren 2026 ",
            "rounds": staff_round.id,
            "questions": "hindrer_tidlig_innsats",
            "mode": "guided",
            "codebook": "builtin:15-1",
            "source_run": 0,
            "random_state": 0,
        },
    )
    assert response.status_code == 302
    made = db.session.scalars(db.select(AnalysisRun).order_by(AnalysisRun.id.desc())).first()
    assert made.title == "Tjenestene våren 2026"
    page = f"/planlegger/analyse/{topic_run.id}"
    assert "Gi analysen navn" in client.get(page).text
    response = post_form(client, page, f"{page}/navn", {"title": "Forebygging 2026"})
    assert response.status_code == 302
    db.session.expire_all()
    assert topic_run.title == "Forebygging 2026"
    assert "<h1>Forebygging 2026</h1>" in client.get(page).text
    log = client.get(f"{page}/hendelser").text
    assert "Ga analysen navn" in log
