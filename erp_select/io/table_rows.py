"""A flat table read from CSV or XLSX: its rows, and the header checks both readers share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from erp_select.errors import InputError, Problem
from erp_select.io.cells import trim
from erp_select.io.limits import MAX_COLUMNS, MAX_ROWS


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


def header(
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


class Collector:
    """What the CSV and XLSX readers share: header, size limits, cells put under columns."""

    def __init__(
        self,
        source: str,
        columns: Sequence[str],
        required: Sequence[str],
        max_rows: int | None = None,
    ) -> None:
        self.source = source
        self.max_rows = MAX_ROWS if max_rows is None else max_rows
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
        self.header, problems = header(values, self.source, row, self.columns, self.required)
        if problems:
            raise InputError(problems)
        return True

    def new_cells(self) -> dict[str, Any]:
        """Empty cells of a new data row (after checking the row limit)."""
        if len(self.rows) >= self.max_rows:
            limit = self.max_rows
            raise InputError(
                [Problem(rule="io.too_many_rows", source=self.source, params={"limit": limit})]
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
