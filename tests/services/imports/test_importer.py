"""Reading Forms/Nettskjema/Questback files, suggesting the mapping, converting values."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import openpyxl
import pytest

from surveyapp.services.imports import importer as imports
from surveyapp.services.imports.files import UnreadableFile, read_table
from surveyapp.services.imports.values import convert, parse_timestamp
from surveyapp.services.questionnaires import available_definitions

MUNICIPALITIES = ["Nord-Fron", "Ringebu", "Sør-Fron"]
#: Microsoft Forms (Norwegian) puts these before the questions
FORMS_HEADERS = [
    "ID",
    "Starttidspunkt",
    "Fullføringstidspunkt",
    "E-post",
    "Navn",
    "Hvilken kommune jobber du i?",
    "Hvilken tjeneste jobber du i?",
    "Jeg vet når jeg har meldeplikt til barnevernet.",
    "Hvor er de største hullene i tilbudet?",
    "Hvilke forebyggende tiltak virker best hos dere i dag?",
]
#: Nettskjema: $-prefixed metadata, question texts slightly edited by whoever built it
NETTSKJEMA_HEADERS = [
    "$submission_id",
    "$created",
    "$answer_time_ms",
    "1. Hvilken tjeneste jobber du i",
    "2. Hvilken aldersgruppe jobber du mest med",
    "Vi har skriftlige rutiner for hva vi gjør ved bekymring for et barn",
    "Hva hindrer tidlig innsats hos dere",
]


@pytest.fixture
def tjenester(app):
    return available_definitions()["tjenester"]


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_forms_headers_are_mapped(tjenester):
    mapping = imports.suggest_mapping(FORMS_HEADERS, tjenester, anonymous=True)
    assert mapping == [
        "",
        "",
        imports.TIMESTAMP,
        "",
        "",
        "kommune",
        "tjeneste",
        "meldeplikt",
        "hull_i_tilbudet",
        "tiltak_virker",
    ]


def test_named_rounds_suggest_the_respondent_column(tjenester):
    mapping = imports.suggest_mapping(FORMS_HEADERS, tjenester, anonymous=False)
    assert mapping[3] == imports.RESPONDENT and mapping[4] == ""


def test_nettskjema_headers_are_mapped_despite_numbering_and_edits(tjenester):
    mapping = imports.suggest_mapping(NETTSKJEMA_HEADERS, tjenester)
    assert mapping == [
        "",
        imports.TIMESTAMP,
        "",
        "tjeneste",
        "aldersgruppe",
        "rutiner_bekymring",
        "hindrer_tidlig_innsats",
    ]


def test_unrelated_headers_are_not_mapped(tjenester):
    assert imports.suggest_mapping(["Favorittfarge", "Skostørrelse"], tjenester) == ["", ""]


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("4", 4),
        (4, 4),
        (4.0, 4),
        ("Helt enig", 5),
        ("helt uenig", 1),
        ("5 - Helt enig", 5),
        ("2 (Uenig)", 2),
        ("Vet ikke", "vet_ikke"),
        ("Verken enig eller uenig", 3),
        ("Heilt samd", 5),
        ("1.0", 1),
    ],
)
def test_likert_values_from_other_tools(tjenester, raw, value):
    assert convert(tjenester.question("meldeplikt"), raw, MUNICIPALITIES) == (value, None)


@pytest.mark.parametrize("raw", ["6", 0, "Kanskje", "15"])
def test_likert_values_that_do_not_fit(tjenester, raw):
    value, message = convert(tjenester.question("meldeplikt"), raw, MUNICIPALITIES)
    assert value is None and "{value}" in message


def test_single_choice_ignores_case_and_dashes(tjenester):
    assert convert(tjenester.question("tjeneste"), " skole/sfo ", MUNICIPALITIES) == (
        "Skole/SFO",
        None,
    )
    assert convert(tjenester.question("aldersgruppe"), "6-12", MUNICIPALITIES) == ("6–12", None)
    assert convert(tjenester.question("kommune"), "ringebu", MUNICIPALITIES) == ("Ringebu", None)
    value, message = convert(tjenester.question("tjeneste"), "Barnhage", MUNICIPALITIES)
    assert value is None and "ikke et av svaralternativene" in message


def test_multiple_choice_splits_forms_semicolons_and_reports_unknown(tjenester):
    question = tjenester.question("hull_i_tilbudet")
    assert convert(question, "Skolefravær;Flyktninger;", MUNICIPALITIES) == (
        ["Skolefravær", "Flyktninger"],
        None,
    )
    assert convert(question, "Flyktninger, Skolefravær", MUNICIPALITIES)[0] == [
        "Skolefravær",
        "Flyktninger",
    ]
    value, message = convert(question, "Skolefravær;Mobbing", MUNICIPALITIES)
    assert value == ["Skolefravær"] and "«Mobbing»" in message


def test_long_text_is_cut_and_reported(tjenester):
    question = tjenester.question("tiltak_virker")
    value, message = convert(question, "x" * 6000, MUNICIPALITIES)
    assert len(value) == 5000 and "kortet ned" in message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-03-05 14:22:10", datetime(2024, 3, 5, 13, 22, 10, tzinfo=UTC)),
        ("05.03.2024 14:22", datetime(2024, 3, 5, 13, 22, tzinfo=UTC)),
        ("3/5/2024 14:22:10", datetime(2024, 3, 5, 13, 22, 10, tzinfo=UTC)),
        ("2024-07-01T10:00:00+00:00", datetime(2024, 7, 1, 10, 0, tzinfo=UTC)),
        (datetime(2024, 7, 1, 12, 0), datetime(2024, 7, 1, 10, 0, tzinfo=UTC)),
    ],
)
def test_timestamps_in_norwegian_time(app, raw, expected):
    assert parse_timestamp(raw, datetime(2030, 1, 1, tzinfo=UTC)) == (expected, None)


def test_unreadable_and_future_timestamps_are_reported(app):
    now = datetime(2025, 1, 1, tzinfo=UTC)
    assert parse_timestamp("i går", now)[0] is None
    moment, message = parse_timestamp("2026-01-01 10:00", now)
    assert moment is None and "fram i tid" in message


@pytest.mark.parametrize(
    ("data", "delimiter"),
    [(b"a;b\n1;2\n", ";"), (b"a,b\n1,2\n", ","), (b"a\tb\n1\t2\n", "\t")],
)
def test_csv_delimiters_are_detected(data, delimiter):
    assert read_table("svar.csv", data).rows == [["1", "2"]]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_csv_encodings(encoding):
    table = read_table("svar.csv", "Tjeneste;Sør-Fron\nPPT;Ja\n".encode(encoding))
    assert table.headers == ["Tjeneste", "Sør-Fron"]


def test_xlsx_is_read_with_real_dates():
    data = _xlsx(
        [["Fullføringstidspunkt", "Tjeneste"], [datetime(2024, 3, 5, 14, 0), "PPT"], [None, None]]
    )
    table = read_table("svar.xlsx", data)
    assert table.rows == [[datetime(2024, 3, 5, 14, 0), "PPT"]]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tom.csv", b"", "tom"),
        ("gammel.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100, ".xls"),
        ("skadet.xlsx", b"PK\x03\x04 ikke en zip", "skadet"),
        ("bare-overskrift.csv", b"a;b\n", "ingen svar"),
        ("bilde.png", b"\x89PNG", "CSV- eller Excel-fil"),
        ("blank.csv", b"\n\n;;\n", "ingen rader"),
    ],
)
def test_broken_files_are_explained(name, data, message):
    with pytest.raises(UnreadableFile, match=message):
        read_table(name, data)


def test_plan_reports_each_row_and_value(app, tjenester):
    table = read_table(
        "svar.csv",
        (
            "Fullføringstidspunkt;Hvilken tjeneste jobber du i?;Jeg vet når jeg har meldeplikt\n"
            "2024-03-05 10:00;PPT;4\n"
            "2024-03-05 11:00;Barnhage;Helt enig\n"
            ";;\n"
            "i går;NAV;9\n"
            "2024-03-06 09:00;;\n"
        ).encode(),
    )
    mapping = imports.suggest_mapping(table.headers, tjenester)
    plan = imports.plan_import(table, mapping, tjenester, MUNICIPALITIES, anonymous=True)
    assert plan.values == [
        {"tjeneste": "PPT", "meldeplikt": 4},
        {"meldeplikt": 5},
        {"tjeneste": "NAV"},
    ]
    assert plan.skipped == 2
    rows = {(p.row, p.column) for p in plan.problems}
    assert rows == {
        (3, "Hvilken tjeneste jobber du i?"),
        (4, None),
        (5, "Fullføringstidspunkt"),
        (5, "Jeg vet når jeg har meldeplikt"),
        (6, None),
    }
    assert any("«Barnhage»" in p.message for p in plan.problems)


def test_plan_refuses_identity_in_anonymous_rounds(tjenester):
    table = read_table("s.csv", b"E-post;Hvilken tjeneste jobber du i?\na@b.no;PPT\n")
    with pytest.raises(imports.ImportFailed, match="anonym"):
        imports.plan_import(
            table, [imports.RESPONDENT, "tjeneste"], tjenester, MUNICIPALITIES, anonymous=True
        )


def test_plan_refuses_two_columns_for_one_question(tjenester):
    table = read_table("s.csv", b"A;B\nPPT;NAV\n")
    with pytest.raises(imports.ImportFailed, match="samme"):
        imports.plan_import(table, ["tjeneste", "tjeneste"], tjenester, MUNICIPALITIES, True)


def test_plan_needs_a_question(tjenester):
    table = read_table("s.csv", b"A;B\n1;2\n")
    with pytest.raises(imports.ImportFailed, match="Ingen kolonner"):
        imports.plan_import(table, [imports.TIMESTAMP, ""], tjenester, MUNICIPALITIES, True)


def test_bad_values_are_quoted_masked_in_the_report(app, tjenester):
    table = read_table("s.csv", b"Tjeneste\nRing Ola Nordmann 91234567\nPPT\n")
    plan = imports.plan_import(table, ["tjeneste"], tjenester, MUNICIPALITIES, True)
    problem = next(p for p in plan.problems if p.column == "Tjeneste")
    assert "91234567" not in problem.message and "[telefon]" in problem.message
    assert all("91234567" not in p.message for p in plan.problems)
