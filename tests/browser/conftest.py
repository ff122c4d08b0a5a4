"""Browser tests: the real app served on loopback, driven in Debian's Chromium by Playwright.

No browser is downloaded: Chromium comes from Debian (``.ci/run`` installs it). axe-core
comes bundled in the axe-playwright-python package, so nothing is fetched at run time.
"""

from __future__ import annotations

import re
import shutil
import threading

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def live_server(app):
    """Serve the test app on a free loopback port for the duration of one test."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield app.config["PUBLIC_BASE_URL"]
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


#: what Chromium writes to the console when the Content-Security-Policy blocks something
CSP_MESSAGE = re.compile(r"Content Security Policy|Refused to (apply|execute|load|frame|connect)")


@pytest.fixture
def csp_violations():
    """Every CSP violation Chromium reports in any page of the test; none are allowed."""
    seen: list[str] = []
    yield seen
    assert seen == [], "pages broke the Content-Security-Policy:\n" + "\n".join(seen)


@pytest.fixture
def new_page(browser, csp_violations):
    """Open pages in fresh browser contexts (a phone-sized one by default).

    Every page reports CSP violations to ``csp_violations``, so each browser test also checks
    that the pages it uses run without inline code.
    """
    contexts = []

    def watch(page) -> None:
        page.on(
            "console",
            lambda m: csp_violations.append(f"{page.url}: {m.text}")
            if CSP_MESSAGE.search(m.text)
            else None,
        )

    def make(width: int = 360, height: int = 740, **options):
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="nb-NO", **options
        )
        context.set_default_timeout(10_000)
        context.on("page", watch)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def axe_violations(page) -> list[dict]:
    """WCAG 2.1 A/AA violations that axe-core finds on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return results.response["violations"]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    ]
    assert not violations, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(summary)


#: the elements that stick out past the right edge while their parent does not: the culprits
_WIDE_ELEMENTS = """() => Array.from(document.querySelectorAll('body *'))
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .filter(e => e.parentElement.getBoundingClientRect().right <= window.innerWidth + 0.5
               || e.parentElement === document.body)
  .slice(0, 5)
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
            + (e.className && typeof e.className === 'string' ? '.' + e.className : '')
            + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')"""


def assert_no_horizontal_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    culprits = page.evaluate(_WIDE_ELEMENTS) if overflow > 0 else []
    assert overflow <= 0, f"page scrolls sideways by {overflow}px: {culprits}"
