"""Reading survey exports: CSV (any of ; , tab; UTF-8, UTF-16 or Windows-1252) and XLSX.

Parsed once per import (the steps after the upload read the stashed table, see
:func:`table_to_bytes`).
"""

from __future__ import annotations

import csv
import json
import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from flask_babel import gettext as _

from surveyapp.exceptions import InnspillError
from surveyapp.xlsxguard import MAX_RATIO, MAX_UNPACKED, unpacks_too_far

#: the upload, as sent
MAX_BYTES = 5 * 1024 * 1024
#: data rows and columns of one import (checked before the mapping step)
MAX_ROWS = 20_000
MAX_COLUMNS = 200
#: control characters no answer needs (tab, line feed and carriage return stay); PostgreSQL
#: refuses NUL in text outright
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class UnreadableFile(InnspillError):
    """The file is not a CSV or XLSX file this app can read."""


@dataclass(frozen=True)
class SourceTable:
    """A file's header row and data rows; each row has exactly one cell per header."""

    headers: list[str]
    rows: list[list[Any]]


def read_table(filename: str, data: bytes) -> SourceTable:
    """The first sheet (or the CSV) of an uploaded file, trimmed of empty trailing rows.

    Read once, as a stream, within limits checked before the work is done: the packed and
    unpacked size of an .xlsx, its rows and columns (from the sheet's own dimension, then
    while reading), formulas named instead of read as empty answers, control characters
    (NUL) taken out. Every refusal is a Norwegian message naming the limit.
    """
    name = filename.lower()
    if not data:
        raise UnreadableFile(_("Filen er tom."))
    if len(data) > MAX_BYTES:
        raise UnreadableFile(too_large_message())
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


def too_large_message() -> str:
    """Said when the upload is over MAX_BYTES (also by the upload view on a 413)."""
    return _(
        "Filen er større enn %(mb)s MB. Del den opp, eller fjern kolonner du ikke trenger.",
        mb=MAX_BYTES // (1024 * 1024),
    )


def _too_many_rows() -> UnreadableFile:
    rows = f"{MAX_ROWS:,}".replace(",", " ")  # 20 000
    return UnreadableFile(_("Filen har mer enn %(n)s rader. Del den opp i flere filer.", n=rows))


def _too_many_columns() -> UnreadableFile:
    return UnreadableFile(_("Filen har mer enn %(n)s kolonner.", n=MAX_COLUMNS))


def _check_zip(data: bytes) -> None:
    """Refuse an .xlsx whose parts unpack to more than MAX_UNPACKED or pack suspiciously well."""
    try:
        too_far = unpacks_too_far(data)
    except zipfile.BadZipFile as e:
        raise UnreadableFile(_("Excel-filen kunne ikke leses. Er den skadet?")) from e
    if too_far:
        raise UnreadableFile(
            _(
                "Excel-filen pakker seg ut til mer enn %(mb)s MB eller er pakket mer enn "
                "%(ratio)s ganger sammen. Lagre den som CSV, eller del den opp.",
                mb=MAX_UNPACKED // (1024 * 1024),
                ratio=MAX_RATIO,
            )
        )


def _check_dimension(sheet) -> None:
    """The sheet's stated size (``<dimension ref="A1:K50000">``), checked before reading it."""
    try:
        rows, columns = sheet.max_row or 0, sheet.max_column or 0
    except (TypeError, ValueError):
        return  # no or a broken dimension: the rows are counted while reading instead
    if rows > MAX_ROWS + 1:
        raise _too_many_rows()
    if columns > MAX_COLUMNS:
        raise _too_many_columns()


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    _check_zip(data)
    formulas: list[str] = []
    try:
        with warnings.catch_warnings():
            # files from other tools often lack a default style; that is harmless
            warnings.simplefilter("ignore", UserWarning)
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            try:
                sheet = book.worksheets[0]
                _check_dimension(sheet)
                rows = []
                for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                    rows.append(_checked_row(row, number))
                    formulas += [
                        f"{get_column_letter(i + 1)}{number}"
                        for i, v in enumerate(row)
                        if isinstance(v, str) and v.startswith("=")
                    ]
            finally:
                book.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError) as e:
        raise UnreadableFile(_("Excel-filen kunne ikke leses. Er den skadet?")) from e
    if formulas:
        raise UnreadableFile(
            _(
                "Disse cellene har formler, ikke verdier: %(cells)s. Kopier arket og lim inn "
                "som verdier, og last opp igjen.",
                cells=", ".join(formulas[:10]) + (" …" if len(formulas) > 10 else ""),
            )
        )
    return rows


def _checked_row(row, number: int) -> list[Any]:
    """One row within the limits, its text without control characters."""
    if number > MAX_ROWS + 1:
        raise _too_many_rows()
    if len(row) > MAX_COLUMNS and any(v not in (None, "") for v in row[MAX_COLUMNS:]):
        raise _too_many_columns()
    return [_CONTROL.sub("", v) if isinstance(v, str) else v for v in row[:MAX_COLUMNS]]


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    sample = data[:4096]
    # UTF-16 without a byte-order mark: every other byte of Latin text is NUL
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if len(sample) >= 4 and zeros.count(0) > 0.4 * len(zeros):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_rows(data: bytes) -> list[list[Any]]:
    text = _CONTROL.sub("", _decode(data))
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [_checked_row(row, number) for number, row in enumerate(reader, start=1)]
    except csv.Error as e:
        raise UnreadableFile(
            _(
                "CSV-filen kunne ikke leses (linje %(n)s). Lagre den på nytt som CSV UTF-8.",
                n=reader.line_num,
            )
        ) from e


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


def table_to_bytes(table: SourceTable) -> bytes:
    """The parsed table as JSON, for the later steps of the import (no second parse)."""
    return json.dumps({"headers": table.headers, "rows": table.rows}, default=_jsonable).encode()


def table_from_bytes(data: bytes) -> SourceTable:
    found = json.loads(data)
    return SourceTable(headers=found["headers"], rows=found["rows"])


def _jsonable(value: Any) -> str:
    return value.isoformat() if isinstance(value, (date, datetime, time)) else str(value)
