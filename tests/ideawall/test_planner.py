"""Planner pages: opening walls, moderation, the big screen, and who may do what."""

from __future__ import annotations

import re

import pytest

from surveyapp.ideawall.screen import qr_svg
from surveyapp.models import AuditEvent
from surveyapp.models.ideawall import IdeaStatement, IdeaWall
from surveyapp.services import ideawall as service
from surveyapp.services.ideawall import walls
from surveyapp.services.organisations import create_organisation
from tests.conftest import csrf_token

BASE = "/planlegger/idevegg"


@pytest.fixture
def planner(make_user, auth):
    user = make_user("planner")
    auth.login(user.email)
    return user


@pytest.fixture
def viewer(make_user, auth):
    user = make_user("viewer")
    auth.login(user.email)
    return user


def post(client, url, data=None, page=None):
    """POST like a browser: with the CSRF token from ``page`` (default: the URL's page)."""
    html = client.get(page or BASE + "/").text
    return client.post(url, data={"csrf_token": csrf_token(html), **(data or {})})


def test_pages_need_sign_in(client, make_wall):
    wall = make_wall()
    for path in ("/", f"/{wall.id}", f"/{wall.id}/skjerm", f"/{wall.id}/skjerm.json"):
        response = client.get(BASE + path)
        assert response.status_code == 302
        assert "/auth/logg-inn" in response.headers["Location"]


def test_planner_opens_a_wall_with_prompts_and_a_code(client, db, planner):
    page = client.get(f"{BASE}/ny")
    assert page.status_code == 200
    assert 'name="moderated"' in page.text and "checked" in page.text
    response = client.post(
        f"{BASE}/ny",
        data={
            "csrf_token": csrf_token(page.text),
            "title": "Ungdomsrådet mars",
            "prompts": "Hva er viktigst for unge?\r\n\r\nHva mangler der du bor?\r\n",
            "moderated": "y",
        },
    )
    assert response.status_code == 303
    wall = db.session.scalars(db.select(IdeaWall)).one()
    assert [p.text for p in wall.prompts] == [
        "Hva er viktigst for unge?",
        "Hva mangler der du bor?",
    ]
    assert wall.moderated and wall.is_open
    assert re.fullmatch(f"[{service.CODE_ALPHABET}]{{6}}", wall.join_code)
    assert wall.created_by_id == planner.id
    overview = client.get(response.headers["Location"])
    assert wall.join_code in overview.text
    assert f"https://innspill.test/v/{wall.join_code}" in overview.text
    events = db.session.scalars(db.select(AuditEvent)).all()
    assert [e.action for e in events] == ["ideawall.create"]


@pytest.mark.parametrize(
    "title, prompts, message",
    [
        ("", "Et spørsmål", "Skriv en tittel"),
        ("Tittel", "", "Skriv minst ett spørsmål"),
        ("Tittel", "\n".join(f"Spørsmål {i}" for i in range(6)), "mellom ett og fem"),
        ("Tittel", "x" * 301, "høyst 300 tegn"),
    ],
    ids=["no-title", "no-prompt", "six-prompts", "long-prompt"],
)
def test_wall_form_errors_are_shown(client, db, planner, title, prompts, message):
    page = client.get(f"{BASE}/ny")
    response = client.post(
        f"{BASE}/ny", data={"csrf_token": csrf_token(page.text), "title": title, "prompts": prompts}
    )
    assert response.status_code == 400
    assert message in response.text
    assert db.session.scalars(db.select(IdeaWall)).all() == []


def test_join_codes_are_unique_even_when_the_dice_repeat(db, organisation, monkeypatch, make_wall):
    first = make_wall()
    codes = iter([first.join_code, first.join_code, "ABCDEF"])
    monkeypatch.setattr(walls, "new_join_code", lambda: next(codes))
    second = make_wall(title="Neste møte")
    assert second.join_code == "ABCDEF"


def test_other_organisations_walls_are_not_found(client, db, planner, make_wall):
    other_org = create_organisation("Senja", [])
    db.session.commit()
    wall = make_wall(org=other_org)
    (statement,) = [service.add_statement(wall, "Hemmelig")]
    db.session.commit()
    for path in (
        "",
        "/skjerm",
        "/skjerm.json",
        "/qr.svg",
        "/moderering",
        "/resultat",
        "/planen",
        "/planen.md",
    ):
        assert client.get(f"{BASE}/{wall.id}{path}").status_code == 404, path
    for path in ("/lukk", f"/innlegg/{statement.id}/avvis", f"/innlegg/{statement.id}/velg"):
        assert post(client, f"{BASE}/{wall.id}{path}", {"kind": "divisive"}).status_code == 404
    assert "Hemmelig" not in client.get(f"{BASE}/").text
    db.session.refresh(statement)
    assert statement.status == "approved" and statement.choice is None


def test_statement_of_another_wall_is_not_found(client, db, planner, make_wall, seed):
    wall, other = make_wall(), make_wall(title="Annen")
    (foreign,) = seed(other, "Fra den andre veggen")
    assert post(client, f"{BASE}/{wall.id}/innlegg/{foreign.id}/avvis").status_code == 404


def test_viewer_may_look_but_not_change(client, db, viewer, make_wall, seed):
    wall = make_wall()
    (statement,) = seed(wall, "Gratis steder å henge")
    for path in (
        "/",
        f"/{wall.id}",
        f"/{wall.id}/skjerm",
        f"/{wall.id}/moderering",
        f"/{wall.id}/resultat",
        f"/{wall.id}/planen",
    ):
        assert client.get(BASE + path).status_code == 200, path
    assert "Ny idévegg" not in client.get(f"{BASE}/").text
    assert client.get(f"{BASE}/ny").status_code == 403
    for path in (
        "/lukk",
        "/innlegg",
        f"/innlegg/{statement.id}/avvis",
        f"/innlegg/{statement.id}/velg",
    ):
        assert (
            post(
                client, f"{BASE}/{wall.id}{path}", {"kind": "common_ground", "text": "x"}
            ).status_code
            == 403
        )
    db.session.refresh(wall)
    db.session.refresh(statement)
    assert wall.is_open and statement.status == "approved" and statement.choice is None


def test_moderation_approves_and_rejects_in_one_click(client, db, planner, make_wall, phone):
    wall = make_wall(moderated=True)
    author = phone(wall)
    author.write("Flere fritidsklubber")
    author.write("Noe dumt")
    keep, drop = db.session.scalars(db.select(IdeaStatement).order_by(IdeaStatement.id)).all()
    page = client.get(f"{BASE}/{wall.id}/moderering")
    assert "Flere fritidsklubber" in page.text and "Venter på godkjenning (2)" in page.text
    moderation = f"{BASE}/{wall.id}/moderering"
    assert (
        post(client, f"{BASE}/{wall.id}/innlegg/{keep.id}/godkjenn", page=moderation).status_code
        == 303
    )
    assert (
        post(client, f"{BASE}/{wall.id}/innlegg/{drop.id}/avvis", page=moderation).status_code
        == 303
    )
    db.session.expire_all()
    assert (keep.status, drop.status) == ("approved", "rejected")
    actions = [(e.action, e.details) for e in db.session.scalars(db.select(AuditEvent))]
    assert ("ideawall.statement.approve", {"statement": keep.id}) in actions
    assert ("ideawall.statement.reject", {"statement": drop.id}) in actions
    assert all("Noe dumt" not in str(details) for _, details in actions)
    other = phone(wall)
    assert "Flere fritidsklubber" in other.page().text
    assert "Noe dumt" not in other.page().text


def test_closing_and_reopening(client, db, planner, make_wall):
    wall = make_wall()
    assert post(client, f"{BASE}/{wall.id}/lukk").status_code == 303
    db.session.refresh(wall)
    assert not wall.is_open
    assert "Stengt" in client.get(f"{BASE}/").text
    assert post(client, f"{BASE}/{wall.id}/apne").status_code == 303
    db.session.refresh(wall)
    assert wall.is_open


def test_planner_adds_statements_to_start_the_voting(client, db, planner, make_wall):
    wall = make_wall(moderated=True)
    response = post(client, f"{BASE}/{wall.id}/innlegg", {"text": "Billigere buss"})
    assert response.status_code == 303
    statement = db.session.scalars(db.select(IdeaStatement)).one()
    assert (statement.text, statement.status, statement.author_id) == (
        "Billigere buss",
        "approved",
        None,
    )
    response = post(client, f"{BASE}/{wall.id}/innlegg", {"text": "billigere buss"})
    assert response.status_code == 400 and "allerede skrevet" in response.text


def test_big_screen_shows_code_qr_and_live_numbers(client, db, planner, make_wall, seed, phone):
    wall = make_wall()
    page = client.get(f"{BASE}/{wall.id}/skjerm")
    assert page.status_code == 200
    assert wall.join_code in page.text
    assert f"innspill.test/v/{wall.join_code}" in page.text
    assert "<svg" in page.text and 'http-equiv="refresh"' in page.text
    assert f'data-poll-url="/planlegger/idevegg/{wall.id}/skjerm.json"' in page.text

    common, split, few = seed(wall, "Gratis steder å henge", "Mobilforbud i timene", "Lite stemt")
    phones = [phone(wall) for _ in range(6)]
    for i, p in enumerate(phones):
        p.vote(common.id, "enig")
        p.vote(split.id, "enig" if i % 2 else "uenig")
    phones[0].vote(few.id, "enig")
    data = client.get(f"{BASE}/{wall.id}/skjerm.json").get_json()
    assert (data["participants"], data["statements"], data["votes"], data["pending"]) == (
        6,
        3,
        13,
        0,
    )
    assert [i["text"] for i in data["agreed"]] == ["Gratis steder å henge"]
    assert data["agreed"][0] | {"text": None} == {
        "id": common.id,
        "text": None,
        "agree": 6,
        "disagree": 0,
        "passes": 0,
        "agree_percent": 100,
    }
    assert [i["text"] for i in data["split"]] == ["Mobilforbud i timene"]
    # a statement with fewer votes than the threshold is on neither list
    assert "Lite stemt" not in str(data)


def test_qr_code_file_encodes_the_join_address(client, planner, make_wall):
    wall = make_wall()
    response = client.get(f"{BASE}/{wall.id}/qr.svg")
    assert response.mimetype == "image/svg+xml"
    assert (
        response.text.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in response.text
    )
    assert response.text == qr_svg(f"https://innspill.test/v/{wall.join_code}", inline=False)
    assert response.text != qr_svg("https://innspill.test/v/AAAAAA", inline=False)


def test_wall_list_counts_in_a_fixed_number_of_queries(client, db, planner, make_wall, seed, phone):
    from sqlalchemy import event

    walls = [make_wall(title=f"Møte {i}") for i in range(3)]
    for wall in walls:
        seed(wall, "En", "To")
        phone(wall).vote(service.statements(wall)[0].id)
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        page = client.get(f"{BASE}/")
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert page.status_code == 200 and all(w.title in page.text for w in walls)
    assert len(statements) <= 6


def test_big_screen_uses_the_stricter_of_app_and_organisation_threshold(
    app, client, db, planner, make_wall, seed, phone
):
    """The app's setting (10) wins over a lower organisation setting (5)."""
    app.config["SUPPRESSION_THRESHOLD"] = 10
    wall = make_wall()
    (common,) = seed(wall, "Gratis steder å henge")
    for p in [phone(wall) for _ in range(6)]:
        p.vote(common.id, "enig")
    data = client.get(f"{BASE}/{wall.id}/skjerm.json").get_json()
    assert data["threshold"] == 10
    assert data["agreed"] == []  # six votes are under the threshold of ten
