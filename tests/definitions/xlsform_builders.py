"""Build XLSForm workbooks in code for the tests (no binary fixture files)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook


def workbook(
    survey: list[list[Any]],
    choices: list[list[Any]] | None = None,
    settings: list[list[Any]] | None = None,
) -> bytes:
    """An .xlsx with the given sheets; each is a header row followed by data rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    for title, rows in (("choices", choices), ("settings", settings)):
        if rows is not None:
            extra = book.create_sheet(title)
            for row in rows:
                extra.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
