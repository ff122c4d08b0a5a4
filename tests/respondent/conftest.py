"""Fixtures for the respondent pages: a questionnaire with every question type, and a
respondent that reads forms from the pages the way a browser without JavaScript does."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from typing import Any

import pytest
from werkzeug.datastructures import MultiDict

from surveyapp.definitions import parse_definition
from surveyapp.models import utcnow
from surveyapp.questions import CONTROL_FIELDS
from surveyapp.services import questionnaires
from surveyapp.services.rounds import RoundSettings, create_round
from tests.conftest import forget_request_state

ALL_TYPES: dict[str, Any] = {
    "id": "alle_typer",
    "version": 1,
    "title": {"nb": "Alle spørsmålstyper", "nn": "Alle spørsmålstypar"},
    "intro": "Et skjema som bruker alt.",
    "audience": "open",
    "sections": [
        {
            "key": "om_deg",
            "title": {"nb": "Om deg", "nn": "Om deg"},
            "questions": [
                {
                    "key": "kommune",
                    "type": "single_choice",
                    "text": "Hvilken kommune?",
                    "options_from": "municipalities",
                    "background": "municipality",
                },
                {
                    "key": "rolle",
                    "type": "single_choice",
                    "text": {"nb": "Hva er rollen din?", "nn": "Kva er rolla di?"},
                    "required": True,
                    "background": "role",
                    "options": [
                        {"value": "Ansatt", "label": {"nb": "Ansatt", "nn": "Tilsett"}},
                        "Leder",
                        "Forelder",
                    ],
                },
                {
                    "key": "tjeneste",
                    "type": "single_choice",
                    "text": "Hvilken tjeneste?",
                    "required": True,
                    "show_if": {"question": "rolle", "any_of": ["Ansatt", "Leder"]},
                    "options": ["Skole", "Barnehage"],
                },
                {
                    "key": "alder",
                    "type": "number",
                    "text": "Hvor gammel er du?",
                    "min": 13,
                    "max": 99,
                },
            ],
        },
        {
            "key": "meninger",
            "title": "Meninger",
            "questions": [
                {"key": "trives", "type": "likert", "text": "Jeg trives.", "required": True},
                {
                    "key": "samarbeid",
                    "type": "likert_grid",
                    "text": "Hvor enig er du?",
                    "required": True,
                    "items": [
                        {"key": "skole", "text": "Skolen samarbeider godt."},
                        {"key": "helse", "text": "Helsestasjonen samarbeider godt."},
                    ],
                },
                {
                    "key": "problemer",
                    "type": "multiple_choice",
                    "text": "Hva er de største problemene?",
                    "options": ["Mobbing", "Rus", "Ensomhet"],
                },
                {"key": "overskrift", "type": "short_text", "text": "Én setning", "max_length": 80},
                {"key": "tanker", "type": "long_text", "text": "Hva tenker du?", "max_length": 200},
            ],
        },
        {
            "key": "foreldre",
            "title": "For foreldre",
            "questions": [
                {
                    "key": "foreldre_tekst",
                    "type": "long_text",
                    "text": "Hva trenger foreldre?",
                    "required": True,
                    "show_if": {"question": "rolle", "equals": "Forelder"},
                },
            ],
        },
        {
            "key": "slutt",
            "title": "Til slutt",
            "questions": [{"key": "annet", "type": "long_text", "text": "Noe mer?"}],
        },
    ],
}

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
FORM_ACTION = re.compile(r'<form method="post" action="([^"]+)"[^>]*data-answer-form')
CODE = re.compile(r'id="resume-code-value" class="code">([^<]+)<')


@pytest.fixture
def make_test_round(db, organisation):
    """Open a round of ``definition`` (the all-types questionnaire unless told otherwise)."""

    def make(definition: dict | None = None, **settings):
        parsed = parse_definition(definition or ALL_TYPES, "test")
        version = questionnaires.store_version(parsed)
        settings.setdefault("title", "Runde med alle typer")
        settings.setdefault("audience", "open")
        settings.setdefault("opens_at", utcnow() - timedelta(hours=1))
        round_ = create_round(organisation, version, RoundSettings(**settings))
        db.session.commit()
        return round_

    return make


@pytest.fixture
def test_round(make_test_round):
    return make_test_round()


class Browser:
    """A test client that, like a real browser, shares nothing with other browsers.

    The test app context stays pushed across requests, so Flask-WTF's per-request cache of
    the CSRF token in ``g`` would leak from one client to the next, and Flask-Login's of the
    user from one request to the next; both are cleared here, as on a server.
    """

    def __init__(self, client) -> None:
        self._client = client

    def __getattr__(self, name: str):
        return getattr(self._client, name)

    def get(self, *args, **kwargs):
        forget_request_state()
        return self._client.get(*args, **kwargs)

    def post(self, *args, **kwargs):
        forget_request_state()
        return self._client.post(*args, **kwargs)


class Respondent:
    """Answers a round through the test client, reading every form from the page."""

    def __init__(self, client, round_) -> None:
        self.client = client if isinstance(client, Browser) else Browser(client)
        self.slug = round_.slug
        self.last = None
        self.code: str | None = None

    @property
    def html(self) -> str:
        return self.last.get_data(as_text=True)

    def get(self, url: str):
        self.last = self.client.get(url)
        return self.last

    def follow(self, response):
        """Follow redirects as a browser does, keeping the last page."""
        self.last = response
        while self.last.status_code in (302, 303):
            self.last = self.client.get(self.last.headers["Location"])
        return self.last

    def start(self, access_code: str | None = None):
        page = self.get(f"/r/{self.slug}")
        data = {"csrf_token": dict(HIDDEN.findall(page.get_data(as_text=True)))["csrf_token"]}
        if access_code is not None:
            data["access_code"] = access_code
        self.last = self.client.post(f"/r/{self.slug}/start", data=data)
        found = CODE.search(self.html)
        self.code = unescape(found.group(1)) if found else None
        return self.last

    def hidden(self) -> dict[str, str]:
        return {k: unescape(v) for k, v in HIDDEN.findall(self.html)}

    def action(self) -> str:
        found = FORM_ACTION.search(self.html)
        assert found, "no answer form on the page"
        return unescape(found.group(1))

    def form_data(self, answers: dict | None = None, action: str = "next") -> MultiDict:
        data = MultiDict(self.hidden())
        data["action"] = action
        for key, value in (answers or {}).items():
            name = key if key.startswith("q-") or key in CONTROL_FIELDS else f"q-{key}"
            for v in value if isinstance(value, list) else [value]:
                data.add(name, v)
        return data

    def post(self, answers: dict | None = None, action: str = "next", **kwargs):
        """Post the answer form on the current page; returns the response, not followed."""
        response = self.client.post(self.action(), data=self.form_data(answers, action), **kwargs)
        self.last = response
        return response

    def answer(self, answers: dict | None = None, action: str = "next"):
        return self.follow(self.post(answers, action))


@pytest.fixture
def respondent(client, test_round):
    return Respondent(client, test_round)


#: answers that complete the all-types questionnaire as an employee
EMPLOYEE = [
    {"kommune": "Sør-Fron", "rolle": "Ansatt", "tjeneste": "Skole", "alder": "42"},
    {
        "trives": "4",
        "samarbeid-skole": "5",
        "samarbeid-helse": "vet_ikke",
        "problemer": ["Rus", "Mobbing"],
        "overskrift": "Mer tid",
        "tanker": "Ring meg på 912 34 567.\r\nMvh",
    },
    {"annet": "Nei"},
]
