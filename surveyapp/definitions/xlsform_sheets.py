"""Open an uploaded XLSForm safely and give its sheets as rows of cells keyed by column.

Limits are checked before openpyxl unpacks anything (see :mod:`surveyapp.xlsxguard`); any
failure of openpyxl becomes an :class:`InvalidXLSForm` with a Norwegian message.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import Any

from surveyapp.definitions.xlsform_format import TITLE_NN_COLUMN, VALUE_COLUMN, where
from surveyapp.exceptions import InvalidXLSForm
from surveyapp.xlsxguard import MAX_UNPACKED, unpacks_too_far

#: the upload, as sent, and the rows and columns one sheet may have
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 200
SHEETS = ("survey", "choices", "settings")
#: texts and exact values, read as written; every other cell is a code and is trimmed
_KEEP_SPACES = ("label", "hint", "form_title", TITLE_NN_COLUMN, VALUE_COLUMN)
_TEXT_COLUMNS = ("label", "hint", "guidance_hint", "constraint_message", "required_message")
_NB = re.compile(r"\((nb|nob|no)\)|bokm[åa]l|^norsk$|^norwegian", re.IGNORECASE)
_NN = re.compile(r"\((nn|nno)\)|nynorsk", re.IGNORECASE)


@dataclass
class Record:
    """One row of a sheet: its Excel row number and its cells by (column, language)."""

    sheet: str
    row: int
    cells: dict[tuple[str, str | None], str] = field(default_factory=dict)

    def get(self, column: str) -> str:
        """The cell of a column without language (or its first language variant)."""
        if (column, None) in self.cells:
            return self.cells[(column, None)]
        return next((v for (c, _), v in self.cells.items() if c == column), "")

    @property
    def at(self) -> str:
        return where(self.sheet, self.row)


@dataclass
class Sheet:
    name: str
    columns: set[str]
    records: list[Record]
    languages: list[str | None]


def _cell(value: Any, keep_spaces: bool = False) -> str:
    """A cell as text: whole numbers without ``.0``; codes trimmed, texts as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if not text.strip():
        return ""
    return text if keep_spaces else text.strip()


def _header(text: str) -> tuple[str, str | None]:
    """``label::Norsk bokmål (nb)`` → (``label``, ``Norsk bokmål (nb)``); ``type`` → (type, None).

    Only text columns have languages; ``innspill::theme`` and the like stay whole.
    """
    for sep in ("::", ":"):
        base, found, language = text.partition(sep)
        if found and base.strip().lower() in _TEXT_COLUMNS:
            return base.strip().lower(), language.strip() or None
    return text.strip().lower(), None


def _sheet(name: str, rows: list[tuple]) -> Sheet:
    if not rows:
        return Sheet(name, set(), [], [])
    headers = [_header(_cell(h)) if _cell(h) else None for h in rows[0]]
    records = []
    for number, row in enumerate(rows[1:], start=2):
        cells = {
            h: text
            for h, v in zip(headers, row)
            if h is not None and (text := _cell(v, h[0] in _KEEP_SPACES))
        }
        if cells:
            records.append(Record(name, number, cells))
    languages = list(dict.fromkeys(h[1] for h in headers if h and h[0] == "label"))
    return Sheet(name, {h[0] for h in headers if h}, records, languages)


def open_sheets(data: bytes) -> dict[str, Sheet]:
    """The survey, choices and settings sheets (those that exist), read once within limits."""
    if not data:
        raise InvalidXLSForm(["Filen er tom."])
    if len(data) > MAX_BYTES:
        raise InvalidXLSForm([f"Filen er større enn {MAX_BYTES // (1024 * 1024)} MB."])
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InvalidXLSForm(["Gamle Excel-filer (.xls) kan ikke leses. Lagre skjemaet som .xlsx."])
    try:
        too_far = unpacks_too_far(data)
    except zipfile.BadZipFile as e:
        raise InvalidXLSForm(["Filen er ikke en Excel-fil (.xlsx) med et XLSForm-skjema."]) from e
    if too_far:
        raise InvalidXLSForm(
            [f"Excel-filen pakker seg ut til mer enn {MAX_UNPACKED // (1024 * 1024)} MB."]
        )
    try:
        found = _read(data)
    except InvalidXLSForm:
        raise
    except Exception as e:  # openpyxl fails in many ways on a damaged file; none may escape
        raise InvalidXLSForm(["Excel-filen kunne ikke leses. Er den skadet?"]) from e
    if "survey" not in found:
        raise InvalidXLSForm(["Filen har ikke noe ark som heter «survey»."])
    return found


def _read(data: bytes) -> dict[str, Sheet]:
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        # files from other tools often lack a default style; that is harmless
        warnings.simplefilter("ignore", UserWarning)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        found = {}
        for sheet in book.worksheets:
            name = sheet.title.strip().lower()
            if name in SHEETS and name not in found:
                found[name] = _sheet(name, _rows(sheet, name))
        return found
    finally:
        book.close()


def _rows(sheet, name: str) -> list[tuple]:
    rows = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS + 1:
            raise InvalidXLSForm([f"Arket «{name}» har mer enn {MAX_ROWS} rader."])
        if len(row) > MAX_COLUMNS and any(v not in (None, "") for v in row[MAX_COLUMNS:]):
            raise InvalidXLSForm([f"Arket «{name}» har mer enn {MAX_COLUMNS} kolonner."])
        rows.append(tuple(row[:MAX_COLUMNS]))
    return rows


def pick_languages(
    languages: list[str | None], default: str | None
) -> tuple[str | None, str | None]:
    """(bokmål column language, nynorsk column language) among a sheet's label languages.

    Bokmål is the column that says so, else the plain ``label``, else the form's default
    language, else the first; nynorsk is the column that says so, if any.
    """
    nn = next((lang for lang in languages if lang and _NN.search(lang)), None)
    nb = next((lang for lang in languages if lang and _NB.search(lang) and lang != nn), None)
    if nb is None:
        others = [lang for lang in languages if lang != nn]
        if None in others:
            nb = None
        elif default in others:
            nb = default
        elif others:
            nb = others[0]
        elif nn is not None:
            nb, nn = nn, None
    return nb, nn
