"""Read and write flat tables: CSV (encoding, separator and decimal sniffed) and XLSX sheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from erp_select.errors import InputError, Problem
from erp_select.io.cells import trim
from erp_select.io.limits import MAX_COLUMNS
from erp_select.io.sources import check_text
from erp_select.io.table_rows import Collector, Row, Table
from erp_select.io.xlsx import read_xlsx, write_xlsx, xml_escape, xml_unescape

__all__ = [
    "Row",
    "Table",
    "read_csv",
    "read_xlsx",
    "write_csv",
    "write_xlsx",
    "xml_escape",
    "xml_unescape",
]

_SEPARATORS = (";", ",", "\t")


def sniff(first_line: str) -> str | None:
    """The separator (``;``, ``,`` or tab) that splits ``first_line`` most, else ``None``."""
    counts: dict[str, int] = {}
    for sep in _SEPARATORS:
        try:
            counts[sep] = len(next(csv.reader([first_line], delimiter=sep))) - 1
        except (csv.Error, StopIteration):
            counts[sep] = 0
    best = max(_SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] > 0 else None


def read_csv(
    data: bytes,
    source: str,
    columns: Sequence[str],
    required: Sequence[str],
    max_rows: int | None = None,
) -> Table:
    """Read a CSV table whose header names some of ``columns`` (at most ``max_rows`` rows,
    default :data:`erp_select.io.limits.MAX_ROWS`).

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
    sep = sniff(first)
    if sep is None:
        raise InputError([Problem(rule="io.csv_separator", source=source, row=1, value=first[:80])])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    out = Collector(source, columns, required, max_rows)
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
