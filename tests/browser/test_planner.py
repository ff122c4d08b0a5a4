"""Kari's journey in Chromium: sign in, create a round, share it, watch answers arrive.

Every planner page on the way is checked with axe-core (WCAG 2.1 A/AA).
"""

from __future__ import annotations

import io
import uuid
from urllib.parse import urlsplit

import openpyxl
import pytest

from surveyapp.services.responses import new_response
from tests.conftest import PASSWORD

from .conftest import assert_accessible, assert_no_horizontal_scroll


@pytest.fixture
def kari(make_user):
    return make_user("admin", email="kari@midtdalen.example")


def _sign_in(page, base, email="kari@midtdalen.example"):
    page.goto(base + "/auth/logg-inn")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(base + "/planlegger/")


def _answer(db, round_, n, **values):
    for _ in range(n):
        db.session.add(new_response(round_, dict(values), uuid.uuid4().hex))
    db.session.commit()


def test_kari_creates_a_round_shares_it_and_sees_answers_arrive(
    live_server, new_page, app, db, kari
):
    from surveyapp.models import Round

    app.config["PLANNER_POLL_MILLISECONDS"] = 300
    page = new_page(1280, 900)
    _sign_in(page, live_server)
    assert_accessible(page)

    page.get_by_role("link", name="Ny runde").click()
    assert_accessible(page)
    page.get_by_role("link", name="Spørreundersøkelse til tjenestene", exact=True).click()
    assert page.get_by_role("heading", name="Dette ser respondentene").is_visible()
    assert_accessible(page)
    page.get_by_label("Tittel").fill("Tjenestene 2026")
    page.get_by_role("button", name="Lag runden").click()

    page.wait_for_url("**/del")
    assert_accessible(page)
    link = page.get_by_role("textbox", name="Lenken til undersøkelsen").input_value()
    path = urlsplit(link).path
    assert path.startswith("/r/") and len(path) > 15
    assert page.locator("img.qr").evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator("#live-count").inner_text() == "0"

    round_ = db.session.scalar(db.select(Round).filter_by(title="Tjenestene 2026"))
    assert round_.state == "open"  # the form suggests opening now
    _answer(db, round_, 6, tjeneste="Barnehage", meldeplikt=4)
    _answer(db, round_, 3, tjeneste="PPT", meldeplikt=2)
    page.wait_for_function(
        "() => document.getElementById('live-count').textContent === '9'"
    )

    page.get_by_role("link", name="Se oversikten").click()
    assert page.locator("#response-total").inner_text().startswith("9")
    services = page.locator("#group-service-table")
    assert services.locator("tr", has_text="PPT").locator("td").first.inner_text() == "skjult"
    assert services.locator("tr", has_text="Barnehage").locator("td").first.inner_text() == "skjult"
    assert_accessible(page)

    # More answers arrive while Kari reads: the overview says so, and redraws when she asks.
    notice = page.locator("[data-new]")
    assert notice.is_hidden()
    _answer(db, round_, 3, tjeneste="NAV", meldeplikt=3)
    notice.wait_for(state="visible")
    assert notice.inner_text().startswith("Nye svar etter at du åpnet oversikten: 3.")
    assert_accessible(page)
    notice.get_by_role("link", name="Oppdater oversikten").click()
    page.wait_for_function(
        "() => document.getElementById('response-total').textContent.trim().startsWith('12')"
    )
    assert page.locator("[data-new]").is_hidden()

    page.goto(live_server + path)
    assert page.locator("h1").inner_text() == "Tjenestene 2026"


def test_planner_pages_are_accessible_and_fit_a_phone(
    live_server, new_page, app, db, kari, make_round, tmp_path
):
    app.config["IMPORT_FOLDER"] = str(tmp_path)
    round_ = make_round(title="Tjenestene 2026")
    _answer(
        db,
        round_,
        12,
        tjeneste="Barnehage",
        kommune="Ringebu",
        meldeplikt=5,
        hull_i_tilbudet=["Skolefravær"],
        tiltak_virker="Faste møter med helsesykepleier",
    )
    _answer(db, round_, 4, tjeneste="NAV", kommune="Sør-Fron", meldeplikt="vet_ikke")
    page = new_page(1280, 900)
    _sign_in(page, live_server)
    r = f"/planlegger/runder/{round_.id}"
    paths = [
        r,
        f"{r}/del",
        f"{r}/plakat",
        f"{r}/eksport",
        f"{r}/steng",
        f"{r}/slett-radata",
        f"{r}/fritekst/tiltak_virker",
        "/planlegger/sporreskjema/ungdomsrad",
        "/planlegger/import",
        "/planlegger/logg",
        "/planlegger/api-nokler",
        "/planlegger/brukere",
        "/planlegger/brukere/ny",
        "/planlegger/innstillinger",
        f"/planlegger/brukere/{kari.id}",
        "/auth/passord",
    ]
    for path in paths:
        page.goto(live_server + path)
        assert_accessible(page)
    regions = page.locator(".table-wrap")
    page.goto(live_server + r)
    assert regions.count() > 3
    named = page.locator(".table-wrap[role=region][tabindex='0'][aria-label]")
    assert regions.count() == named.count()
    phone = new_page()
    _sign_in(phone, live_server)
    for path in (r, f"{r}/del", "/planlegger/", "/planlegger/runder/ny/tjenester", "/auth/passord"):
        phone.goto(live_server + path)
        assert_no_horizontal_scroll(phone)
    # on a phone the tables under the charts scroll sideways: each is a focusable, named region
    for path in (r, "/planlegger/", "/planlegger/logg", "/planlegger/brukere"):
        phone.goto(live_server + path)
        assert_accessible(phone)


def test_import_pages_are_accessible(live_server, new_page, app, kari, tmp_path):
    app.config["IMPORT_FOLDER"] = str(tmp_path / "imports")
    book = openpyxl.Workbook()
    book.active.append(
        [
            "ID",
            "Fullføringstidspunkt",
            "Hvilken tjeneste jobber du i?",
            "Jeg vet når jeg har meldeplikt til barnevernet.",
        ]
    )
    for i in range(6):
        book.active.append([i, "2024-03-05 10:00", "Barnehage" if i else "Barnhage", "4"])
    path = tmp_path / "forms.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())

    page = new_page(1280, 900)
    _sign_in(page, live_server)
    page.goto(live_server + "/planlegger/import")
    page.get_by_label("Fil fra Forms").set_input_files(str(path))
    page.get_by_label("Spørreskjema svarene skal kobles til").select_option("tjenester")
    page.get_by_label("Tittel på den nye runden").fill("Forms 2024")
    page.get_by_role("button", name="Last opp og fortsett").click()
    page.wait_for_url("**/import/*")
    assert_accessible(page)
    page.get_by_role("button", name="Forhåndsvis importen").click()
    page.wait_for_url("**/forhandsvis")
    assert "«Barnhage» er ikke et av svaralternativene" in page.content()
    assert_accessible(page)
    page.get_by_label("Ja, jeg er sikker").check()
    page.get_by_role("button", name="Importer 6 svar").click()
    page.wait_for_url("**/planlegger/runder/*")
    assert "6 svar er importert." in page.content()


def test_idle_warning_appears_and_keeps_the_session(live_server, new_page, app, kari):
    app.config["PLANNER_IDLE_SECONDS"] = 122  # the warning shows 120 s before the end
    page = new_page(1280, 900)
    _sign_in(page, live_server)
    warning = page.locator("#idle-warning")
    warning.wait_for(state="visible", timeout=6000)
    assert_accessible(page)
    page.get_by_role("button", name="Fortsett å være logget inn").click()
    warning.wait_for(state="hidden")
    page.reload()
    assert page.url == live_server + "/planlegger/"
