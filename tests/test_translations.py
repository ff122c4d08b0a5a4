"""The nynorsk catalogue: complete enough, placeholders intact, and used when the user picks nynorsk."""

from __future__ import annotations

import re
import subprocess
import sys

import flask_babel
import pytest
from babel.messages.pofile import read_po

from surveyapp.config import PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "surveyapp" / "translations"
NN_PO = TRANSLATIONS / "nn" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[a-z]|%%|\{\w*\}")
MIN_COVERAGE = 0.98

# From surveyapp/templates/main/index.html (the lead paragraph and the login button).
LEAD_NB = "Innspill samler det ansatte, unge og familier sier"
LEAD_NN = "Innspill samlar det tilsette, unge og familiar seier"
LOGIN_NN = "Logg inn som planleggjar"


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues():
    """The app reads .mo files (built by ``make install``); rebuild them when a .po is newer."""
    stale = []
    for po in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            stale.append(po)
    if stale:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "babel.messages.frontend",
                "-q",
                "compile",
                "-d",
                str(TRANSLATIONS),
            ],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr


def _catalogue():
    with NN_PO.open("rb") as fh:
        return read_po(fh)


def _forms(message) -> tuple[list[str], list[str]]:
    """(source forms, translated forms), pairing msgstr[i] with msgid / msgid_plural."""
    if isinstance(message.id, (tuple, list)):
        ids = list(message.id)
        strings = list(message.string)
        sources = [ids[0]] + [ids[-1]] * (len(strings) - 1)
        return sources, strings
    return [message.id], [message.string]


def _is_translated(message) -> bool:
    return all(s.strip() for s in _forms(message)[1])


def test_nynorsk_catalogue_covers_nearly_every_message():
    messages = [m for m in _catalogue() if m.id]
    assert len(messages) > 100
    translated = [m for m in messages if _is_translated(m) and not m.fuzzy]
    coverage = len(translated) / len(messages)
    missing = [m.id for m in messages if m not in translated][:20]
    assert coverage >= MIN_COVERAGE, f"nn coverage {coverage:.1%}; missing e.g. {missing}"


def test_nynorsk_translations_keep_their_placeholders():
    problems = []
    for message in _catalogue():
        if not message.id or not _is_translated(message):
            continue
        for source, target in zip(*_forms(message)):
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target)):
                problems.append((source, target))
    assert not problems, problems[:10]


def test_nynorsk_translations_are_not_just_copies_of_bokmal():
    """Guard against a catalogue 'filled' by copying msgid to msgstr."""
    messages = [m for m in _catalogue() if m.id and _is_translated(m)]
    long_ones = [m for m in messages if len(_forms(m)[0][0]) > 40]
    copied = [m.id for m in long_ones if _forms(m)[1][0] == _forms(m)[0][0]]
    assert len(copied) <= len(long_ones) * 0.02, copied[:10]


def _page(client, path: str) -> str:
    """GET a page as a fresh request would see it. The ``app`` fixture keeps one app context
    open for the whole test, and Flask-Babel caches the chosen locale on it; in production
    every request gets its own context, so forget the cached locale first."""
    flask_babel.refresh()
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_language_switch_shows_nynorsk_and_back(client):
    page = _page(client, "/")
    assert '<html lang="nb">' in page
    assert LEAD_NB in page

    response = client.get("/sprak/nn")
    assert response.status_code == 302
    page = _page(client, "/")
    assert '<html lang="nn">' in page
    assert LEAD_NN in page
    assert LOGIN_NN in page
    assert LEAD_NB not in page

    client.get("/sprak/nb")
    page = _page(client, "/")
    assert '<html lang="nb">' in page
    assert LEAD_NB in page
    assert LEAD_NN not in page


def test_language_switch_returns_to_the_page_the_user_was_on(client):
    response = client.get("/sprak/nn?next=/tilgjengelighet")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/tilgjengelighet")
    page = _page(client, "/tilgjengelighet")
    assert '<html lang="nn">' in page
    assert "Tilgjengelegheitserklæring" in page


@pytest.mark.parametrize(
    "target", ["//evil.example", "/\\evil.example", "https://evil.example", "\t//evil.example"]
)
def test_language_switch_never_leaves_the_site(client, target):
    response = client.get("/sprak/nn", query_string={"next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_wtforms_own_messages_are_norwegian_in_both_languages(app, lang):
    """WTForms' built-in messages (kept per process, not read per request) are never English:
    nynorsk, which WTForms has no catalogue for, gets bokmål."""
    from werkzeug.datastructures import MultiDict
    from wtforms import IntegerField

    from surveyapp.forms import AppForm

    class Number(AppForm):
        class Meta:
            csrf = False

        n = IntegerField()

    for _ in range(2):  # the second form reads the kept catalogue
        with app.test_request_context("/", headers={"Accept-Language": lang}):
            form = Number(formdata=MultiDict({"n": "tre"}))
            assert not form.validate()
            assert form.errors["n"] == ["Ikke en gyldig heltallsverdi"]
