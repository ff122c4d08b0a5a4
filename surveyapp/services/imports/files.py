"""Reading survey exports: CSV (any of ; , tab; UTF-8, UTF-16 or Windows-1252) and XLSX."""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from surveyapp.exceptions import InnspillError

MAX_BYTES = 5 * 1024 * 1024


class UnreadableFile(InnspillError):
    """The file is not a CSV or XLSX file this app can read."""


@dataclass(frozen=True)
class SourceTable:
    """A file's header row and data rows; each row has exactly one cell per header."""

    headers: list[str]
    rows: list[list[Any]]


def read_table(filename: str, data: bytes) -> SourceTable:
    """The first sheet (or the CSV) of an uploaded file, trimmed of empty trailing rows."""
    name = filename.lower()
    if not data:
        raise UnreadableFile(_("Filen er tom."))
    if len(data) > MAX_BYTES:
        raise UnreadableFile(_("Filen er større enn 5 MB."))
    if name.endswith(".xls") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            _("Gamle Excel-filer (.xls) kan ikke leses. Lagre filen som .xlsx eller CSV.")
        )
    if name.endswith(".xlsx") or data.startswith(b"PK"):
        rows = _xlsx_rows(data)
    elif name.endswith((".csv", ".txt", ".tsv")):
        rows = _csv_rows(data)
    else:
        raise UnreadableFile(_("Velg en CSV- eller Excel-fil (.csv eller .xlsx)."))
    return _table(rows)


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # files from other tools often lack a default style; that is harmless
            warnings.simplefilter("ignore", UserWarning)
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = book.worksheets[0]
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
            book.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError) as e:
        raise UnreadableFile(_("Excel-filen kunne ikke leses. Er den skadet?")) from e
    return rows


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_rows(data: bytes) -> list[list[Any]]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as e:
        raise UnreadableFile(_("CSV-filen kunne ikke leses: %(error)s", error=str(e))) from e


def _table(rows: list[list[Any]]) -> SourceTable:
    rows = [r for r in rows]
    while rows and all(_blank(c) for c in rows[-1]):
        rows.pop()
    while rows and all(_blank(c) for c in rows[0]):
        rows.pop(0)
    if not rows:
        raise UnreadableFile(_("Filen har ingen rader."))
    header = rows[0]
    while header and _blank(header[-1]):
        header = header[:-1]
    headers = [
        str(h).strip() if not _blank(h) else _("Kolonne %(n)s", n=i + 1)
        for i, h in enumerate(header)
    ]
    if not headers:
        raise UnreadableFile(_("Filen har ingen overskriftsrad."))
    body = [(list(r) + [None] * len(headers))[: len(headers)] for r in rows[1:]]
    if not body:
        raise UnreadableFile(_("Filen har bare en overskriftsrad og ingen svar."))
    return SourceTable(headers=headers, rows=body)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
