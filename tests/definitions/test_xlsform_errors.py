"""A broken XLSForm is refused with a Norwegian message naming the sheet and row, and with no
other exception than InvalidXLSForm."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from surveyapp.definitions.xlsform import read_xlsform
from surveyapp.exceptions import InvalidQuestionnaire, InvalidXLSForm
from tests.definitions.xlsform_builders import workbook

HEAD = ["type", "name", "label", "relevant", "required"]
CHOICES = [["list_name", "name", "label"], ["ja_nei", "ja", "Ja"], ["ja_nei", "nei", "Nei"]]


def refused(data: bytes) -> str:
    with pytest.raises(InvalidXLSForm) as caught:
        read_xlsform(data)
    return str(caught.value)


BROKEN_SURVEYS = {
    "unknown choice list": (
        [HEAD, ["select_one farger", "farge", "Farge?"]],
        "Arket «survey», rad 2: valglisten «farger» finnes ikke i arket «choices».",
    ),
    "select without a list": (
        [HEAD, ["text", "a", "A"], ["select_one", "farge", "Farge?"]],
        "Arket «survey», rad 3: «select_one» mangler navnet på en valgliste.",
    ),
    "duplicate name": (
        [HEAD, ["text", "alder", "A"], ["text", "navn", "B"], ["integer", "alder", "C"]],
        "Arket «survey», rad 4: navnet «alder» er brukt før (rad 2).",
    ),
    "unclosed group": (
        [HEAD, ["begin_group", "om_deg", "Om deg"], ["text", "a", "A"]],
        "Arket «survey», rad 2: gruppen «om_deg» avsluttes aldri (end_group mangler).",
    ),
    "end without begin": (
        [HEAD, ["text", "a", "A"], ["end_group"]],
        "Arket «survey», rad 3: «end_group» uten en åpen gruppe å avslutte.",
    ),
    "relevant pointing forward": (
        [HEAD, ["text", "a", "A", "${b} = 'ja'"], ["select_one ja_nei", "b", "B"]],
        "Arket «survey», rad 2: betingelsen (relevant) viser til «b», som kommer senere.",
    ),
    "relevant naming nothing": (
        [HEAD, ["text", "a", "A", "${x} = 'ja'"]],
        "Arket «survey», rad 2: betingelsen (relevant) viser til «x», som ikke finnes",
    ),
    "row without name": (
        [HEAD, ["text", "a", "A"], ["text", None, "B"]],
        "Arket «survey», rad 3: raden mangler navn (name).",
    ),
    "row without type": (
        [HEAD, ["text", "a", "A"], [None, "b", "B"]],
        "Arket «survey», rad 3: raden «b» mangler type.",
    ),
    "missing type column": (
        [["name", "label"], ["a", "A"]],
        "Arket «survey», rad 1: kolonnen «type» mangler.",
    ),
    "missing name column": (
        [["type", "label"], ["text", "A"]],
        "Arket «survey», rad 1: kolonnen «name» mangler.",
    ),
    "no question Innspill can use": (
        [HEAD, ["start", "start"], ["geopoint", "gps", "Hvor?"]],
        "Arket «survey»: skjemaet har ingen spørsmål Innspill kan bruke.",
    ),
    "unknown background kind": (
        [HEAD + ["innspill::background"], ["text", "a", "A", None, None, "skostørrelse"]],
        "Arket «survey», rad 2: spørsmålet «a» kan ikke brukes",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN_SURVEYS))
def test_broken_survey_sheet_names_sheet_and_row(case):
    survey, expected = BROKEN_SURVEYS[case]
    assert expected in refused(workbook(survey, CHOICES))


@pytest.mark.parametrize(
    ("choices", "expected"),
    [
        (
            [["list_name", "name", "label"], ["ja_nei", "ja", "Ja"], ["ja_nei", "ja", "Ja!"]],
            "Arket «choices», rad 3: valget «ja» står to ganger i listen «ja_nei».",
        ),
        (
            [["list_name", "name", "label"], ["ja_nei", None, "Ja"]],
            "Arket «choices», rad 2: et valg i listen «ja_nei» mangler navn (name).",
        ),
        (
            [["list", "name", "label"], ["ja_nei", "ja", "Ja"]],
            "Arket «choices», rad 1: kolonnen «list_name» mangler.",
        ),
    ],
)
def test_broken_choices_sheet_names_sheet_and_row(choices, expected):
    survey = [HEAD, ["select_one ja_nei", "a", "A"]]
    assert expected in refused(workbook(survey, choices))


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def _without_survey() -> bytes:
    book = Workbook()
    book.active.title = "spørsmål"
    book.active.append(["type", "name"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "Filen er tom."),
        (b"type,name,label\ntext,a,A\n", "Filen er ikke en Excel-fil (.xlsx)"),
        (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "Gamle Excel-filer (.xls) kan ikke leses."),
        (_zip({"hello.txt": b"hei"}), "Excel-filen kunne ikke leses. Er den skadet?"),
        (_zip({"xl/worksheets/sheet1.xml": b"\0" * (3 * 1024 * 1024)}), "pakker seg ut"),
        (b"PK" + b"\x07" * 5000, "Filen er ikke en Excel-fil (.xlsx)"),
        (_without_survey(), "Filen har ikke noe ark som heter «survey»."),
    ],
    ids=["empty", "csv", "xls", "zip-not-xlsx", "zip-bomb", "broken-zip", "no-survey-sheet"],
)
def test_file_that_is_not_an_xlsform_is_refused(data, expected):
    assert expected in refused(data)


def test_every_problem_is_listed_and_the_error_is_an_invalid_questionnaire():
    survey = [HEAD, ["select_one farger", "a", "A"], ["text", "a", "B"], ["begin_group", "g"]]
    with pytest.raises(InvalidQuestionnaire) as caught:
        read_xlsform(workbook(survey, CHOICES))
    problems = caught.value.problems
    assert len(problems) == 3
    assert all(p.startswith("Arket «survey», rad ") for p in problems)
