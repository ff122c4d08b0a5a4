"""Public pages in a real browser: accessible, readable on a small phone."""

from .conftest import assert_accessible, assert_no_horizontal_scroll


def test_front_and_accessibility_pages_are_accessible(live_server, page):
    for path in ("/", "/tilgjengelighet", "/auth/logg-inn"):
        page.goto(live_server + path)
        assert_accessible(page)
        assert_no_horizontal_scroll(page)


def test_round_start_page_is_accessible_at_320px(live_server, new_page, make_round):
    round_ = make_round("ungdomsrad", audience="youth")
    page = new_page(width=320, height=640)
    page.goto(f"{live_server}/r/{round_.slug}")
    assert page.locator("h1").inner_text() == round_.title
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_language_switch_shows_nynorsk(live_server, page, make_round):
    round_ = make_round("ungdomsrad", audience="youth")
    page.goto(f"{live_server}/r/{round_.slug}")
    page.get_by_role("link", name="Nynorsk").click()
    assert page.locator("html").get_attribute("lang") == "nn"
    assert "Kommunen lagar ein plan" in page.content()


def test_a_csp_violation_would_be_seen(live_server, page, csp_violations):
    """The watcher in conftest catches what the policy blocks (here: a style added inline)."""
    page.goto(live_server + "/")
    page.evaluate(
        "() => { const s = document.createElement('style');"
        " s.textContent = 'body { color: red }'; document.head.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert any("style" in v for v in csp_violations)
    csp_violations.clear()
