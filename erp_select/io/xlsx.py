"""Read and write XLSX sheets as flat tables (size-bounded, exact numbers, escaped text)."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Sequence
from typing import Any

import openpyxl
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from erp_select.errors import InputError, Problem
from erp_select.io.cells import trim
from erp_select.io.limits import MAX_COLUMNS, MAX_XLSX_UNCOMPRESSED
from erp_select.io.sheet_tricks import FAR_ROW, far_cell, names_in
from erp_select.io.table_rows import Collector, Row, Table


def _open_workbook(data: bytes, source: str, data_only: bool) -> Any:
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds on a damaged archive
        raise InputError(
            [Problem(rule="io.xlsx_invalid", source=source, params={"message": str(exc)[:200]})]
        ) from exc


def read_xlsx(
    data: bytes,
    source: str,
    sheet: str,
    columns: Sequence[str],
    required: Sequence[str],
    max_rows: int | None = None,
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
        return _read_sheet(ws_values, ws_formulas, source, columns, required, max_rows)
    finally:
        values.close()
        formulas.close()


def _cell_value(cell: Any) -> Any:
    value = getattr(cell, "value", None)
    return xml_unescape(value) if isinstance(value, str) else value


def _read_sheet(
    ws_values: Any,
    ws_formulas: Any,
    source: str,
    columns: Sequence[str],
    required: Sequence[str],
    max_rows: int | None,
) -> Table:
    width = MAX_COLUMNS + 1
    out = Collector(source, columns, required, max_rows)
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
