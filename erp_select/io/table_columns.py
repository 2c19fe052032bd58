"""A flat table held column by column (one list per column), read from CSV in one pass.

The column-wise twin of :class:`erp_select.io.table_rows.Table` for long files (a long list
of vendors): the same cells under the same column names and row numbers, without one
dictionary per row. A file the fast reading cannot take as it is (a malformed quote, a row
wider than the header or than :data:`MAX_COLUMNS`, too many rows, a cell outside the
columns) is read by :func:`erp_select.io.tables.read_csv`, so that its refusal is the
row reader's own, word for word.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from erp_select.errors import InputError, Problem
from erp_select.io.cells import WHITESPACE, trim
from erp_select.io.limits import MAX_COLUMNS, MAX_ROWS
from erp_select.io.sources import check_text
from erp_select.io.table_rows import Row, Table, header
from erp_select.io.tables import read_csv, sniff


@dataclass
class Columns:
    """A table's cells column by column, with each data row's number as the user sees it."""

    source: str
    numbers: list[int]
    cells: dict[str, list[Any]]
    decimal_comma: bool = False
    problems: list[Problem] = field(default_factory=list)
    #: Whether cells may be other than texts (XLSX numbers, yes/no, dates).
    typed: bool = True

    def rows(self, indices: Sequence[int]) -> Table:
        """The rows at ``indices`` (0-based, in order) as a row-wise :class:`Table`."""
        names = list(self.cells)
        picked = [
            Row(self.numbers[i], {name: self.cells[name][i] for name in names}) for i in indices
        ]
        return Table(self.source, names, picked, self.decimal_comma, self.problems)


def from_table(table: Table) -> Columns:
    """The columns of a table read row by row (XLSX, or a CSV file read the slow way)."""
    cells = {name: [row.cells[name] for row in table.rows] for name in table.columns}
    numbers = [row.number for row in table.rows]
    return Columns(table.source, numbers, cells, table.decimal_comma, list(table.problems))


def _records(text: str, sep: str) -> tuple[list[list[str]], list[int]] | None:
    """Every CSV record and the line it starts on; ``None`` on a CSV syntax error."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    try:
        if '"' not in text:  # no quoted cell: one record per line
            records = list(reader)
            return records, list(range(1, len(records) + 1))
        records, starts, line = [], [], 1
        for record in reader:
            records.append(record)
            starts.append(line)
            line = reader.line_num + 1
    except csv.Error:
        return None
    return records, starts


def _first_line(text: str) -> str | None:
    """The first line that is not blank (as ``read_csv`` finds it), reading a prefix first."""
    lines = text[:65536].splitlines()
    found = next((k for k, line in enumerate(lines[:-1]) if trim(line)), None)
    if found is not None:
        return lines[found]
    return next((line for line in text.splitlines() if trim(line)), None)


def _filled(record: list[str]) -> bool:
    """Whether a record has a cell that is not blank (blank records are skipped)."""
    lead = record[0][:1] if record else ""
    return (lead != "" and lead not in WHITESPACE) or bool(trim("".join(record)))


def read_csv_columns(
    data: bytes,
    source: str,
    columns: Sequence[str],
    required: Sequence[str],
    max_rows: int | None = None,
) -> Columns:
    """Read a CSV table column by column; the same cells as :func:`read_csv`, or its refusal.

    Raises
    ------
    InputError
        As :func:`erp_select.io.tables.read_csv` does, with the same problems.
    """
    text = check_text(data, source)
    first = _first_line(text)
    sep = sniff(first) if first is not None else None
    read = _records(text, sep) if sep is not None else None
    if read is None:
        return from_table(read_csv(data, source, columns, required, max_rows))
    records, starts = read
    keep = [i for i, r in enumerate(records) if _filled(r)]
    if not keep:
        return from_table(read_csv(data, source, columns, required, max_rows))
    head = keep[0]
    if len(records[head]) > MAX_COLUMNS:
        return from_table(read_csv(data, source, columns, required, max_rows))
    names, problems = header(records[head], source, starts[head], columns, required)
    if problems:
        raise InputError(problems)
    body = keep[1:]
    width = len(names)
    lengths = {len(records[i]) for i in body}
    if len(body) > (MAX_ROWS if max_rows is None else max_rows) or max(lengths, default=0) > width:
        return from_table(read_csv(data, source, columns, required, max_rows))
    values: list[Sequence[Any]]
    if lengths == {width}:  # every row as wide as the header: one transposition
        values = list(zip(*(records[i] for i in body), strict=True)) or [()] * width
    else:
        values = [
            [r[k] if k < len(r) else None for r in map(records.__getitem__, body)]
            for k in range(width)
        ]
    cells: dict[str, list[Any]] = {}
    for name, column in zip(names, values, strict=True):
        if name is None:
            if any(v is not None and trim(v) for v in column):
                return from_table(read_csv(data, source, columns, required, max_rows))
            continue
        cells[name] = list(column)
    empty: list[Any] = [None] * len(body)
    cells = {name: cells.get(name, empty) for name in columns}
    numbers = [starts[i] for i in body]
    return Columns(source, numbers, cells, decimal_comma=sep == ";", typed=False)
