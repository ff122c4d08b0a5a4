"""Every planner and API route against every role: no unexpected success, ever.

The matrix walks ``app.url_map`` itself, so a new route that is not classified here
fails the test instead of slipping through unchecked.
"""

from __future__ import annotations

import pytest

from surveyapp.models import ROLES
from surveyapp.services import access, import_stash, organisations
from tests.conftest import PASSWORD, csrf_token

#: the least role each endpoint needs
REQUIRED = {
    "planner.rounds": "viewer",
    "planner.questionnaire": "viewer",
    "planner.overview": "viewer",
    "planner.texts": "viewer",
    "planner.share": "viewer",
    "planner.qr": "viewer",
    "planner.poster": "viewer",
    "planner.live_count": "viewer",
    "planner.keep_alive": "viewer",
    "planner.choose_questionnaire": "planner",
    "planner.new_round": "planner",
    "planner.edit_round": "planner",
    "planner.open_round": "planner",
    "planner.close_round": "planner",
    "planner.reopen_round": "planner",
    "planner.duplicate_round": "planner",
    "planner.export_page": "planner",
    "planner.export_file": "planner",
    "planner.delete_raw": "planner",
    "planner.import_upload": "planner",
    "planner.import_mapping": "planner",
    "planner.import_preview": "planner",
    "planner.import_commit": "planner",
    "planner.import_cancel": "planner",
    "planner.audit_log": "planner",
    "planner.tokens": "planner",
    "planner.revoke_token": "planner",
    "planner.users": "admin",
    "planner.new_user": "admin",
    "planner.edit_user": "admin",
    "planner.settings": "admin",
    "api.rounds": "viewer",
    "api.round_detail": "viewer",
    "api.responses": "planner",
}
RANK = {role: len(ROLES) - i for i, role in enumerate(ROLES)}  # admin 3, planner 2, viewer 1


def _rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] in ("planner", "api"):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def test_every_route_is_classified(app):
    endpoints = {rule.endpoint for rule, _m in _rules(app)}
    assert endpoints == set(REQUIRED), "classify new routes in REQUIRED"


@pytest.fixture
def world(app, db, organisation, make_user, make_round):
    """Our organisation with a round, another organisation with its own, and users of both."""
    other = organisations.create_organisation("Fjellbygd", ["Fjellbygd"])
    db.session.commit()
    users = {role: make_user(role) for role in ROLES}
    outsider = make_user("admin", email="admin@fjellbygd.example", org=other)
    ours = make_round("tjenester", title="Vår runde")
    make_round("tjenester", org=other, title="Deres runde")
    return {"round": ours, "users": users, "outsider": outsider, "colleague": users["viewer"]}


def _client_for(app, user):
    client = app.test_client()
    if user is not None:
        page = client.get("/auth/logg-inn")
        response = client.post(
            "/auth/logg-inn",
            data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_token(page.text)},
        )
        assert response.status_code == 302
        token = csrf_token(client.get("/planlegger/").text)
    else:
        token = csrf_token(client.get("/auth/logg-inn").text)
    return client, token


def _url(app, rule, world, user, db):
    """The rule's URL with ids that belong to ``world``'s organisation."""
    values = {}
    for arg in rule.arguments:
        if arg == "round_id":
            values[arg] = world["round"].id
        elif arg == "key":
            values[arg] = "tiltak_virker" if rule.endpoint == "planner.texts" else "tjenester"
        elif arg == "kind":
            values[arg] = "svg"
        elif arg == "fmt":
            values[arg] = "csv"
        elif arg == "user_id":
            values[arg] = world["colleague"].id
        elif arg == "token_id":
            owner = user or world["users"]["planner"]
            token, _plain = access.create_token(owner, "matrise")
            db.session.commit()
            values[arg] = token.id
        elif arg == "token":
            owner = user or world["users"]["planner"]
            values[arg] = import_stash.save(
                b"a;b\n1;2\n",
                {
                    "user_id": owner.id,
                    "filename": "x.csv",
                    "questionnaire": "tjenester",
                    "title": "t",
                    "audience": "staff",
                    "anonymous": True,
                    "municipality_ids": [],
                    "mapping": ["", ""],
                },
            )
        else:  # pragma: no cover - a new argument needs a value here
            raise AssertionError(f"no test value for <{arg}>")
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **values)


def _call(client, method, url, token):
    if method == "GET":
        return client.get(url)
    return client.post(url, data={"csrf_token": token, "confirm": "y", "name": "x"})


@pytest.fixture(autouse=True)
def _imports_in_tmp(app, tmp_path):
    app.config["IMPORT_FOLDER"] = str(tmp_path / "imports")


@pytest.mark.parametrize("role", [None, *ROLES])
def test_role_matrix_has_no_unexpected_success(app, db, world, role):
    user = world["users"][role] if role else None
    client, token = _client_for(app, user)
    unexpected = []
    for rule, method in _rules(app):
        url = _url(app, rule, world, user, db)
        response = _call(client, method, url, token)
        api = rule.endpoint.startswith("api.")
        allowed = role is not None and RANK[role] >= RANK[REQUIRED[rule.endpoint]]
        status = response.status_code
        login_redirect = status == 302 and "/auth/logg-inn" in response.headers["Location"]
        if role is None:
            ok = status == 401 if api else login_redirect
        elif not allowed:
            ok = status == 403
        else:
            ok = status not in (401, 403, 404) and not login_redirect
        if not ok:
            unexpected.append(f"{role} {method} {url} -> {status}")
    assert unexpected == []


def test_another_organisations_user_gets_404_for_every_id(app, db, world):
    client, token = _client_for(app, world["outsider"])
    leaks = []
    for rule, method in _rules(app):
        if not {"round_id", "user_id", "token_id", "token"} & set(rule.arguments):
            continue
        url = _url(app, rule, world, world["users"]["admin"], db)
        response = _call(client, method, url, token)
        if response.status_code != 404:
            leaks.append(f"{method} {url} -> {response.status_code}")
    assert leaks == []


def test_round_list_shows_only_own_organisation(world, app):
    client, _token = _client_for(app, world["users"]["viewer"])
    html = client.get("/planlegger/").text
    assert "Vår runde" in html and "Deres runde" not in html
    api = client.get("/api/rounds").get_json()
    assert [r["title"] for r in api["rounds"]] == ["Vår runde"]


def test_posts_without_csrf_token_are_refused(world, app):
    client, _token = _client_for(app, world["users"]["admin"])
    round_id = world["round"].id
    for url in (
        f"/planlegger/runder/{round_id}/steng",
        f"/planlegger/runder/{round_id}/kopier",
        f"/planlegger/runder/{round_id}/eksport/csv",
        "/planlegger/hold-i-live",
    ):
        response = client.post(url, data={"confirm": "y"})
        assert response.status_code == 400, url
    assert world["round"].state == "open"
