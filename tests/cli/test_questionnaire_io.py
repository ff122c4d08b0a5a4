"""``flask questionnaires import|export|list``: XLSForm and YAML in and out, own beside built-ins."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from surveyapp.models import Questionnaire
from surveyapp.services import organisations
from surveyapp.services.questionnaires import available_definitions, definition_of


@pytest.fixture
def org(db):
    found = organisations.create_organisation("Midtdalen", ["Nord-Fron", "Ringebu"])
    db.session.commit()
    return found


def _own(db, key):
    return db.session.scalar(db.select(Questionnaire).filter_by(key=key))


def test_yaml_export_then_import_makes_an_own_copy_and_prints_the_key_last(runner, db, org, tmp_path):
    out = tmp_path / "fire.yaml"
    result = runner.invoke(args=["questionnaires", "export", "innspill_fire_tema", "--format", "yaml", "--out", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["questionnaires", "import", str(out)])
    assert result.exit_code == 0, result.output
    key = result.output.strip().splitlines()[-1]
    assert key == "innspill_fire_tema_2"
    own = _own(db, key)
    assert own.organisation_id == org.id and own.latest.version == 1
    original = runner.invoke(args=["questionnaires", "export", "innspill_fire_tema", "--format", "yaml", "--out", "-"])
    copy = runner.invoke(args=["questionnaires", "export", key, "--format", "yaml", "--out", "-"])
    assert copy.output.replace(key, "innspill_fire_tema") == original.output


def test_xlsform_round_trip_keeps_every_question(runner, db, org, tmp_path):
    out = tmp_path / "tjenester.xlsx"
    result = runner.invoke(args=["questionnaires", "export", "tjenester", "--format", "xlsform", "--out", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["questionnaires", "import", str(out), "--organisation", "Midtdalen"])
    assert result.exit_code == 0, result.output
    own = _own(db, result.output.strip().splitlines()[-1])
    original = available_definitions()["tjenester"]
    imported = definition_of(own.latest)
    assert [(q.key, q.type) for q in imported.questions()] == [
        (q.key, q.type) for q in original.questions()
    ]


def _kobo(tmp_path):
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "required"])
    survey.append(["begin_group", "om", "Om deg", ""])
    survey.append(["select_one rolle", "rolle", "Rolle?", "yes"])
    survey.append(["geopoint", "gps", "Hvor er du?", ""])
    survey.append(["text", "tanker", "Hva tenker du?", ""])
    survey.append(["end_group", "", "", ""])
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    choices.append(["rolle", "ansatt", "Ansatt"])
    choices.append(["rolle", "leder", "Leder"])
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id"])
    settings.append(["Kobo-skjema", "kobo_skjema"])
    path = tmp_path / "kobo.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_import_names_the_rows_it_leaves_out(runner, db, org, tmp_path):
    result = runner.invoke(args=["questionnaires", "import", str(_kobo(tmp_path))])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert any("row 4" in line and "gps" in line for line in lines[:-1]), result.output
    own = _own(db, lines[-1])
    assert [q.key for q in definition_of(own.latest).questions()] == ["rolle", "tanker"]


def test_several_organisations_need_one_named(runner, db, org, tmp_path):
    organisations.create_organisation("Fjellet", ["Lesja"])
    db.session.commit()
    result = runner.invoke(args=["questionnaires", "import", str(_kobo(tmp_path))])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert "--organisation" in result.output


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ødelagt.xlsx", b"not a zip file at all"),
        ("ødelagt.yaml", b"id: [unclosed"),
        ("feil.yaml", b"id: x\nversion: 1\ntitle: X\naudience: staff\nsections: []\n"),
        ("skjema.txt", b"hei"),
        ("latin1.yaml", "tittel: blå".encode("latin-1")),
    ],
)
def test_a_broken_file_exits_1_with_one_line_and_no_traceback(runner, db, org, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(args=["questionnaires", "import", str(path)])
    assert result.exit_code == 1, result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert "Traceback" not in result.output
    assert db.session.scalar(db.select(Questionnaire).where(Questionnaire.organisation_id.is_not(None))) is None


def test_missing_file_and_unknown_key_fail_clearly(runner, org, tmp_path):
    result = runner.invoke(args=["questionnaires", "import", str(tmp_path / "borte.yaml")])
    assert result.exit_code == 1 and "cannot be read" in result.output
    result = runner.invoke(args=["questionnaires", "export", "finnes_ikke", "--format", "yaml", "--out", "-"])
    assert result.exit_code == 1 and "finnes_ikke" in result.output


def test_list_shows_own_beside_built_ins(runner, db, org, tmp_path):
    runner.invoke(args=["questionnaires", "import", str(_kobo(tmp_path))])
    result = runner.invoke(args=["questionnaires", "list"])
    assert result.exit_code == 0
    assert "built-in" in result.output and "tjenester" in result.output
    own = [line for line in result.output.splitlines() if "kobo_skjema" in line]
    assert own and "Midtdalen" in own[0]
