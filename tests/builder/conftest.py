"""Fixtures for the builder: a signed-in planner and helpers that use the pages as a browser."""

from __future__ import annotations

import re
from html import unescape

import pytest

from surveyapp.extensions import db as _db
from surveyapp.models import Questionnaire
from tests.conftest import csrf_token
from tests.planner.conftest import (  # noqa: F401 (fixtures)
    add_responses,
    isolated_requests,
    login_as,
    post_form,
    quick_password_hashes,
)

FIELD = re.compile(r'<(input|textarea|select)\b([^>]*)>', re.S)
ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')


@pytest.fixture
def planner(login_as):
    return login_as("planner")


class Builder:
    """Drives the builder pages over HTTP with CSRF on, reading tokens from the pages."""

    def __init__(self, client) -> None:
        self.client = client

    def post(self, url: str, data: dict | None = None, page: str | None = None):
        html = self.client.get(page or url).text
        return self.client.post(url, data={**(data or {}), "csrf_token": csrf_token(html)})

    def new(self, title: str = "Vårt skjema", start: str = "") -> Questionnaire:
        response = self.post("/planlegger/skjema/ny", {"title": title, "start": start})
        assert response.status_code == 302, response.text
        return self.latest()

    def latest(self) -> Questionnaire:
        _db.session.expire_all()
        return _db.session.scalars(
            _db.select(Questionnaire).order_by(Questionnaire.id.desc())
        ).first()

    def edit_url(self, q: Questionnaire) -> str:
        return f"/planlegger/skjema/{q.id}"

    def action(self, q: Questionnaire, path: str, data: dict | None = None):
        return self.post(f"{self.edit_url(q)}/{path}", data, page=self.edit_url(q))

    def add_question(self, q: Questionnaire, section: int, kind: str) -> str:
        """Add a question; returns the key the builder gave it."""
        response = self.action(q, f"del/{section}/sporsmal", {"type": kind})
        assert response.status_code == 302, response.text
        return response.headers["Location"].rsplit("/", 1)[1]

    def form_values(self, url: str) -> dict:
        """The fields of the question page as a browser would send them unchanged."""
        html = self.client.get(url).text
        values: dict = {}
        for tag, attrs in FIELD.findall(html):
            a = dict(ATTR.findall(attrs))
            name = a.get("name")
            if not name or name == "csrf_token":
                continue
            if tag == "input" and a.get("type") in ("checkbox", "radio"):
                if " checked" in attrs:
                    values.setdefault(name, []).append(unescape(a.get("value", "y")))
            elif tag == "input":
                values[name] = unescape(a.get("value", ""))
            elif tag == "textarea":
                found = re.search(rf'name="{re.escape(name)}"[^>]*>(.*?)</textarea>', html, re.S)
                values[name] = unescape(found.group(1)).lstrip("\r\n") if found else ""
            else:
                found = re.search(
                    rf'name="{re.escape(name)}".*?</select>', html, re.S
                ).group(0)
                chosen = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', found)
                values[name] = unescape(next(g for g in chosen.groups() if g is not None)) if chosen else ""
        return values

    def save_question(self, q: Questionnaire, current: str, **changes):
        url = f"{self.edit_url(q)}/sporsmal/{current}"
        data = {**self.form_values(url), **changes}
        return self.post(url, data)


@pytest.fixture
def builder(client, planner):
    return Builder(client)
