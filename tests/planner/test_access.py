"""Every route behind login against every role: no unexpected success, ever.

The matrix walks ``app.url_map`` itself (the planner, the API, the analysis workspace at
/planlegger/analyse and the idea wall at /planlegger/idevegg), so a new route that is not
classified here fails the test instead of slipping through unchecked. The ids in the
URLs are real records of both organisations.
"""

from __future__ import annotations

import pytest
from flask import url_for

from surveyapp.models import ROLES, Codebook, Job
from surveyapp.services import access, findings, organisations
from surveyapp.services.imports import stash as import_stash
from surveyapp.services.imports.files import read_table, table_to_bytes
from tests.conftest import PASSWORD, csrf_token

#: the blueprints behind login that the matrix walks
PREFIXES = ("planner.", "api.", "review.", "ideawall.planner.")
#: URL arguments that name a record of one organisation
RECORD_ARGUMENTS = {
    "round_id",
    "user_id",
    "token_id",
    "token",
    "run_id",
    "theme_id",
    "item_id",
    "finding_id",
    "codebook_id",
    "wall_id",
    "statement_id",
    "job_id",
}
#: pages anyone in the organisation may read, whose POST changes something
READ_OR_CHANGE = {"GET": "viewer", "POST": "planner"}

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
    "planner.reading_status": "viewer",
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
    "planner.jobs": "admin",
    "planner.retry_job": "admin",
    "api.rounds": "viewer",
    "api.round_detail": "viewer",
    "api.responses": "planner",
    "review.index": "viewer",
    "review.new_run": "planner",
    "review.run": "viewer",
    "review.run_status": "viewer",
    "review.update": "planner",
    "review.learn": "planner",
    "review.rerun": "planner",
    "review.name": "planner",
    "review.events": "viewer",
    "review.compare_groups": "viewer",
    "review.codebook_list": READ_OR_CHANGE,
    "review.codebook_edit": READ_OR_CHANGE,
    "review.theme": "viewer",
    "review.rename": "planner",
    "review.accept": "planner",
    "review.dismiss": "planner",
    "review.split": "planner",
    "review.merge": "planner",
    "review.new_theme": "planner",
    "review.move": "planner",
    "review.second": "planner",
    "review.off_topic": "planner",
    "review.confirm": "planner",
    "review.uncertain": "viewer",
    "review.findings": "viewer",
    "review.new_finding": "planner",
    "review.edit_finding": READ_OR_CHANGE,
    "review.move_finding": "planner",
    "review.delete_finding": "planner",
    "review.export_findings": "viewer",
    "review.report": "viewer",  # the POST only answers with the report file
    "review.feedback_settings": READ_OR_CHANGE,
    "review.feedback_preview": "viewer",
    "ideawall.planner.index": "viewer",
    "ideawall.planner.new": "planner",
    "ideawall.planner.show": "viewer",
    "ideawall.planner.close": "planner",
    "ideawall.planner.close_entry": "planner",
    "ideawall.planner.open_entry": "planner",
    "ideawall.planner.reopen": "planner",
    "ideawall.planner.add_statement": "planner",
    "ideawall.planner.moderation": "viewer",
    "ideawall.planner.approve": "planner",
    "ideawall.planner.reject": "planner",
    "ideawall.planner.results": "viewer",
    "ideawall.planner.themes": "viewer",
    "ideawall.planner.choose": "planner",
    "ideawall.planner.unchoose": "planner",
    "ideawall.planner.set_theme": "planner",
    "ideawall.planner.plan": "viewer",
    "ideawall.planner.plan_markdown": "viewer",
    "ideawall.planner.screen": "viewer",
    "ideawall.planner.screen_json": "viewer",
    "ideawall.planner.qr": "viewer",
}
RANK = {role: len(ROLES) - i for i, role in enumerate(ROLES)}  # admin 3, planner 2, viewer 1


def _rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(PREFIXES):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def _required(endpoint: str, method: str) -> str:
    """The least role ``method`` on ``endpoint`` needs."""
    required = REQUIRED[endpoint]
    return required if isinstance(required, str) else required[method]


def test_every_route_is_classified(app):
    endpoints = {rule.endpoint for rule, _m in _rules(app)}
    assert endpoints == set(REQUIRED), "classify new routes in REQUIRED"


@pytest.fixture
def planner(make_user):
    """Our planner (``stored_run`` records who ran an analysis)."""
    return make_user("planner")


@pytest.fixture
def make_records(db, stored_run, add_response, make_wall, seed):
    """One of every record a URL can name, in ``round_``'s organisation."""

    def make(round_, user) -> dict:
        org = round_.organisation
        response = add_response(round_, {"hindrer_tidlig_innsats": "Vi mangler faste møter."})
        run = stored_run(round_, {"Samarbeid": [response]}, rounds=[round_])
        theme = next(t for t in run.themes if not t.is_other)
        finding = findings.create_finding(
            org, findings.FindingData("Faste møter", "tiltak", theme_ids=[theme.id]), user, run
        )
        codebook = Codebook(organisation=org, name="Vår kodebok", created_by_id=user.id)
        db.session.add(codebook)
        wall = make_wall(org=org)
        (statement,) = seed(wall, "Gratis steder å henge")
        job = Job(kind="embed", target_id=round_.id, organisation=org, state="failed")
        db.session.add(job)
        db.session.commit()
        return {
            "round": round_,
            "run": run,
            "theme": theme,
            "item": theme.assignments[0].item,
            "finding": finding,
            "codebook": codebook,
            "wall": wall,
            "statement": statement,
            "job": job,
            "colleague": user,
        }

    return make


@pytest.fixture
def world(db, organisation, make_user, make_round, planner, make_records):
    """Both organisations with one of every record, and users of both."""
    other = organisations.create_organisation("Fjellbygd", ["Fjellbygd"])
    db.session.commit()
    users = {"admin": make_user("admin"), "planner": planner, "viewer": make_user("viewer")}
    outsider = make_user("admin", email="admin@fjellbygd.example", org=other)
    ours = make_records(make_round("tjenester", title="Vår runde"), users["viewer"])
    theirs = make_records(make_round("tjenester", org=other, title="Deres runde"), outsider)
    return {"ours": ours, "theirs": theirs, "users": users, "outsider": outsider}


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


def _url(app, rule, records, owner, db):
    """The rule's URL with ids of ``records``; tokens and uploads belong to ``owner``."""
    values = {}
    for arg in rule.arguments:
        if arg.endswith("_id") and arg.removesuffix("_id") in records:
            values[arg] = records[arg.removesuffix("_id")].id
        elif arg == "key":
            values[arg] = "tiltak_virker" if rule.endpoint == "planner.texts" else "tjenester"
        elif arg == "kind":
            values[arg] = "svg"
        elif arg == "fmt":
            values[arg] = "csv"
        elif arg == "user_id":
            values[arg] = records["colleague"].id
        elif arg == "token_id":
            token, _plain = access.create_token(owner, "matrise")
            db.session.commit()
            values[arg] = token.id
        elif arg == "token":
            values[arg] = import_stash.save(
                table_to_bytes(read_table("x.csv", b"a;b\n1;2\n")),
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
        url = _url(app, rule, world["ours"], user or world["users"]["planner"], db)
        response = _call(client, method, url, token)
        required = _required(rule.endpoint, method)
        allowed = role is not None and RANK[role] >= RANK[required]
        status = response.status_code
        login_redirect = status == 302 and "/auth/logg-inn" in response.headers["Location"]
        if role is None:
            ok = status == 401 if rule.endpoint.startswith("api.") else login_redirect
        elif not allowed:
            ok = status == 403
        else:
            ok = status not in (401, 403, 404) and not login_redirect
        if not ok:
            unexpected.append(f"{role} {method} {url} -> {status}")
    assert unexpected == []


@pytest.mark.parametrize(
    ("visitor", "owner"), [("outsider", "ours"), ("admin", "theirs")], ids=["them", "us"]
)
def test_another_organisations_user_gets_404_for_every_id(app, db, world, visitor, owner):
    """Their admin on our records, and our admin on theirs."""
    user = world["outsider"] if visitor == "outsider" else world["users"]["admin"]
    client, token = _client_for(app, user)
    owner_user = world["users"]["admin"] if owner == "ours" else world["outsider"]
    leaks = []
    for rule, method in _rules(app):
        if not RECORD_ARGUMENTS & set(rule.arguments):
            continue
        url = _url(app, rule, world[owner], owner_user, db)
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
    round_id = world["ours"]["round"].id
    for url in (
        f"/planlegger/runder/{round_id}/steng",
        f"/planlegger/runder/{round_id}/kopier",
        f"/planlegger/runder/{round_id}/eksport/csv",
        "/planlegger/hold-i-live",
    ):
        response = client.post(url, data={"confirm": "y"})
        assert response.status_code == 400, url
    assert world["ours"]["round"].state == "open"
