"""The operator's page: queued, running and failed jobs of the organisation, and retry."""

from __future__ import annotations

from datetime import timedelta

from surveyapp.extensions import db
from surveyapp.models import Job, utcnow
from surveyapp.services import organisations
from surveyapp.services.jobs import records
from tests.conftest import csrf_token


def _job(org, state: str, kind: str = "embed", minutes: int = 0, **fields) -> Job:
    job = Job(
        kind=kind,
        organisation=org,
        state=state,
        enqueued_at=utcnow() - timedelta(minutes=minutes),
        **fields,
    )
    db.session.add(job)
    db.session.commit()
    return job


def test_admin_sees_waiting_running_and_failed_jobs_with_age_and_message(
    client, auth, make_user, organisation, make_round
):
    round_ = make_round("tjenester")
    _job(organisation, "queued", target_id=round_.id, minutes=3)
    _job(organisation, "running", kind="analysis", minutes=75, progress=40)
    _job(organisation, "failed", message=records.LOST, attempts=2)
    _job(organisation, "done", message="Ferdig og borte")
    _job(None, "queued", kind="maintenance")
    other = organisations.create_organisation("Fjellbygd", ["Fjellbygd"])
    _job(other, "failed", message="Deres feil")
    make_user("admin")
    auth.login("admin@midtdalen.example")
    page = client.get("/planlegger/jobber").text
    assert "Bakgrunnsjobber" in page
    assert "I kø" in page and "3 min" in page
    assert "Kjører (40 %)" in page and "1 t 15 min" in page
    assert records.LOST in page and "Prøv igjen" in page
    assert "Opprydding" in page  # the installation's own jobs
    assert "Ferdig og borte" not in page and "Deres feil" not in page


def test_retry_queues_a_failed_job_again_and_says_so(
    client, auth, make_user, organisation, make_round
):
    round_ = make_round("tjenester")
    job = _job(organisation, "failed", target_id=round_.id, message=records.LOST, attempts=2)
    make_user("admin")
    auth.login("admin@midtdalen.example")
    page = client.get("/planlegger/jobber").text
    token = csrf_token(page)
    response = client.post(
        f"/planlegger/jobber/{job.id}/prov-igjen", data={"csrf_token": token},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "Jobben er lagt i kø igjen." in response.text
    db.session.expire_all()
    job = db.session.get(Job, job.id)
    assert job.state == "done" and job.attempts == 3  # immediate mode in tests: it ran


def test_retry_of_a_job_that_did_not_fail_is_refused_with_a_message(
    client, auth, make_user, organisation
):
    job = _job(organisation, "running")
    make_user("admin")
    auth.login("admin@midtdalen.example")
    page = client.get("/planlegger/jobber").text
    token = csrf_token(page)
    response = client.post(
        f"/planlegger/jobber/{job.id}/prov-igjen", data={"csrf_token": token},
        follow_redirects=True,
    )
    assert "Bare en jobb som har feilet, kan prøves igjen." in response.text
    assert db.session.get(Job, job.id).state == "running"


def test_retry_without_csrf_token_is_refused(client, auth, make_user, organisation):
    job = _job(organisation, "failed")
    make_user("admin")
    auth.login("admin@midtdalen.example")
    assert client.post(f"/planlegger/jobber/{job.id}/prov-igjen").status_code == 400
    assert db.session.get(Job, job.id).state == "failed"
