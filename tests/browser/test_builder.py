"""Building a questionnaire with the keyboard alone in Chromium, a condition included, then
opening a round from it and answering it; every builder page checked with axe-core.

Fields are reached with ``focus()`` and then worked only with keys (typing, Enter, Space,
arrow keys): no click on any builder control.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from surveyapp.models import Questionnaire, Response, Round

from .conftest import assert_accessible, assert_no_horizontal_scroll
from .test_planner import _sign_in


def _press(page, locator) -> None:
    locator.focus()
    page.keyboard.press("Enter")


def _type(page, locator, text: str) -> None:
    locator.focus()
    page.keyboard.type(text)


def test_keyboard_only_build_with_a_condition_then_a_round_is_answered(
    live_server, new_page, db, make_user
):
    make_user("planner", email="kari@midtdalen.example")
    page = new_page(1280, 900)
    _sign_in(page, live_server)

    _press(page, page.get_by_role("link", name="Spørreskjema", exact=True))
    page.wait_for_url("**/planlegger/skjema/")
    assert_accessible(page)
    _press(page, page.get_by_role("link", name="Nytt spørreskjema"))
    page.wait_for_url("**/skjema/ny")
    assert_accessible(page)
    _type(page, page.get_by_label("Tittel"), "Foreldreskjema")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/planlegger/skjema/\d+$"))
    assert page.get_by_role("heading", name="Foreldreskjema", level=1).is_visible()
    assert_accessible(page)

    # a single choice question (the first type in the list)
    _press(page, page.get_by_role("button", name="Legg til spørsmål"))
    page.wait_for_url(re.compile(r".*/sporsmal/\w+$"))
    assert_accessible(page)
    _type(page, page.get_by_label("Spørsmål (bokmål)"), "Hvem er du?")
    _type(page, page.get_by_label("Spørsmål (nynorsk)"), "Kven er du?")
    _type(page, page.get_by_label("1. bokmål"), "Ansatt")
    _type(page, page.get_by_label("2. bokmål"), "Forelder")
    key = page.get_by_label("Nøkkel (brukes i eksporter)")
    key.focus()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("rolle")
    _press(page, page.get_by_role("button", name="Lagre spørsmålet"))
    page.wait_for_url(re.compile(r".*/skjema/\d+#q-rolle$"))

    # a long text shown only to parents: the condition chosen with the arrow keys and Space
    page.get_by_label("Nytt spørsmål i delen Del 1").focus()
    for _ in range(5):  # Ett valg → ... → Lang fritekst
        page.keyboard.press("ArrowDown")
    _press(page, page.get_by_role("button", name="Legg til spørsmål"))
    page.wait_for_url(re.compile(r".*/sporsmal/\w+$"))
    _type(page, page.get_by_label("Spørsmål (bokmål)"), "Hva trenger foreldre?")
    condition = page.get_by_label("Vis spørsmålet bare når")
    condition.focus()
    page.keyboard.press("ArrowDown")
    assert condition.input_value() == "rolle"
    parent = page.get_by_role("checkbox", name="Forelder")
    expect(parent).to_be_visible()
    parent.focus()
    page.keyboard.press("Space")
    assert parent.is_checked()
    assert_accessible(page)
    _press(page, page.get_by_role("button", name="Lagre spørsmålet"))
    page.wait_for_url(re.compile(r".*/skjema/\d+#q-sporsmal_2$"))
    assert "vises bare når «rolle» har svaret Forelder" in page.content()
    assert "mangler nynorsk" in page.content()
    assert_accessible(page)

    _press(page, page.get_by_role("button", name="Lagre versjon"))
    page.wait_for_selector("text=Versjon 1 er lagret.")
    assert_accessible(page)

    _press(page, page.get_by_role("link", name="Forhåndsvis som respondent"))
    page.wait_for_url("**/forhandsvis")
    assert page.locator(".phone-frame").evaluate("e => e.getBoundingClientRect().width") <= 390
    assert_accessible(page)

    # open a round from it
    questionnaire = db.session.scalar(db.select(Questionnaire).filter_by(key="foreldreskjema"))
    page.goto(f"{live_server}/planlegger/runder/ny/{questionnaire.key}")
    _press(page, page.get_by_role("button", name="Lag runden"))
    page.wait_for_url("**/del")
    round_ = db.session.scalar(db.select(Round).filter_by(title="Foreldreskjema"))
    assert round_.questionnaire_version.questionnaire_id == questionnaire.id

    # a parent answers on a phone; the condition shows the question on the same page
    phone = new_page()
    phone.goto(f"{live_server}/r/{round_.slug}")
    phone.get_by_role("button", name="Start").click()
    follow_up = phone.get_by_label("Hva trenger foreldre?")
    expect(follow_up).to_be_hidden()  # waits for respondent.js to apply the condition
    phone.get_by_label("Forelder").check()
    follow_up.fill("Mer tid med helsesykepleier.")
    assert_no_horizontal_scroll(phone)
    phone.get_by_role("button", name="Send inn").click()
    phone.wait_for_selector("text=Takk")
    db.session.expire_all()
    assert db.session.scalar(db.select(Response).filter_by(round_id=round_.id)) is not None
