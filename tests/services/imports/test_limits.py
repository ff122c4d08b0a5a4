"""Purpose-made import files: zip bombs, huge row counts, wrong encodings, NUL, formulas."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from surveyapp.services.imports.files import (
    MAX_COLUMNS,
    MAX_ROWS,
    UnreadableFile,
    read_table,
    table_from_bytes,
    table_to_bytes,
)


def _xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_bomb(unpacked_mb: int = 200) -> bytes:
    """A real .xlsx whose sheet is padded with a long run of spaces (packs ~1000:1)."""
    small = zipfile.ZipFile(io.BytesIO(_xlsx([["Tjeneste"], ["PPT"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in small.infolist():
            data = small.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                with bomb.open(item.filename, "w", force_zip64=True) as f:
                    f.write(data[: -len(b"</worksheet>")])
                    chunk = b" " * (1024 * 1024)
                    for _ in range(unpacked_mb):
                        f.write(chunk)
                    f.write(b"</worksheet>")
            else:
                bomb.writestr(item, data)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    bomb = zip_bomb()
    assert len(bomb) < 5 * 1024 * 1024
    tracemalloc.start()
    with pytest.raises(UnreadableFile, match="pakker seg ut til mer enn 50 MB"):
        read_table("svar.xlsx", bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20 * 1024 * 1024  # the 200 MB are never unpacked


def test_fifty_thousand_rows_are_refused_with_the_limit_named():
    data = ("Tjeneste;Alder\n" + "PPT;42\n" * 50_000).encode()
    with pytest.raises(UnreadableFile, match="mer enn 20 000 rader"):
        read_table("svar.csv", data)


def test_the_row_limit_itself_is_accepted():
    data = ("Tjeneste\n" + "PPT\n" * MAX_ROWS).encode()
    assert len(read_table("svar.csv", data).rows) == MAX_ROWS


def test_an_xlsx_with_too_many_rows_is_refused_from_its_dimension():
    book = Workbook()
    book.active.append(["Tjeneste"])
    book.active.cell(row=MAX_ROWS + 5, column=1, value="PPT")
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(UnreadableFile, match="mer enn 20 000 rader"):
        read_table("svar.xlsx", out.getvalue())


def test_too_many_columns_are_refused():
    data = (";".join(f"K{i}" for i in range(MAX_COLUMNS + 1)) + "\n" + "1;" * MAX_COLUMNS + "1\n")
    with pytest.raises(UnreadableFile, match=f"mer enn {MAX_COLUMNS} kolonner"):
        read_table("svar.csv", data.encode())


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(encoding):
    table = read_table("svar.csv", "Tjeneste;Sør-Fron\nPPT;Ja\n".encode(encoding))
    assert table.headers == ["Tjeneste", "Sør-Fron"] and table.rows == [["PPT", "Ja"]]


def test_latin1_is_read():
    data = "Tjeneste;Hvordan går det?\nPPT;Bra, på Sør-Fron\n".encode("latin-1")
    table = read_table("svar.csv", data)
    assert table.rows == [["PPT", "Bra, på Sør-Fron"]]


def test_nul_and_control_characters_are_taken_out():
    csv_table = read_table("svar.csv", b"Tjeneste;Tekst\nPPT;Hei\x00 p\x07\x1b\xc3\xa5 deg\tog\n")
    assert csv_table.rows == [["PPT", "Hei på deg\tog"]]


def test_formula_cells_are_named():
    data = _xlsx([["Tjeneste", "Alder"], ["PPT", "=20+22"], ["NAV", "=SUM(B2:B2)"]])
    with pytest.raises(UnreadableFile, match="formler, ikke verdier: B2, B3"):
        read_table("svar.xlsx", data)


def test_a_broken_csv_gets_a_norwegian_message():
    with pytest.raises(UnreadableFile, match="CSV-filen kunne ikke leses \\(linje"):
        read_table("svar.csv", b'Tjeneste\n"' + b"x" * 200_000 + b'"\n')


def test_the_table_is_kept_as_parsed():
    from datetime import datetime

    table = read_table("svar.xlsx", _xlsx([["Når", "Alder"], [datetime(2024, 3, 5, 14), 42]]))
    again = table_from_bytes(table_to_bytes(table))
    assert again.headers == table.headers and again.rows == [["2024-03-05T14:00:00", 42]]
