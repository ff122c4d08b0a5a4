"""Security headers on every route, the CSRF check on pages that send no Referer, HSTS."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from surveyapp import create_app
from surveyapp.security import PUBLIC_BLUEPRINTS
from tests.conftest import csrf_token

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
TEMPLATES = Path(__file__).resolve().parent.parent / "surveyapp" / "templates"


def _url_for_rule(rule) -> str:
    """A concrete address for a url-map rule: digits for int parts, a word for the others."""
    return re.sub(
        r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>",
        lambda m: "1" if m.group(1) == "int" else "x",
        rule.rule,
    )


def assert_security_headers(response, referrer: str) -> None:
    h = response.headers
    assert h["Content-Security-Policy"] == CSP
    assert h["X-Content-Type-Options"] == "nosniff"
    assert h["X-Frame-Options"] == "DENY"
    assert h["Referrer-Policy"] == referrer
    permissions = h["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "fullscreen=(self)"):
        assert feature in permissions
    assert "Strict-Transport-Security" not in h  # only the production config sends it


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_route_carries_the_headers(app, client, auth, make_user, make_round, signed_in):
    make_round()
    if signed_in:
        make_user("admin")
        auth.login("admin@midtdalen.example")
    rules = [r for r in app.url_map.iter_rules()]
    assert len(rules) > 60
    for rule in rules:
        url = _url_for_rule(rule)
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"OPTIONS"})[0]
        response = client.open(url, method=method)
        blueprint = rule.endpoint.rpartition(".")[0]
        referrer = "no-referrer" if blueprint in PUBLIC_BLUEPRINTS else "same-origin"
        assert_security_headers(response, referrer)
        response.close()  # file responses (the icon, static files) hold their file open


def test_respondent_page_with_a_real_round_sends_no_referrer(client, make_round):
    round_ = make_round()
    response = client.get(f"/r/{round_.slug}")
    assert response.status_code == 200
    assert_security_headers(response, "no-referrer")


def test_templates_hold_no_inline_script_or_style():
    """The CSP allows no inline code, so no template may rely on it."""
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        inline_script = re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text)
        if inline_script or re.search(r"\sstyle=|\son[a-z]+=", text):
            offenders.append(str(path.relative_to(TEMPLATES)))
        if "<style" in text and path.name != "report.html":
            offenders.append(str(path.relative_to(TEMPLATES)))
    assert offenders == []


def test_production_sends_hsts(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://innspill.example")
    app = create_app({"CONFIG_NAME": "production", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    response = app.test_client().get("/helse", base_url="https://innspill.example")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_respondent_pages_post_without_a_referer_over_https(client, make_round):
    """No Referer is sent from respondent pages; the token alone is checked there."""
    round_ = make_round()
    https = {"base_url": "https://innspill.test"}
    page = client.get(f"/r/{round_.slug}", **https)
    response = client.post(
        f"/r/{round_.slug}/start", data={"csrf_token": csrf_token(page.text)}, **https
    )
    assert response.status_code == 200
    assert "name=\"flow\"" in response.text or "del" in response.text
    forged = client.post(f"/r/{round_.slug}/start", data={"csrf_token": "x"}, **https)
    assert forged.status_code == 400


def test_planner_pages_keep_the_strict_referer_check(client, auth, make_user):
    make_user("planner")
    https = {"base_url": "https://innspill.test"}
    page = client.get("/auth/logg-inn", **https)
    response = client.post(
        "/auth/logg-inn",
        data={
            "email": "planner@midtdalen.example",
            "password": "x",
            "csrf_token": csrf_token(page.text),
        },
        **https,
    )
    assert response.status_code == 400  # no Referer: refused before the password is checked
