"""``flask export`` and ``flask api-token create``, as an operator's script would call them."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from surveyapp.models import ApiToken, AuditEvent
from surveyapp.services.exports.table import HIDDEN


def _round_with_answers(make_round, add_responses):
    round_ = make_round()
    add_responses(round_, 8, tjeneste="NAV", meldeplikt=5)
    add_responses(round_, 3, tjeneste="PPT", meldeplikt=2)
    return round_


def test_export_csv_to_a_file(runner, db, make_round, add_responses, tmp_path):
    round_ = _round_with_answers(make_round, add_responses)
    out = tmp_path / "svar.csv"
    result = runner.invoke(args=["export", str(round_.id), "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote 11 responses" in result.output
    frame = pd.read_csv(out, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(frame) == 11
    assert "PPT" not in set(frame["tjeneste"]) and HIDDEN in set(frame["tjeneste"])
    [event] = db.session.scalars(db.select(AuditEvent)).all()
    assert event.action == "export.csv" and event.details["via"] == "cli"
    assert event.user_id is None


def test_export_xlsx_by_slug_with_codebook(runner, make_round, add_responses, tmp_path):
    round_ = _round_with_answers(make_round, add_responses)
    out, codebook = tmp_path / "svar.xlsx", tmp_path / "kodebok.csv"
    result = runner.invoke(
        args=[
            "export",
            round_.slug,
            "--format",
            "xlsx",
            "--out",
            str(out),
            "--codebook",
            str(codebook),
        ]
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Svar", "Kodebok", "Om eksporten"]
    assert book["Svar"].max_row == 12
    assert "meldeplikt" in codebook.read_text(encoding="utf-8-sig")


def test_export_csv_to_stdout(runner, make_round, add_responses):
    round_ = _round_with_answers(make_round, add_responses)
    result = runner.invoke(args=["export", str(round_.id), "--format", "csv", "--out", "-"])
    assert result.exit_code == 0
    frame = pd.read_csv(io.StringIO(result.output.lstrip("\ufeff")), sep=";")
    assert len(frame) == 11


def test_export_unknown_round_fails_clearly(runner, tmp_path):
    result = runner.invoke(
        args=["export", "999", "--format", "csv", "--out", str(tmp_path / "x.csv")]
    )
    assert result.exit_code == 1 and "No round with id or slug '999'" in result.output
    assert not (tmp_path / "x.csv").exists()


def test_export_of_a_small_round_is_refused(runner, make_round, add_responses, tmp_path):
    round_ = make_round()
    add_responses(round_, 3, tjeneste="NAV")
    result = runner.invoke(
        args=["export", str(round_.id), "--format", "xlsx", "--out", str(tmp_path / "x.xlsx")]
    )
    assert result.exit_code == 1 and "færre enn 5 svar" in result.output


def test_export_needs_a_known_format(runner, make_round, tmp_path):
    round_ = make_round()
    result = runner.invoke(
        args=["export", str(round_.id), "--format", "pdf", "--out", str(tmp_path / "x.pdf")]
    )
    assert result.exit_code == 2


def test_api_token_create_prints_a_working_token_once(runner, db, make_user, client, make_round):
    make_user("planner")
    make_round(title="Synlig via API")
    result = runner.invoke(
        args=["api-token", "create", "planner@midtdalen.example", "--name", "Power BI"]
    )
    assert result.exit_code == 0, result.output
    plain = result.output.strip()
    token = db.session.scalar(db.select(ApiToken))
    assert plain.startswith("insp_") and plain not in token.token_hash
    api = client.get("/api/rounds", headers={"Authorization": f"Bearer {plain}"})
    assert api.status_code == 200 and api.get_json()["rounds"][0]["title"] == "Synlig via API"


def test_api_token_refused_for_viewers(runner, make_user):
    make_user("viewer")
    result = runner.invoke(args=["api-token", "create", "viewer@midtdalen.example", "--name", "x"])
    assert result.exit_code == 1 and "viewer" in result.output
