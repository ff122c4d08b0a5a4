"""Administrators manage users and the threshold; their changes end sessions and are logged."""

from __future__ import annotations

from surveyapp.models import AuditEvent, Organisation, User
from tests.conftest import PASSWORD, csrf_token


def test_admin_creates_a_user_who_can_sign_in(app, client, db, login_as):
    login_as("admin")
    page = client.get("/planlegger/brukere/ny")
    response = client.post(
        "/planlegger/brukere/ny",
        data={
            "csrf_token": csrf_token(page.text),
            "email": "Per@Midtdalen.example",
            "name": "Per",
            "role": "viewer",
            "password": "et langt passord",
        },
    )
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).filter_by(email="per@midtdalen.example"))
    assert user.role == "viewer" and user.check_password("et langt passord")
    [event] = db.session.scalars(db.select(AuditEvent).filter_by(action="user.create")).all()
    assert event.details == {"email": "per@midtdalen.example", "role": "viewer"}
    other = app.test_client()
    login = other.get("/auth/logg-inn")
    assert (
        other.post(
            "/auth/logg-inn",
            data={
                "email": "per@midtdalen.example",
                "password": "et langt passord",
                "csrf_token": csrf_token(login.text),
            },
        ).status_code
        == 302
    )


def test_short_passwords_and_duplicates_are_refused(client, login_as):
    login_as("admin")
    page = client.get("/planlegger/brukere/ny")
    short = client.post(
        "/planlegger/brukere/ny",
        data={
            "csrf_token": csrf_token(page.text),
            "email": "a@b.no",
            "role": "viewer",
            "password": "kort",
        },
    )
    assert short.status_code == 400 and "Noe må rettes" in short.text
    duplicate = client.post(
        "/planlegger/brukere/ny",
        data={
            "csrf_token": csrf_token(page.text),
            "email": "admin@midtdalen.example",
            "role": "viewer",
            "password": "et langt passord",
        },
    )
    assert duplicate.status_code == 400
    assert "Det finnes allerede en bruker med e-postadressen" in duplicate.text


def test_deactivating_a_user_ends_their_session(app, client, db, login_as, make_user):
    login_as("admin")
    kari = make_user("planner")
    kari_client = app.test_client()
    login = kari_client.get("/auth/logg-inn")
    kari_client.post(
        "/auth/logg-inn",
        data={"email": kari.email, "password": PASSWORD, "csrf_token": csrf_token(login.text)},
    )
    assert kari_client.get("/planlegger/").status_code == 200
    page = client.get(f"/planlegger/brukere/{kari.id}")
    response = client.post(
        f"/planlegger/brukere/{kari.id}",
        data={"csrf_token": csrf_token(page.text), "role": "planner"},
    )  # "active" unticked
    assert response.status_code == 302
    assert kari_client.get("/planlegger/").status_code == 302
    db.session.refresh(kari)
    assert kari.active is False


def test_admin_cannot_demote_themself(client, db, login_as):
    admin = login_as("admin")
    page = client.get(f"/planlegger/brukere/{admin.id}")
    response = client.post(
        f"/planlegger/brukere/{admin.id}",
        data={"csrf_token": csrf_token(page.text), "role": "viewer", "active": "y"},
    )
    assert response.status_code == 400 and "administratorrollen" in response.text
    db.session.refresh(admin)
    assert admin.role == "admin"


def test_users_of_another_organisation_are_invisible(client, db, login_as, make_user):
    from surveyapp.services import organisations

    login_as("admin")
    other = organisations.create_organisation("Fjellbygd", ["Fjellbygd"])
    db.session.commit()
    stranger = make_user("planner", email="x@fjellbygd.example", org=other)
    assert "x@fjellbygd.example" not in client.get("/planlegger/brukere").text
    assert client.get(f"/planlegger/brukere/{stranger.id}").status_code == 404


def test_threshold_can_be_raised_not_lowered(client, db, login_as, organisation):
    login_as("admin")
    page = client.get("/planlegger/innstillinger")
    low = client.post(
        "/planlegger/innstillinger", data={"csrf_token": csrf_token(page.text), "threshold": "3"}
    )
    assert low.status_code == 400 and "lavere enn 5" in low.text
    high = client.post(
        "/planlegger/innstillinger", data={"csrf_token": csrf_token(page.text), "threshold": "8"}
    )
    assert high.status_code == 302
    assert db.session.get(Organisation, organisation.id).suppression_threshold == 8
    assert db.session.scalar(db.select(AuditEvent).filter_by(action="settings.update"))
