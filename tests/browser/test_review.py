"""Kari's afternoon in a real browser: analyse the demo data, merge, write a finding, report.

The analysis runs in a real background process (as in production) while the page polls its
progress; every page on the way is checked with axe-core for WCAG 2.1 A/AA.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from surveyapp.demo.load import DEMO_EMAIL, DEMO_PASSWORD, load_demo
from surveyapp.extensions import db
from surveyapp.models import Round
from surveyapp.models.analysis import AnalysisRun
from surveyapp.models.findings import Finding

from .conftest import assert_accessible

pytestmark = pytest.mark.slow


@pytest.fixture
def demo(app, db):
    load_demo(responses=150, seed=15)
    db.session.commit()
    return db.session.scalar(
        db.select(Round).filter_by(title="Spørreundersøkelse til tjenestene 2026")
    )


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/auth/logg-inn")
    page.get_by_label("E-post").fill(DEMO_EMAIL)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()


def test_analyse_merge_write_a_finding_and_download_the_report(live_server, new_page, demo, app):
    page = new_page(width=1280, height=900)
    sign_in(page, live_server)

    # 1. Start an analysis guided by the built-in codebook.
    page.goto(f"{live_server}/planlegger/analyse/ny")
    assert_accessible(page)
    page.get_by_role("checkbox", name=demo.title, exact=True).check()
    page.get_by_role("checkbox", name="Hva hindrer tidlig innsats").check()
    page.get_by_label("Styrt av en kodebok", exact=False).check()
    page.get_by_label("Kodebok", exact=True).select_option("builtin:15-1")
    page.get_by_role("button", name="Start analysen").click()

    # 2. The progress page (the job runs in the request in tests), then the themes.
    page.wait_for_selector("h1")
    if page.locator("#progress-bar").count():
        assert_accessible(page)
    page.wait_for_selector(".theme-list", timeout=180_000)
    assert_accessible(page)
    run = db.session.scalar(db.select(AnalysisRun))
    db.session.refresh(run)
    assert run.status == "done"

    # 3. Merge the first two themes.
    cards = page.locator(".theme-card")
    first = cards.nth(0).locator("h2").inner_text()
    second = cards.nth(1).locator("h2").inner_text()
    cards.nth(0).get_by_role("checkbox").check()
    cards.nth(1).get_by_role("checkbox").check()
    page.get_by_label("Navn på det sammenslåtte temaet (valgfritt)").fill(
        "Samarbeid og tidlig hjelp"
    )
    page.get_by_role("button", name="Slå sammen valgte tema").click()
    page.wait_for_selector("text=Temaene er slått sammen")
    assert page.locator(".theme-card h2", has_text="Samarbeid og tidlig hjelp").count() == 1
    assert page.locator(".theme-card h2", has_text=second).count() == 0 or first == second
    assert_accessible(page)

    # A theme page and the review pages are accessible too.
    page.locator(".theme-card h2 a").first.click()
    page.wait_for_selector(".answers")
    assert_accessible(page)
    page.get_by_role("link", name="Tilbake til alle tema").click()
    for tab in ("Usikre svar", "Sammenlign grupper", "Logg"):
        page.get_by_role("link", name=tab, exact=True).click()
        page.wait_for_load_state()
        assert_accessible(page)

    # 4. Write a finding from the merged theme.
    page.get_by_role("navigation", name="Analysen").get_by_role("link", name="Tema").click()
    page.get_by_role("link", name="Skriv et funn").click()
    assert_accessible(page)
    page.get_by_label("Funn", exact=True).fill(
        "Tjenestene kjenner ikke godt nok til hverandres tilbud"
    )
    page.get_by_label("Hvor i planen").select_option("utfordringsbilde")
    page.get_by_label("Samarbeid og tidlig hjelp").check()
    page.get_by_role("button", name="Lagre funnet").click()
    page.wait_for_selector("text=Funnet er lagret")
    page.locator(".quote-choices input[type=checkbox]").first.check()
    page.get_by_role("button", name="Lagre funnet").click()
    page.wait_for_selector("text=Funnet er lagret")
    assert_accessible(page)
    finding = db.session.scalar(db.select(Finding))
    db.session.refresh(finding)
    assert len(finding.quotes) == 1 and finding.themes[0].label == "Samarbeid og tidlig hjelp"
    page.goto(f"{live_server}/planlegger/analyse/funn")
    assert_accessible(page)

    # 5. Download the Word report.
    page.goto(f"{live_server}/planlegger/analyse/rapport")
    assert_accessible(page)
    for other in page.locator("input[name=rounds]").all():
        other.uncheck()
    page.get_by_role("checkbox", name=demo.title, exact=True).check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Lag rapporten").click()
    data = Path(info.value.path()).read_bytes()
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Tjenestene kjenner ikke godt nok til hverandres tilbud" in text
    assert "Samarbeid og tidlig hjelp" in text
    assert "1 vurderinger" in text or "2 vurderinger" in text


def test_public_feedback_page_is_accessible(live_server, new_page, demo):
    page = new_page()
    from surveyapp.models.findings import FeedbackPage

    db.session.add(FeedbackPage(round=demo, published=True, intro="Takk for svarene!"))
    db.session.commit()
    page.goto(f"{live_server}/tilbakemelding/{demo.slug}")
    assert "Takk for svarene!" in page.content()
    assert_accessible(page)
