"""CSV and Excel exports, opened as Kari would open them (pandas and openpyxl)."""

from __future__ import annotations

import io
from datetime import timedelta

import openpyxl
import pandas as pd
import pytest

from surveyapp.models import AuditEvent, Response, utcnow
from surveyapp.services.exports.table import HIDDEN


@pytest.fixture
def exported(client, login_as, make_round, add_responses, post_form):
    """A round with a small PPT group, exported in a chosen format."""
    login_as("planner")
    round_ = make_round()
    add_responses(
        round_,
        12,
        tjeneste="Barnehage",
        kommune="Ringebu",
        meldeplikt=4,
        hull_i_tilbudet=["Skolefravær", "Annet"],
        tiltak_virker="Ola Nordmann på 912 34 567 hjalp oss",
    )
    add_responses(round_, 9, tjeneste="Skole/SFO", kommune="Ringebu", meldeplikt="vet_ikke")
    add_responses(round_, 2, tjeneste="PPT", kommune="Ringebu", meldeplikt=1)

    def export(fmt: str):
        response = post_form(
            f"/planlegger/runder/{round_.id}/eksport/{fmt}",
            page=f"/planlegger/runder/{round_.id}/eksport",
        )
        assert response.status_code == 200, response.text[:500]
        return response

    export.round = round_
    return export


def _csv(response) -> pd.DataFrame:
    return pd.read_csv(
        io.BytesIO(response.data), sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False
    )


def test_csv_has_one_row_per_response_and_one_column_per_question(exported, db):
    response = exported("csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    frame = _csv(response)
    stored = db.session.scalar(db.select(db.func.count(Response.id)))
    assert len(frame) == stored == 23
    assert list(frame.columns[:3]) == ["nr", "kommune", "tjeneste"]
    assert {"meldeplikt", "hull_i_tilbudet", "tiltak_virker"} <= set(frame.columns)
    assert (frame["meldeplikt"] == "4").sum() == 12
    assert (frame["hull_i_tilbudet"] == "Skolefravær; Annet").sum() == 12


def test_small_groups_are_blanked_with_a_complement(exported):
    frame = _csv(exported("csv"))
    services = frame["tjeneste"].value_counts().to_dict()
    assert "PPT" not in services
    assert services[HIDDEN] >= 5  # PPT alone would be 2: another group is hidden with it
    assert all(n >= 5 for n in services.values())


def test_anonymous_export_has_no_identity_or_time_and_masks_text(exported):
    frame = _csv(exported("csv"))
    for column in ("navn", "sendt_inn", "submitted_on", "ip_address", "user_agent", "id"):
        assert column not in frame.columns
    texts = set(frame["tiltak_virker"]) - {""}
    assert texts == {"[navn] på [telefon] hjalp oss"}


def test_xlsx_has_answers_codebook_and_rules(exported, db):
    response = exported("xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Svar", "Kodebok", "Om eksporten"]
    answers = pd.read_excel(io.BytesIO(response.data), sheet_name="Svar")
    assert len(answers) == db.session.scalar(db.select(db.func.count(Response.id)))
    assert "PPT" not in set(answers["tjeneste"])
    codebook = pd.read_excel(io.BytesIO(response.data), sheet_name="Kodebok")
    row = codebook.set_index("kolonne").loc["meldeplikt"]
    assert row["spørsmål"] == "Jeg vet når jeg har meldeplikt til barnevernet."
    assert "1 = Helt uenig" in row["verdier"] and "vet_ikke" in row["verdier"]
    assert "Barnehage" in codebook.set_index("kolonne").loc["tjeneste", "verdier"]
    assert set(codebook["kolonne"]) >= set(answers.columns)


def test_codebook_download(exported):
    frame = _csv(exported("kodebok"))
    assert list(frame.columns) == ["kolonne", "spørsmål", "type", "verdier"]
    assert "Hva hindrer tidlig innsats hos dere?" in set(frame["spørsmål"])


def test_every_export_is_audited_without_answers(exported, db):
    exported("csv")
    exported("xlsx")
    events = db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [e.action for e in events] == ["export.csv", "export.xlsx"]
    assert events[0].details["rows"] == 23
    assert all("Nordmann" not in str(e.details) and "[navn]" not in str(e.details) for e in events)


def test_formulas_in_free_text_never_run(client, login_as, make_round, add_responses, post_form):
    login_as("planner")
    round_ = make_round()
    add_responses(round_, 5, tiltak_virker='=HYPERLINK("http://evil.example","klikk")')
    page = f"/planlegger/runder/{round_.id}/eksport"
    csv = post_form(f"/planlegger/runder/{round_.id}/eksport/csv", page=page)
    assert "'=HYPERLINK" in csv.data.decode("utf-8-sig")
    xlsx = post_form(f"/planlegger/runder/{round_.id}/eksport/xlsx", page=page)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.data))["Svar"]
    column = [c.value for c in sheet[1]].index("tiltak_virker") + 1
    cell = sheet.cell(row=2, column=column)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_round_below_threshold_cannot_be_exported(
    client, login_as, make_round, add_responses, post_form, db
):
    login_as("planner")
    round_ = make_round()
    add_responses(round_, 4, tjeneste="NAV")
    response = post_form(
        f"/planlegger/runder/{round_.id}/eksport/csv",
        page=f"/planlegger/runder/{round_.id}/eksport",
    )
    assert response.status_code == 302
    assert "færre enn 5 svar" in client.get(response.headers["Location"]).text
    assert db.session.scalar(db.select(AuditEvent)) is None


def test_named_round_exports_name_and_time(client, login_as, make_round, db, post_form):
    from surveyapp.services.responses import Respondent, new_response

    login_as("planner")
    round_ = make_round(anonymous=False, opens_at=utcnow() - timedelta(days=1))
    for i in range(5):
        db.session.add(
            new_response(
                round_,
                {"tjeneste": "NAV"},
                f"k{i}",
                respondent=Respondent(name=f"person{i}@nav.no", ip_address="10.1.1.1"),
            )
        )
    db.session.commit()
    response = post_form(
        f"/planlegger/runder/{round_.id}/eksport/csv",
        page=f"/planlegger/runder/{round_.id}/eksport",
    )
    frame = _csv(response)
    assert list(frame.columns[:3]) == ["nr", "navn", "sendt_inn"]
    assert set(frame["navn"]) == {f"person{i}@nav.no" for i in range(5)}
    assert "10.1.1.1" not in response.data.decode("utf-8-sig")


def test_viewer_cannot_export(client, login_as, make_round):
    login_as("viewer")
    round_ = make_round()
    assert client.get(f"/planlegger/runder/{round_.id}/eksport").status_code == 403
