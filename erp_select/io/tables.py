"""Read and write flat tables: CSV (encoding, separator and decimal sniffed) and XLSX sheets."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from erp_select.errors import InputError, Problem
from erp_select.io.cells import trim
from erp_select.io.limits import MAX_COLUMNS, MAX_ROWS, MAX_XLSX_UNCOMPRESSED
from erp_select.io.sheet_tricks import FAR_ROW, far_cell, names_in
from erp_select.io.sources import check_text

_SEPARATORS = (";", ",", "\t")


@dataclass
class Row:
    """One data row: its number as the user sees it and its cells by column name."""

    number: int
    cells: dict[str, Any]


@dataclass
class Table:
    """A table read from a file, with the problems found in individual cells."""

    source: str
    columns: list[str]
    rows: list[Row]
    decimal_comma: bool = False
    problems: list[Problem] = field(default_factory=list)

    def bad_rows(self) -> set[int]:
        """Return the rows that already have a cell problem."""
        return {p.row for p in self.problems if p.row is not None}


def _header(
    raw: Sequence[Any], source: str, row: int, columns: Sequence[str], required: Sequence[str]
) -> tuple[list[str | None], list[Problem]]:
    """Map header cells to known column names; report unknown, repeated and missing ones."""
    names: list[str | None] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for cell in raw:
        name = trim(str(cell)).lower() if cell is not None else ""
        if not name:
            names.append(None)
            continue
        if name not in columns:
            problems.append(
                Problem(
                    rule="io.unknown_column",
                    source=source,
                    row=row,
                    field=name,
                    params={"known": ", ".join(columns)},
                )
            )
        elif name in seen:
            problems.append(Problem(rule="io.duplicate_column", source=source, row=row, field=name))
        seen.add(name)
        names.append(name if name in columns else None)
    for name in required:
        if name not in seen:
            problems.append(Problem(rule="io.missing_column", source=source, row=row, field=name))
    return names, problems


class _Collector:
    """What the CSV and XLSX readers share: header, size limits, cells put under columns."""

    def __init__(self, source: str, columns: Sequence[str], required: Sequence[str]) -> None:
        self.source = source
        self.columns = list(columns)
        self.required = required
        self.header: list[str | None] | None = None
        self.rows: list[Row] = []
        self.problems: list[Problem] = []

    def too_wide(self, row: int) -> InputError:
        """The error of a row with more than :data:`MAX_COLUMNS` columns."""
        return InputError(
            [
                Problem(
                    rule="io.too_many_columns",
                    source=self.source,
                    row=row,
                    params={"limit": MAX_COLUMNS},
                )
            ]
        )

    def take_header(self, values: Sequence[Any], row: int) -> bool:
        """Read ``values`` as the header if none was read yet; say whether it was."""
        if self.header is not None:
            return False
        self.header, problems = _header(values, self.source, row, self.columns, self.required)
        if problems:
            raise InputError(problems)
        return True

    def new_cells(self) -> dict[str, Any]:
        """Empty cells of a new data row (after checking the :data:`MAX_ROWS` limit)."""
        if len(self.rows) >= MAX_ROWS:
            raise InputError(
                [Problem(rule="io.too_many_rows", source=self.source, params={"limit": MAX_ROWS})]
            )
        return dict.fromkeys(self.columns)

    def name(self, index: int) -> str | None:
        """The column name of the 0-based position ``index`` (``None`` outside the header)."""
        header = self.header or []
        return header[index] if index < len(header) else None

    def put(self, cells: dict[str, Any], index: int, value: Any, row: int) -> None:
        """Put ``value`` under its column; a non-blank value outside the columns is a problem."""
        name = self.name(index)
        if name is not None:
            cells[name] = value
        elif value is not None and trim(str(value)):
            self.problems.append(
                Problem(
                    rule="io.cell_outside_columns",
                    source=self.source,
                    row=row,
                    value=value,
                    params={"column": index + 1},
                )
            )

    def table(self, decimal_comma: bool) -> Table:
        """The table read (an empty file, without even a header, is an error)."""
        if self.header is None:
            raise InputError([Problem(rule="io.empty", source=self.source)])
        return Table(
            self.source,
            self.columns,
            self.rows,
            decimal_comma=decimal_comma,
            problems=self.problems,
        )


def _sniff(first_line: str) -> str | None:
    counts: dict[str, int] = {}
    for sep in _SEPARATORS:
        try:
            counts[sep] = len(next(csv.reader([first_line], delimiter=sep))) - 1
        except (csv.Error, StopIteration):
            counts[sep] = 0
    best = max(_SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] > 0 else None


def read_csv(data: bytes, source: str, columns: Sequence[str], required: Sequence[str]) -> Table:
    """Read a CSV table whose header names some of ``columns``.

    The encoding is UTF-8 (BOM or not), else Windows-1252; the separator is ``;``, ``,`` or
    tab, whichever splits the header line most; with ``;`` numbers may use decimal commas.

    Raises
    ------
    InputError
        On an empty file, an unknown separator, a malformed quote, a header problem, too
        many rows or columns.
    """
    text = check_text(data, source)
    first = next((line for line in text.splitlines() if trim(line)), None)
    if first is None:
        raise InputError([Problem(rule="io.empty", source=source)])
    sep = _sniff(first)
    if sep is None:
        raise InputError([Problem(rule="io.csv_separator", source=source, row=1, value=first[:80])])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    out = _Collector(source, columns, required)
    line = 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if not any(trim(c) for c in record):
                continue
            if len(record) > MAX_COLUMNS:
                raise out.too_wide(start)
            if out.take_header(record, start):
                continue
            cells = out.new_cells()
            for i, value in enumerate(record):
                out.put(cells, i, value, start)
            out.rows.append(Row(number=start, cells=cells))
    except csv.Error as exc:
        raise InputError(
            [
                Problem(
                    rule="io.csv_syntax",
                    source=source,
                    row=reader.line_num,
                    params={"message": str(exc)},
                )
            ]
        ) from exc
    return out.table(decimal_comma=sep == ";")


def write_csv(columns: Sequence[str], rows: Sequence[Sequence[str]], decimal_comma: bool) -> bytes:
    """Write a CSV table: UTF-8 with BOM, ``;`` with decimal commas, else ``,``; CRLF lines."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";" if decimal_comma else ",", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _open_workbook(data: bytes, source: str, data_only: bool) -> Any:
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds on a damaged archive
        raise InputError(
            [Problem(rule="io.xlsx_invalid", source=source, params={"message": str(exc)[:200]})]
        ) from exc


def read_xlsx(
    data: bytes, source: str, sheet: str, columns: Sequence[str], required: Sequence[str]
) -> Table:
    """Read the sheet ``sheet`` (or the only sheet) of an XLSX workbook as a table.

    Cells keep their types (numbers, yes/no, dates). A formula without a saved value and
    an error cell (``#DIV/0!``…) are reported as problems; the archive's uncompressed size,
    the rows and the columns are bounded. Reading is refused when openpyxl does not parse
    through ``defusedxml`` (entity-expansion and external-entity attacks).
    """
    if not openpyxl.DEFUSEDXML:
        raise InputError([Problem(rule="io.xlsx_unsafe", source=source)])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise InputError(
            [Problem(rule="io.xlsx_invalid", source=source, params={"message": str(exc)})]
        ) from exc
    if any(n.startswith("xl/externalLinks/") for n in names_in(data)):
        # Values cached from another workbook: stale, unseen, and a way to smuggle data in.
        raise InputError([Problem(rule="hostile.xlsx_external_links", source=source)])
    if unpacked > MAX_XLSX_UNCOMPRESSED:
        raise InputError(
            [
                Problem(
                    rule="io.xlsx_too_large",
                    source=source,
                    params={"limit": f"{MAX_XLSX_UNCOMPRESSED // (1024 * 1024)} MB"},
                )
            ]
        )
    values = _open_workbook(data, source, data_only=True)
    formulas = _open_workbook(data, source, data_only=False)
    try:
        names = list(values.sheetnames)
        if sheet in names:
            title = sheet
        elif len(names) == 1:
            title = names[0]
        else:
            raise InputError(
                [
                    Problem(
                        rule="io.xlsx_missing_sheet",
                        source=source,
                        value=sheet,
                        params={"sheets": ", ".join(names)},
                    )
                ]
            )
        ws_values, ws_formulas = values[title], formulas[title]
        if getattr(ws_values, "sheet_state", "visible") != "visible":
            # What is read must be what the user sees.
            raise InputError(
                [Problem(rule="hostile.xlsx_hidden_sheet", source=source, value=title)]
            )
        stray = far_cell(data, getattr(ws_values, "_worksheet_path", ""), MAX_COLUMNS, FAR_ROW)
        if stray is not None:
            row, column, value = stray
            raise InputError(
                [
                    Problem(
                        rule="hostile.xlsx_far_cell",
                        source=source,
                        row=row,
                        field=column,
                        value=value,
                        params={"limit": MAX_COLUMNS, "rows": FAR_ROW},
                    )
                ]
            )
        ws_values.reset_dimensions()
        ws_formulas.reset_dimensions()
        return _read_sheet(ws_values, ws_formulas, source, columns, required)
    finally:
        values.close()
        formulas.close()


def _cell_value(cell: Any) -> Any:
    value = getattr(cell, "value", None)
    return xml_unescape(value) if isinstance(value, str) else value


def _read_sheet(
    ws_values: Any, ws_formulas: Any, source: str, columns: Sequence[str], required: Sequence[str]
) -> Table:
    width = MAX_COLUMNS + 1
    out = _Collector(source, columns, required)
    pairs = zip(
        ws_values.iter_rows(min_row=1, max_col=width),
        ws_formulas.iter_rows(min_row=1, max_col=width),
        strict=False,
    )
    for number, (vrow, frow) in enumerate(pairs, start=1):
        raw = [_cell_value(c) for c in vrow]
        kinds = [getattr(c, "data_type", None) for c in frow]
        if len(raw) >= width and raw[width - 1] is not None:
            raise out.too_wide(number)
        is_formula = [k == "f" for k in kinds] + [False] * (len(raw) - len(kinds))
        if all(v is None or (isinstance(v, str) and not trim(v)) for v in raw) and not any(
            is_formula
        ):
            continue
        if out.take_header(raw, number):
            continue
        cells = out.new_cells()
        for i, value in enumerate(raw):
            field_name = out.name(i) or f"#{i + 1}"
            if value is None and is_formula[i]:
                out.problems.append(
                    Problem(
                        rule="io.xlsx_formula_without_value",
                        source=source,
                        row=number,
                        field=field_name,
                        value=str(getattr(frow[i], "value", "")),
                    )
                )
            elif getattr(vrow[i], "data_type", None) == "e":
                out.problems.append(
                    Problem(
                        rule="io.xlsx_error_cell",
                        source=source,
                        row=number,
                        field=field_name,
                        value=str(value),
                    )
                )
            else:
                out.put(cells, i, value, number)
        out.rows.append(Row(number=number, cells=cells))
    return out.table(decimal_comma=False)


# OOXML writes characters that XML cannot hold, or would normalise (CR), as ``_xHHHH_``;
# a literal ``_xHHHH`` is protected as ``_x005F_xHHHH``. Spreadsheets read them the same way.
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_LITERAL = re.compile(r"_(?=x[0-9A-Fa-f]{4})")
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]")


def xml_escape(text: str) -> str:
    """Escape a text for an XLSX cell: control characters and CR as ``_xHHHH_``."""
    text = _LITERAL.sub("_x005F_", text)
    return _UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def xml_unescape(text: str) -> str:
    """Undo ``xml_escape`` (and Excel's own escapes) in a text read from an XLSX cell."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def _exact_number(cell: Any, value: float) -> None:
    """Make openpyxl write ``value`` to the last bit.

    openpyxl writes numbers with 16 significant digits (``"%.16g"``), which changes some
    floats and large integers. When that text does not read back to ``value``, the cell
    keeps its numeric type but holds the exact text (``repr``), which openpyxl writes as is.
    """
    text = "%.16g" % value  # noqa: UP031 - the very format openpyxl uses
    if isinstance(value, float):
        negative_zero = value == 0 and math.copysign(1.0, value) < 0
        exact = float(text) == value and not negative_zero
    else:
        exact = text == str(value)
    if not exact:
        cell._value = repr(value)


def write_xlsx(sheet: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """Write one sheet with a bold, frozen header row; dates get the ``yyyy-mm-dd`` format.

    Texts are escaped the OOXML way (see ``xml_escape``), so every text reads back exactly.
    """
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook always has one sheet
    ws.title = sheet
    ws.append(list(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            if isinstance(value, str):
                value = xml_escape(value)
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, int | float) and not isinstance(value, bool):
                _exact_number(cell, value)
    for c, name in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = max(10, len(name) + 4)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
