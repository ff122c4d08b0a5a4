"""Answering in a real browser: keyboard only on a phone, conditions, double clicks, axe-core."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from surveyapp.definitions import parse_definition
from surveyapp.models import Response, utcnow
from surveyapp.services import questionnaires
from surveyapp.services.rounds import RoundSettings, create_round
from tests.respondent.conftest import ALL_TYPES

from .conftest import assert_accessible, assert_no_horizontal_scroll

BUILT_IN = ["tjenester", "innspill_fire_tema", "ungdomsrad", "samarbeid_bti"]


@pytest.fixture
def all_types_round(db, organisation):
    version = questionnaires.store_version(parse_definition(ALL_TYPES, "test"))
    round_ = create_round(
        organisation,
        version,
        RoundSettings(title="Alle typer", audience="open", opens_at=utcnow() - timedelta(hours=1)),
    )
    db.session.commit()
    return round_


def responses(db) -> list[Response]:
    db.session.expire_all()
    return db.session.scalars(db.select(Response)).all()


def press(page, name: str) -> None:
    """Click a button that loads a new page, and wait until that page has loaded."""
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def focused(page) -> dict:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          return {tag: el.tagName.toLowerCase(), type: el.type || "", name: el.name || "",
                  value: el.value || "", text: (el.innerText || "").trim(), id: el.id || ""};
        }"""
    )


def assert_focus_visible(page) -> None:
    """The focused control, or for the scale's hidden radios its label, shows a focus ring."""
    ring = page.evaluate(
        """() => {
          let el = document.activeElement;
          if (el.closest('.scale-option')) el = el.parentElement.querySelector('label');
          const s = getComputedStyle(el);
          return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
        }"""
    )
    assert ring, f"no visible focus on {focused(page)}"


def answer_page_with_keyboard(page, texts: list[str]) -> str:
    """Tab through one page answering every question; returns the action of the button used."""
    answered: set[str] = set()
    for _ in range(200):
        page.keyboard.press("Tab")
        el = focused(page)
        if el["tag"] == "button" and el["name"] == "action" and el["value"] in ("next", "send"):
            assert_focus_visible(page)
            page.keyboard.press("Enter")
            return el["value"]
        if el["name"].startswith("q-") and el["name"] not in answered:
            answered.add(el["name"])
            assert_focus_visible(page)
            if el["type"] in ("radio", "checkbox"):
                page.keyboard.press("Space")
            elif el["tag"] == "textarea" or el["type"] == "text":
                page.keyboard.type(texts.pop(0) if texts else "42")
    raise AssertionError("never reached the Next or Send button")


@pytest.mark.parametrize("key", BUILT_IN)
def test_complete_built_in_questionnaire_with_keyboard_on_a_phone(
    live_server, new_page, make_round, db, key
):
    round_ = make_round(key, audience="open")
    page = new_page(width=360, height=740)
    page.goto(f"{live_server}/r/{round_.slug}")
    assert_no_horizontal_scroll(page)
    for _ in range(30):
        page.keyboard.press("Tab")
        if focused(page)["text"] == "Start":
            break
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-answer-form]")
    texts = ["Mer tid til samarbeid.", "Faste møter med skolen.", "Gratis steder å være."] * 3
    for _ in range(10):
        assert_no_horizontal_scroll(page)
        with page.expect_navigation():
            action = answer_page_with_keyboard(page, texts)
        if action == "send":
            break
    assert page.locator("h1").inner_text() == "Takk for svaret!"
    stored = responses(db)
    assert len(stored) == 1 and stored[0].round_id == round_.id
    assert len(stored[0].answers) >= 5


def test_double_click_on_send_stores_one_response(live_server, page, all_types_round, db):
    page.goto(f"{live_server}/r/{all_types_round.slug}")
    press(page, "Start")
    page.get_by_label("Forelder").check()
    press(page, "Neste")
    page.locator("#q-trives-3").check(force=True)
    page.locator("#q-samarbeid-skole-2").check(force=True)
    page.locator("#q-samarbeid-helse-vet_ikke").check()
    press(page, "Neste")
    page.get_by_label("Hva trenger foreldre?").fill("Mer hjelp tidlig")
    press(page, "Neste")
    page.get_by_role("button", name="Send inn").dblclick()
    page.wait_for_url(re.compile(r"/kvittering$"))
    assert "Takk for svaret!" in page.content()
    assert len(responses(db)) == 1


def test_double_submit_without_javascript_stores_one_response(
    live_server, new_page, all_types_round, db
):
    page = new_page(java_script_enabled=False)
    page.goto(f"{live_server}/r/{all_types_round.slug}")
    press(page, "Start")
    # without JavaScript the conditional question is shown, with a hint, and dropped later
    assert page.get_by_text("Svar bare hvis du svarte «Ansatt» eller «Leder»").is_visible()
    page.get_by_label("Forelder").check()
    page.get_by_label("Skole").check()
    press(page, "Neste")
    page.locator("#q-trives-3").check(force=True)
    page.locator("#q-samarbeid-skole-2").check(force=True)
    page.locator("#q-samarbeid-helse-2").check(force=True)
    press(page, "Neste")
    assert page.locator("h1").inner_text() == "For foreldre"
    page.get_by_label("Hva trenger foreldre?").fill("Mer hjelp tidlig")
    press(page, "Neste")
    # without JavaScript nothing stops a double click from posting the form twice
    page.get_by_role("button", name="Send inn").dblclick()
    page.wait_for_url(re.compile(r"/kvittering$"))
    assert page.locator("h1").inner_text() == "Takk for svaret!"
    stored = responses(db)
    assert len(stored) == 1
    assert {a.question_key for a in stored[0].answers} >= {"rolle", "foreldre_tekst"}
    assert "tjeneste" not in {a.question_key for a in stored[0].answers}


def test_conditions_update_instantly(live_server, page, make_round):
    round_ = make_round("innspill_fire_tema", audience="open")
    page.goto(f"{live_server}/r/{round_.slug}")
    press(page, "Start")
    service = page.locator("#question-tjeneste")
    assert service.is_hidden()
    page.get_by_label("Leder", exact=True).check()
    assert service.is_visible()
    page.get_by_label("Barnevern").check()
    page.get_by_label("Forelder").check()
    assert service.is_hidden()
    assert page.locator("#q-tjeneste-4").is_disabled(), "a hidden question's answer is not sent"


def test_character_count_follows_typing(live_server, page, make_round):
    round_ = make_round("ungdomsrad", audience="youth")
    page.goto(f"{live_server}/r/{round_.slug}")
    press(page, "Start")
    for _ in range(3):
        press(page, "Neste")
    box = page.get_by_label("Hvilke aktiviteter eller steder mangler der du bor?")
    box.fill("Et sted å være")
    assert page.locator("#mangler_aktiviteter-count").inner_text() == "14 av 5000 tegn"
    assert box.get_attribute("maxlength") == "5000"


def test_language_switch_on_a_page_keeps_what_is_typed(live_server, page, make_round):
    round_ = make_round("ungdomsrad", audience="youth")
    page.goto(f"{live_server}/r/{round_.slug}")
    press(page, "Start")
    for _ in range(3):
        press(page, "Neste")
    page.get_by_label("Hvilke aktiviteter eller steder mangler der du bor?").fill("Ungdomsklubb")
    page.get_by_role("link", name="Nynorsk").click()
    page.wait_for_selector("html[lang=nn]")
    assert page.get_by_label("Kva aktivitetar eller stader manglar der du bur?").input_value() == (
        "Ungdomsklubb"
    )


def test_nothing_is_kept_in_browser_storage(live_server, page, all_types_round):
    page.goto(f"{live_server}/r/{all_types_round.slug}")
    press(page, "Start")
    page.get_by_label("Forelder").check()
    press(page, "Neste")
    page.get_by_label("Hva tenker du?").fill("Noe privat")
    press(page, "Lagre og fortsett senere")
    storage = page.evaluate("() => [localStorage.length, sessionStorage.length]")
    assert storage == [0, 0]
    cookies = page.context.cookies()
    assert [c["name"] for c in cookies] == ["session"]
    assert all("Noe privat" not in c["value"] for c in cookies)


def axe_and_fit(page) -> None:
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_horizontal_scroll(page)
    page.set_viewport_size({"width": 360, "height": 740})


def test_every_respondent_page_is_accessible_in_every_state(
    live_server, new_page, make_round, all_types_round
):
    page = new_page()
    base = f"{live_server}/r/{all_types_round.slug}"
    page.goto(base)  # front page
    axe_and_fit(page)
    press(page, "Start")  # first page, with the resume code
    axe_and_fit(page)
    code = page.locator("#resume-code-value").inner_text()
    press(page, "Neste")  # errors
    expect(page.locator(".error-summary")).to_be_focused()
    axe_and_fit(page)
    page.get_by_role("link", name=re.compile("Hva er rollen din")).click()
    expect(page.locator("#q-rolle-0")).to_be_focused()  # the summary's link goes to the field
    page.get_by_label("Ansatt").check()
    page.get_by_label("Skole").check()
    page.get_by_label("Hvor gammel er du?").fill("200")
    press(page, "Neste")
    axe_and_fit(page)  # a number error
    page.get_by_label("Hvor gammel er du?").fill("45")
    press(page, "Neste")
    axe_and_fit(page)  # likert, grid, checkboxes, text
    page.get_by_label("Hva tenker du?").fill("Skriver litt")
    press(page, "Lagre og fortsett senere")
    axe_and_fit(page)  # saved: the first code still holds, no second one
    assert page.locator("#resume-code-value").count() == 0

    other = new_page()
    other.goto(f"{base}/fortsett")
    axe_and_fit(other)  # resume form
    other.get_by_label("Koden din").fill("feil kode")
    press(other, "Fortsett")
    axe_and_fit(other)  # resume form with an error
    other.get_by_label("Koden din").fill(code)
    press(other, "Fortsett")
    assert other.get_by_label("Hva tenker du?").input_value() == "Skriver litt"
    axe_and_fit(other)  # resumed
    other.locator("#q-trives-4").check(force=True)
    other.locator("#q-samarbeid-skole-4").check(force=True)
    other.locator("#q-samarbeid-helse-4").check(force=True)
    press(other, "Neste")
    press(other, "Send inn")
    assert other.locator("h1").inner_text() == "Takk for svaret!"
    axe_and_fit(other)  # receipt

    for path, heading in [
        ("/r/finnes-ikke", "Vi fant ikke undersøkelsen"),
        ("/tilgjengelighet", "Tilgjengelighetserklæring"),
    ]:
        page.goto(live_server + path)
        assert page.locator("h1").inner_text() == heading
        axe_and_fit(page)
    closed = make_round(
        "ungdomsrad",
        audience="youth",
        opens_at=utcnow() - timedelta(days=2),
        closes_at=utcnow() - timedelta(days=1),
    )
    page.goto(f"{live_server}/r/{closed.slug}")
    axe_and_fit(page)
    coded = make_round("tjenester", title="Med kode", access_code="hemmelig")
    page.goto(f"{live_server}/r/{coded.slug}")
    press(page, "Start")
    assert "Tilgangskoden er feil" in page.content()
    axe_and_fit(page)


@pytest.mark.parametrize("key", BUILT_IN)
def test_built_in_pages_are_accessible(live_server, page, make_round, key):
    round_ = make_round(key, audience="open")
    page.goto(f"{live_server}/r/{round_.slug}")
    press(page, "Start")
    for _ in range(8):
        axe_and_fit(page)
        following = page.get_by_role("button", name="Neste")
        if following.count() == 0:
            break
        with page.expect_navigation():
            following.click()
        if page.locator(".error-summary").count():
            axe_and_fit(page)  # required questions left out
            for question in page.locator(".question.has-error").all():
                question.locator("input").first.check(force=True)
            with page.expect_navigation():
                following.click()
    assert page.get_by_role("button", name="Send inn").count() == 1
