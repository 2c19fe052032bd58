"""The criteria table (CSV, XLSX): its columns, and the tree rebuilt from its rows."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from erp_select.errors import InputError, Problem
from erp_select.io.cells import cell_text, number_cell
from erp_select.io.limits import MAX_DEPTH
from erp_select.io.problems import NO_VALUE, Path, Where, validation_problems
from erp_select.io.tables import Table
from erp_select.model import CriteriaTree

COLUMNS = (
    "id",
    "parent",
    "label_fr",
    "label_en",
    "description_fr",
    "description_en",
    "weight",
    "direction",
    "unit",
    "value",
    "missing",
)
REQUIRED = ("id", "parent", "label_fr", "label_en")
TREE_MARK = "#tree"
# Tree fields with their own column (or none); the tree row's ``value`` holds the others.
HEADER_COLUMNS = frozenset({"format", "version", "id", "label", "criteria"})
SHEET = "criteria"

# Model path below a criterion → table column.
COLUMN_OF: dict[Path, str] = {
    ("id",): "id",
    ("label", "fr"): "label_fr",
    ("label", "en"): "label_en",
    ("label",): "label_fr",
    ("description", "fr"): "description_fr",
    ("description", "en"): "description_en",
    ("description",): "description_fr",
    ("weight",): "weight",
    ("direction",): "direction",
    ("unit",): "unit",
    ("value",): "value",
    ("missing",): "missing",
}


class TableTree:
    """Build the nested tree from flat rows, checking ids, parents, cycles and depth."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.source = table.source
        self.problems: list[Problem] = list(table.problems)
        self.bad_rows: set[int] = table.bad_rows()
        self.header: dict[str, Any] | None = None
        self.header_row: int | None = None
        self.nodes: dict[str, dict[str, Any]] = {}
        self.parents: dict[str, str | None] = {}
        self.rows: dict[str, int] = {}
        self.raw: dict[str, dict[str, Any]] = {}
        self.row_of_path: dict[Path, str] = {}

    def problem(
        self, rule: str, row: int, field: str | None, value: Any = None, **params: Any
    ) -> None:
        self.problems.append(
            Problem(rule=rule, source=self.source, row=row, field=field, value=value, params=params)
        )
        self.bad_rows.add(row)

    def read_rows(self) -> None:
        for row in self.table.rows:
            cells = row.cells
            ident = cell_text(cells["id"])
            parent = cell_text(cells["parent"])
            if parent == TREE_MARK:
                self.read_header(row.number, cells, ident)
                continue
            if ident is None:
                self.problem("io.missing_id", row.number, "id")
                continue
            if ident in self.nodes:
                self.problem("io.duplicate_id", row.number, "id", ident, first=self.rows[ident])
                continue
            self.nodes[ident] = self.node_data(row.number, cells, ident)
            self.parents[ident] = parent
            self.rows[ident] = row.number
            self.raw[ident] = cells

    def read_header(self, number: int, cells: dict[str, Any], ident: str | None) -> None:
        if self.header is not None:
            self.problem("io.tree_row_twice", number, "parent", TREE_MARK, first=self.header_row)
            return
        for column in (
            "description_fr",
            "description_en",
            "weight",
            "direction",
            "unit",
            "missing",
        ):
            if cell_text(cells[column]) is not None:
                self.problem("io.tree_row_extra", number, column, cell_text(cells[column]))
        header: dict[str, Any] = {}
        settings = cell_text(cells["value"])
        if settings is not None:
            try:
                parsed = json.loads(settings)
            except (json.JSONDecodeError, RecursionError) as exc:
                message = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                self.problem("io.value_json", number, "value", settings, message=message)
            else:
                if isinstance(parsed, dict):
                    header.update({k: v for k, v in parsed.items() if k not in HEADER_COLUMNS})
                else:
                    self.problem("io.pydantic.dict_type", number, "value", settings)
        if ident is not None:
            header["id"] = ident
        label = {k: cell_text(cells[f"label_{k}"]) for k in ("fr", "en")}
        if any(v is not None for v in label.values()):
            header["label"] = {k: v for k, v in label.items() if v is not None}
        self.header, self.header_row = header, number
        self.raw["#tree"] = cells

    def node_data(self, number: int, cells: dict[str, Any], ident: str) -> dict[str, Any]:
        data: dict[str, Any] = {"id": ident}
        label = {k: cell_text(cells[f"label_{k}"]) for k in ("fr", "en")}
        data["label"] = {k: v for k, v in label.items() if v is not None}
        description = {k: cell_text(cells[f"description_{k}"]) for k in ("fr", "en")}
        if any(v is not None for v in description.values()):
            data["description"] = {k: v for k, v in description.items() if v is not None}
        weight = number_cell(cells["weight"], self.table.decimal_comma)
        if weight is not None:
            data["weight"] = weight
        for column in ("direction", "unit", "missing"):
            text = cell_text(cells[column])
            if text is not None:
                data[column] = text
        value = cell_text(cells["value"])
        if value is not None:
            try:
                data["value"] = json.loads(value)
            except (json.JSONDecodeError, RecursionError) as exc:
                message = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                self.problem("io.value_json", number, "value", value, message=message)
        data["children"] = []
        return data

    def check_links(self) -> set[str]:
        """Report unknown parents and cycles; return the ids that cannot be placed."""
        broken: set[str] = set()
        for ident, parent in self.parents.items():
            if parent is not None and parent not in self.nodes:
                self.problem("io.unknown_parent", self.rows[ident], "parent", parent)
                broken.add(ident)
        reported: set[frozenset[str]] = set()
        for start in self.parents:
            chain: list[str] = []
            current: str | None = start
            while current is not None and current in self.nodes and current not in chain:
                chain.append(current)
                current = self.parents[current]
            if current is not None and current in chain:
                cycle = chain[chain.index(current) :]
                key = frozenset(cycle)
                broken.update(cycle)
                if key in reported:
                    continue
                reported.add(key)
                first = min(cycle, key=lambda i: self.rows[i])
                ordered = cycle[cycle.index(first) :] + cycle[: cycle.index(first)]
                path = " → ".join([*ordered, first])
                self.problem(
                    "io.cycle", self.rows[first], "parent", self.parents[first], cycle=path
                )
            if len(chain) > MAX_DEPTH:
                self.problem("io.too_deep", self.rows[start], "parent", limit=MAX_DEPTH)
                broken.add(start)
        return broken

    def assemble(self) -> dict[str, Any]:
        roots: list[dict[str, Any]] = []
        for ident, parent in self.parents.items():
            node = self.nodes[ident]
            if parent is None:
                roots.append(node)
            elif parent in self.nodes:
                self.nodes[parent]["children"].append(node)

        def index(items: list[dict[str, Any]], path: Path) -> None:
            for i, item in enumerate(items):
                self.row_of_path[(*path, i)] = item["id"]
                index(item["children"], (*path, i, "children"))

        index(roots, ("criteria",))
        tree: dict[str, Any] = dict(self.header or {})
        tree["criteria"] = roots
        return tree

    def locate(self, path: Path) -> Where:
        for end in range(len(path), -1, -1):
            ident = self.row_of_path.get(path[:end])
            if ident is not None:
                return self._cell(ident, self.rows[ident], path[end:])
        if path[:1] != ("criteria",) and self.header_row is not None:
            if path[:1] in (("id",), ("label",)):
                return self._cell("#tree", self.header_row, path)
            return Where(row=self.header_row, field=".".join(str(p) for p in ("value", *path)))
        return Where(row=None, field=".".join(str(p) for p in path) or None)

    def _cell(self, ident: str, row: int, rest: Path) -> Where:
        for end in range(len(rest), 0, -1):
            column = COLUMN_OF.get(rest[:end])
            if column is not None:
                deeper = ".".join(str(p) for p in rest[end:])
                field = f"{column}.{deeper}" if deeper else column
                value = cell_text(self.raw[ident][column]) if not deeper else NO_VALUE
                if value is None:
                    value = NO_VALUE
                return Where(row=row, field=field, value=value)
        return Where(row=row, field=None)


def from_table(table: Table) -> CriteriaTree:
    builder = TableTree(table)
    builder.read_rows()
    broken = builder.check_links()
    if builder.problems or broken:
        raise InputError(builder.problems)
    data = builder.assemble()
    try:
        return CriteriaTree.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc, data, source=table.source, locate=builder.locate)
        kept = [p for p in problems if p.row is None or p.row not in builder.bad_rows]
        raise InputError(builder.problems + kept) from exc
