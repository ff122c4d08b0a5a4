"""A planner changes their own password: the old one stops working, other browsers sign out."""

from __future__ import annotations

import pytest

from surveyapp.models import AuditEvent
from tests.conftest import PASSWORD, csrf_token

from .test_session import _login

NEW = "et helt nytt passord"
EMAIL = "planner@midtdalen.example"


def _change(client, current=PASSWORD, new=NEW, repeated=None):
    page = client.get("/auth/passord")
    assert page.status_code == 200
    data = {
        "current": current,
        "new": new,
        "repeated": new if repeated is None else repeated,
        "csrf_token": csrf_token(page.text),
    }
    return client.post("/auth/passord", data=data)


def test_password_change_signs_out_other_browsers_and_keeps_this_one(app, db, make_user):
    make_user("planner")
    here, elsewhere = app.test_client(), app.test_client()
    assert _login(here, EMAIL).status_code == 302
    assert _login(elsewhere, EMAIL).status_code == 302
    assert "Bytt passord" in here.get("/planlegger/").text

    response = _change(here)
    assert response.status_code == 302
    landing = here.get(response.headers["Location"], follow_redirects=True)
    assert "Passordet er byttet" in landing.text
    assert here.get("/planlegger/").status_code == 200
    gone = elsewhere.get("/planlegger/")
    assert gone.status_code == 302 and "/auth/logg-inn" in gone.headers["Location"]

    assert _login(app.test_client(), EMAIL).status_code == 401
    assert _login(app.test_client(), EMAIL, NEW).status_code == 302
    event = db.session.scalar(db.select(AuditEvent).filter_by(action="user.password"))
    assert event is not None and event.details == {}


@pytest.mark.parametrize(
    ("current", "new", "repeated", "message"),
    [
        ("feil passord", NEW, NEW, "Det nåværende passordet er feil."),
        (PASSWORD, "kort", "kort", "Passordet må ha minst 10 tegn."),
        (PASSWORD, NEW, NEW + "x", "De to nye passordene er ikke like."),
        (PASSWORD, PASSWORD, PASSWORD, "Det nye passordet må være et annet enn det gamle."),
        (PASSWORD, "", "", "Noe må rettes"),
    ],
)
def test_a_rejected_change_says_why_and_keeps_the_old_password(
    app, make_user, current, new, repeated, message
):
    make_user("planner")
    client = app.test_client()
    assert _login(client, EMAIL).status_code == 302
    response = _change(client, current, new, repeated)
    assert response.status_code == 400
    assert message in response.text
    assert client.get("/planlegger/").status_code == 200
    assert _login(app.test_client(), EMAIL).status_code == 302


def test_password_page_needs_sign_in(client):
    response = client.get("/auth/passord")
    assert response.status_code == 302 and "/auth/logg-inn" in response.headers["Location"]
