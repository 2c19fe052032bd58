"""Flat tables (erp_select.io.tables): separators, encodings, bounds, quoting."""

from __future__ import annotations

import io
import zipfile

import pytest

from erp_select.errors import InputError
from erp_select.io import table_rows
from erp_select.io.limits import MAX_COLUMNS, MAX_ROWS
from erp_select.io.tables import read_csv, read_xlsx, write_csv, write_xlsx

COLS = ("a", "b", "c")


@pytest.mark.parametrize(("sep", "comma"), [(";", True), (",", False), ("\t", False)])
def test_separator_is_sniffed_from_the_header(sep: str, comma: bool) -> None:
    text = sep.join(COLS) + "\n" + sep.join(["1", "x y", "é"]) + "\n"
    table = read_csv(text.encode(), "t.csv", COLS, COLS)
    assert table.decimal_comma is comma
    assert table.rows[0].cells == {"a": "1", "b": "x y", "c": "é"}
    assert table.rows[0].number == 2


def test_quoted_cells_with_separators_and_line_breaks_keep_their_row_numbers() -> None:
    text = 'a;b;c\n"x;y";"two\nlines";z\n\n1;2;3\n'
    table = read_csv(text.encode(), "t.csv", COLS, COLS)
    assert table.rows[0].cells["a"] == "x;y" and table.rows[0].cells["b"] == "two\nlines"
    assert [r.number for r in table.rows] == [2, 5]  # blank line 4 skipped, numbering kept


def test_header_is_case_and_space_insensitive_and_columns_optional() -> None:
    table = read_csv(b" A ;B\n1;2\n", "t.csv", COLS, ("a",))
    assert table.rows[0].cells == {"a": "1", "b": "2", "c": None}


def test_cells_beyond_the_header_are_reported() -> None:
    table = read_csv(b"a;b\n1;2;3\n", "t.csv", COLS, ("a",))
    assert [(p.rule, p.row, p.params["column"]) for p in table.problems] == [
        ("io.cell_outside_columns", 2, 3)
    ]


def _rule(data: bytes, name: str = "t.csv") -> str:
    with pytest.raises(InputError) as info:
        if name.endswith(".csv"):
            read_csv(data, name, COLS, ("a",))
        else:
            read_xlsx(data, name, "s", COLS, ("a",))
    return info.value.problems[0].rule


def test_bad_csv_inputs() -> None:
    assert _rule(b"") == "io.empty"
    assert _rule(b"\n\n") == "io.empty"
    assert _rule(b"justonecolumn\n1\n") == "io.csv_separator"
    assert _rule(b'a;b\n"open;2\n') == "io.csv_syntax"
    assert _rule(("a;" * (MAX_COLUMNS + 1) + "b\n").encode()) == "io.too_many_columns"
    assert _rule(b"a;b\n" + b"1;2\n" * (MAX_ROWS + 1)) == "io.too_many_rows"


def test_csv_writer_french_and_english() -> None:
    fr = write_csv(COLS, [["1,5", "x;y", "z"]], decimal_comma=True)
    assert fr.startswith(b"\xef\xbb\xbf") and b'a;b;c\r\n1,5;"x;y";z\r\n' in fr
    en = write_csv(COLS, [["1.5", "x,y", "z"]], decimal_comma=False)
    assert b'a,b,c\r\n1.5,"x,y",z\r\n' in en


def test_xlsx_round_trip_and_sheet_choice() -> None:
    data = write_xlsx("s", COLS, [[1.5, "x", True], [None, None, None], [2, "'=y", None]])
    table = read_xlsx(data, "t.xlsx", "s", COLS, ("a",))
    assert [r.cells for r in table.rows] == [
        {"a": 1.5, "b": "x", "c": True},
        {"a": 2, "b": "'=y", "c": None},
    ]
    # A workbook with one sheet is read whatever the sheet's name.
    assert read_xlsx(data, "t.xlsx", "other", COLS, ("a",)).rows[0].cells["a"] == 1.5


@pytest.mark.parametrize(
    "text", ["a\x01b", "x\ry", "p\r\nq", "_x000D_", "_x1234\r", "_x005F_", "tab\tend", "a\x1fb"]
)
def test_xlsx_texts_survive_exactly(text: str) -> None:
    # XML cannot hold control characters and turns CR into LF: OOXML escapes them as
    # _xHHHH_ (ECMA-376 Part 1, 22.9.2.19 ST_Xstring), a literal "_xHHHH" as "_x005F_xHHHH".
    data = write_xlsx("s", COLS, [[text, None, None]])
    assert read_xlsx(data, "t.xlsx", "s", COLS, ("a",)).rows[0].cells["a"] == text


def test_xlsx_reads_excel_escapes() -> None:
    """A workbook saved by Excel stores a carriage return as ``_x000D_``."""
    data = write_xlsx("s", COLS, [["placeholder", None, None]])
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert b"placeholder" in content
                content = content.replace(b"placeholder", b"line_x000D_break")
            dst.writestr(info, content)
    table = read_xlsx(out.getvalue(), "t.xlsx", "s", COLS, ("a",))
    assert table.rows[0].cells["a"] == "line\rbreak"


def test_xlsx_too_many_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_rows, "MAX_ROWS", 20)  # the same check as at 50,000, but quick
    data = write_xlsx("s", COLS, [[i, None, None] for i in range(21)])
    assert _rule(data, "t.xlsx") == "io.too_many_rows"
    data = write_xlsx("s", COLS, [[i, None, None] for i in range(20)])
    assert len(read_xlsx(data, "t.xlsx", "s", COLS, ("a",)).rows) == 20


def test_openpyxl_parses_through_defusedxml() -> None:
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


def test_xlsx_reading_is_refused_without_defusedxml(monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    data = write_xlsx("s", COLS, [[1, None, None]])
    assert _rule(data, "t.xlsx") == "io.xlsx_unsafe"
