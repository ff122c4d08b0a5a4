"""*Last opp skjema*: preview of what comes in and what is left out, then confirm; broken
files are refused with a message; the waiting upload lives in a signed field, not in memory."""

from __future__ import annotations

import io

from surveyapp.definitions.xlsform import write_xlsform
from surveyapp.definitions.yaml_io import write_yaml
from surveyapp.models import Questionnaire
from surveyapp.services.questionnaires import available_definitions, definition_of
from tests.cli.test_questionnaire_io import _kobo
from surveyapp.services import organisations
from tests.conftest import PASSWORD, AuthActions, csrf_token

PAYLOAD = 'name="payload" type="hidden" value="'


def _upload(client, name, data):
    token = csrf_token(client.get("/planlegger/skjema/last-opp").text)
    return client.post(
        "/planlegger/skjema/last-opp",
        data={"csrf_token": token, "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def _payload(html):
    start = html.index('name="payload"')
    value = html[start:].split('value="', 1)[1]
    return value.split('"', 1)[0]


def _own(db):
    return db.session.scalars(
        db.select(Questionnaire).where(Questionnaire.organisation_id.is_not(None))
    ).all()


def test_xlsform_upload_previews_skipped_rows_then_stores_on_confirm(builder, client, db, tmp_path):
    response = _upload(client, "kobo.xlsx", _kobo(tmp_path).read_bytes())
    assert response.status_code == 200, response.text
    html = response.text
    assert "Sjekk skjemaet før det lagres" in html
    assert "1 rad blir utelatt" in html and "gps" in html
    assert "Rolle?" in html and "Hva tenker du?" in html
    assert _own(db) == []  # nothing stored before the confirmation
    response = client.post(
        "/planlegger/skjema/last-opp/lagre",
        data={"csrf_token": csrf_token(html), "payload": _payload(html)},
    )
    assert response.status_code == 302
    (stored,) = _own(db)
    assert stored.latest.version == 1
    assert [q.key for q in definition_of(stored.latest).questions()] == ["rolle", "tanker"]


def test_yaml_and_xlsform_of_a_built_in_come_in_whole(builder, client, db):
    builtin = available_definitions()["ungdomsrad"]
    for name, data in (
        ("ungdom.yaml", write_yaml(builtin).encode()),
        ("ungdom.xlsx", write_xlsform(builtin)),
    ):
        html = _upload(client, name, data).text
        assert "Alt i filen blir med" in html, name
        client.post(
            "/planlegger/skjema/last-opp/lagre",
            data={"csrf_token": csrf_token(html), "payload": _payload(html)},
        )
    stored = _own(db)
    assert len(stored) == 2
    for own in stored:
        assert [q.key for q in definition_of(own.latest).questions()] == [
            q.key for q in builtin.questions()
        ]


def test_broken_files_are_refused_with_a_message(builder, client, db):
    for name, data, message in (
        ("skjema.xlsx", b"ikke en xlsx", "XLSForm"),
        ("skjema.yaml", b"id: [", "skjemaformatet"),
        ("skjema.pdf", b"%PDF", "Velg en XLSForm-fil"),
    ):
        response = _upload(client, name, data)
        assert response.status_code == 400, name
        assert message in response.text, (name, response.text[-2000:])
    assert _own(db) == []


def test_a_tampered_or_foreign_payload_is_not_stored(builder, client, db, organisation, tmp_path, app):
    html = _upload(client, "kobo.xlsx", _kobo(tmp_path).read_bytes()).text
    payload = _payload(html)
    response = client.post(
        "/planlegger/skjema/last-opp/lagre",
        data={"csrf_token": csrf_token(html), "payload": payload[:-3] + "abc"},
    )
    assert response.status_code == 302
    assert "utløpt" in client.get(response.headers["Location"]).text
    other = app.test_client()
    user = organisations.create_user("annen@midtdalen.example", PASSWORD, "planner", organisation)
    db.session.commit()
    AuthActions(other).login(user.email)
    page = other.get("/planlegger/skjema/").text
    response = other.post(
        "/planlegger/skjema/last-opp/lagre", data={"csrf_token": csrf_token(page), "payload": payload}
    )
    assert response.status_code == 302
    assert _own(db) == []


def test_upload_needs_a_csrf_token(builder, client, tmp_path):
    response = client.post(
        "/planlegger/skjema/last-opp",
        data={"file": (io.BytesIO(b"id: x"), "x.yaml")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
