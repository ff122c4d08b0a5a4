"""Writing an export table as files: CSV (for Norwegian Excel), the codebook, and XLSX."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask_babel import gettext as _

from surveyapp.models import Round, utcnow
from surveyapp.services.exports.table import ExportTable

#: cells starting with these could run as a formula when a CSV file is opened in Excel
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CODEBOOK_COLUMNS = ["kolonne", "spørsmål", "type", "verdier"]


def _csv_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(columns: list[str], rows: list[list[Any]]) -> bytes:
    """Semicolon-separated UTF-8 with a byte-order mark, as Norwegian Excel opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_csv_safe(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def codebook_csv(table: ExportTable) -> bytes:
    rows = [[line[k] for k in CODEBOOK_COLUMNS] for line in table.codebook]
    return to_csv(CODEBOOK_COLUMNS, rows)


def to_xlsx(table: ExportTable) -> bytes:
    """A workbook with the sheets Svar, Kodebok and Om eksporten."""
    from openpyxl import Workbook

    book = Workbook()
    _sheet(book.active, "Svar", table.columns, table.rows)
    codebook = [[line[k] for k in CODEBOOK_COLUMNS] for line in table.codebook]
    _sheet(book.create_sheet(), "Kodebok", CODEBOOK_COLUMNS, codebook)
    _sheet(
        book.create_sheet(),
        "Om eksporten",
        [_("Felt"), _("Verdi")],
        [list(pair) for pair in table.about],
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(sheet, title: str, header: list[str], rows: list[list[Any]]) -> None:
    from openpyxl.styles import Font

    sheet.title = title
    for column, value in enumerate(header, start=1):
        sheet.cell(row=1, column=column, value=value).font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=number, column=column)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: "=..." never becomes a formula
    sheet.freeze_panes = "A2"


def filename(round_: Round, extension: str) -> str:
    """A safe download name such as ``innspill-runde-12-2026-05-01.csv``."""
    stamp = utcnow().strftime("%Y-%m-%d")
    return f"innspill-runde-{round_.id}-{stamp}.{extension}"
