"""The idea wall in Debian's Chromium: three phones take part while the big screen updates."""

from __future__ import annotations

import re

import pytest

from surveyapp.services import ideawall as service
from tests.conftest import PASSWORD

from .conftest import assert_accessible, assert_no_horizontal_scroll

PROMPT = "Hva er det viktigste kommunen kan gjøre for at unge skal ha det bra?"
IDEAS = [
    "Gratis steder å henge etter skolen",
    "Helsesykepleier må være der når vi trenger det",
    "Billigere buss om kvelden",
]


@pytest.fixture
def wall(app, db, organisation):
    # A small council: lists show from three votes (the app's floor and the organisation's).
    app.config["SUPPRESSION_THRESHOLD"] = 3
    organisation.suppression_threshold = 3
    wall = service.create_wall(organisation, "Ungdomsrådet mars", [PROMPT], moderated=False)
    service.add_statement(wall, "Flere fritidsklubber")
    db.session.commit()
    return wall


def sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/auth/logg-inn")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(re.compile(r".*/planlegger/.*"))


def count(screen, key: str) -> str:
    return screen.locator(f'[data-count="{key}"]').inner_text()


def test_three_phones_join_write_and_vote_while_the_screen_updates(
    live_server, new_page, make_user, wall
):
    planner = make_user("planner")
    screen = new_page(width=1280, height=800)
    sign_in(screen, live_server, planner.email)
    screen.goto(f"{live_server}/planlegger/idevegg/{wall.id}/skjerm")
    assert screen.locator(".screen-code").inner_text() == wall.join_code
    assert screen.locator(".qr svg").count() == 1
    assert count(screen, "participants") == "0"
    assert_accessible(screen)
    screen.evaluate("window.notReloaded = true")

    phones = []
    for n, idea in enumerate(IDEAS):
        phone = new_page()
        phone.goto(f"{live_server}/v/")
        phone.get_by_label("Koden fra skjermen").fill(wall.join_code.lower())
        phone.get_by_role("button", name="Gå videre").click()
        phone.get_by_role("button", name="Bli med").click()
        phone.get_by_role("textbox", name="Ditt innlegg").fill(idea)
        phone.get_by_role("button", name="Send inn").click()
        assert "Takk!" in phone.locator(".alert").inner_text()
        if n == 0:
            assert_accessible(phone)
            assert_no_horizontal_scroll(phone)
        phones.append(phone)

    screen.wait_for_function(
        "() => document.querySelector('[data-count=participants]').textContent === '3'"
    )
    screen.wait_for_function(
        "() => document.querySelector('[data-count=statements]').textContent === '4'"
    )

    # Every phone votes on every statement it is shown, without reloading the page.
    for phone in phones:
        phone.reload()
        phone.evaluate("window.notReloaded = true")
        statement = phone.locator("[data-text]")
        for _ in range(3):  # the seeded statement and the two others' ideas
            before = statement.inner_text()
            agree = "Flere fritidsklubber" in before or "Gratis steder" in before
            phone.get_by_role("button", name="Enig" if agree else "Uenig", exact=True).click()
            phone.wait_for_function(
                "([el, old]) => el.textContent !== old || el.closest('[data-has-next]').hidden",
                arg=[statement.element_handle(), before],
            )
        assert phone.locator("[data-empty]").is_visible()
        assert "Du har stemt på 4 av 4 innlegg." in phone.locator("[data-progress]").inner_text()
        assert phone.evaluate("window.notReloaded") is True
    assert_accessible(phones[-1])

    screen.wait_for_function(
        "() => document.querySelector('[data-count=votes]').textContent === '12'"
    )
    agreed = screen.locator('[data-list="agreed"]')
    agreed.get_by_text("Flere fritidsklubber").wait_for()
    assert "Gratis steder å henge etter skolen" in agreed.inner_text()
    assert "3 enige · 0 uenige · 0 vet ikke" in agreed.inner_text()
    assert screen.evaluate("window.notReloaded") is True
    assert_accessible(screen)


def test_planner_pages_are_accessible(live_server, new_page, make_user, wall, db):
    planner = make_user("planner")
    phone = new_page()
    phone.goto(f"{live_server}/v/{wall.join_code}")
    assert_accessible(phone)  # the join page
    page = new_page(width=1024, height=768)
    sign_in(page, live_server, planner.email)
    base = f"{live_server}/planlegger/idevegg"
    for path in (
        "/",
        "/ny",
        f"/{wall.id}",
        f"/{wall.id}/moderering",
        f"/{wall.id}/resultat",
        f"/{wall.id}/planen",
    ):
        page.goto(base + path)
        assert_accessible(page)
    page.goto(f"{base}/{wall.id}/resultat")
    page.goto(f"{base}/{wall.id}/planen")
    assert "Ingen innlegg er valgt ut ennå" in page.content()
