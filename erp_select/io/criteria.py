"""Criteria trees in and out of YAML, JSON, CSV and XLSX files.

Tables (CSV, XLSX sheet ``criteria``) have one row per criterion with the columns
``id, parent, label_fr, label_en, description_fr, description_en, weight, direction, unit,
value, missing``: ``parent`` is empty for a top-level criterion, ``value`` holds the value
function as compact JSON (empty for inner nodes), ``missing`` the optional missing-value
rule of a leaf (``refuse``, ``worst``, ``neutral`` or ``exclude``). Rows are written depth
first; they may be read in any order (children keep their row order). The tree's own
``id`` and label sit in one row whose ``parent`` is ``#tree``, its other settings (e.g.
``evidence`` widths) as compact JSON in that row's ``value``; without the row the tree gets
the model's defaults.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError

from erp_select.errors import InputError, Problem
from erp_select.i18n import normalise_lang
from erp_select.io.cells import cell_text, encode_text, format_number, number_cell
from erp_select.io.documents import Document, dump_json, dump_yaml, parse_document, plain
from erp_select.io.limits import MAX_DEPTH
from erp_select.io.problems import NO_VALUE, Path, Where, validation_problems
from erp_select.io.sources import Format, check_size, decode_text, format_of, read_file
from erp_select.io.tables import Table, read_csv, read_xlsx, write_csv, write_xlsx
from erp_select.model import CriteriaTree, Criterion

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
_HEADER_COLUMNS = frozenset({"format", "version", "id", "label", "criteria"})
SHEET = "criteria"

# Model path below a criterion → table column.
_COLUMN_OF: dict[Path, str] = {
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


def load_criteria(path: str | FilePath, *, name: str | None = None) -> CriteriaTree:
    """Load a criteria tree from a YAML, JSON, CSV or XLSX file.

    Parameters
    ----------
    path
        The file; its extension names the format.
    name
        The name shown in error messages (default: the file's name), e.g. the original
        name of an uploaded file saved under a temporary name.

    Returns
    -------
    CriteriaTree
        The validated tree.

    Raises
    ------
    InputError
        With every problem found, each located (file, row or line, column or field, value).
    """
    source = name or FilePath(path).name
    fmt = format_of(str(path) if name is None else name)
    return _read(read_file(path, source), source, fmt)


def read_criteria_bytes(data: bytes, filename: str) -> CriteriaTree:
    """Read a criteria tree from uploaded bytes; the format comes from ``filename``'s extension.

    Raises
    ------
    InputError
        As ``load_criteria``.
    """
    fmt = format_of(filename)
    check_size(len(data), filename)
    return _read(data, filename, fmt)


def _read(data: bytes, source: str, fmt: Format) -> CriteriaTree:
    if fmt in ("yaml", "json"):
        return _from_document(parse_document(decode_text(data), fmt, source))
    if fmt == "csv":
        table = read_csv(data, source, COLUMNS, REQUIRED)
    else:
        table = read_xlsx(data, source, SHEET, COLUMNS, REQUIRED)
    return _from_table(table)


def _duplicate_ids(doc: Document) -> list[Problem]:
    """Find criterion ids used twice in a document, located at the second use."""
    seen: set[str] = set()
    problems: list[Problem] = []

    def visit(items: Any, path: Path) -> None:
        if not isinstance(items, list):
            return
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            ident = item.get("id")
            if isinstance(ident, str):
                if ident in seen:
                    where = doc.locate((*path, i, "id"))
                    problems.append(
                        Problem(
                            rule="io.duplicate_id",
                            source=doc.source,
                            row=where.row,
                            field=where.field,
                            value=ident,
                        )
                    )
                seen.add(ident)
            visit(item.get("children"), (*path, i, "children"))

    if isinstance(doc.data, dict):
        visit(doc.data.get("criteria"), ("criteria",))
    return problems


def _from_document(doc: Document) -> CriteriaTree:
    if not isinstance(doc.data, dict):
        raise InputError(
            [Problem(rule="io.not_a_mapping", source=doc.source, row=1, params={"key": "criteria"})]
        )
    duplicates = _duplicate_ids(doc)
    try:
        tree = CriteriaTree.model_validate(doc.data)
    except ValidationError as exc:
        problems = validation_problems(exc, doc.data, source=doc.source, locate=doc.locate)
        if duplicates:  # the model's own "used twice" message has no location
            problems = [
                p for p in problems if not (p.rule == "model.criterion_twice" and p.field is None)
            ]
        raise InputError(duplicates + problems) from exc
    if duplicates:
        raise InputError(duplicates)
    return tree


class _TableTree:
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
                    header.update({k: v for k, v in parsed.items() if k not in _HEADER_COLUMNS})
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
            column = _COLUMN_OF.get(rest[:end])
            if column is not None:
                deeper = ".".join(str(p) for p in rest[end:])
                field = f"{column}.{deeper}" if deeper else column
                value = cell_text(self.raw[ident][column]) if not deeper else NO_VALUE
                if value is None:
                    value = NO_VALUE
                return Where(row=row, field=field, value=value)
        return Where(row=row, field=None)


def _from_table(table: Table) -> CriteriaTree:
    builder = _TableTree(table)
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


def _table_rows(tree: CriteriaTree) -> Iterator[tuple[Criterion | None, str | None]]:
    def visit(node: Criterion, parent: str | None) -> Iterator[tuple[Criterion | None, str | None]]:
        yield node, parent
        for child in node.children:
            yield from visit(child, node.id)

    yield None, None
    for top in tree.criteria:
        yield from visit(top, None)


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def dump_criteria(tree: CriteriaTree, fmt: Format, *, lang: str | None = None) -> bytes:
    """Write a criteria tree as ``yaml``, ``json``, ``csv`` or ``xlsx`` bytes.

    Parameters
    ----------
    tree
        The tree to write.
    fmt
        The format.
    lang
        For CSV only: ``"fr"`` writes ``;`` separators and decimal commas (what French
        spreadsheets expect), any other language ``,`` and decimal points; default from
        ``ERP_SELECT_LANG``. Every CSV is UTF-8 with a BOM.

    Returns
    -------
    bytes
        The file's content; reading it back gives an equal tree.
    """
    if fmt in ("yaml", "json"):
        data = plain(tree)
        return dump_yaml(data) if fmt == "yaml" else dump_json(data)
    decimal_comma = fmt == "csv" and normalise_lang(lang) == "fr"
    rows: list[list[Any]] = []
    for node, parent in _table_rows(tree):
        if node is None:
            head = [tree.id, TREE_MARK, tree.label.fr, tree.label.en]
            settings = {k: v for k, v in plain(tree).items() if k not in _HEADER_COLUMNS}
            extra = encode_text(_compact(settings)) if settings else ""
            rows.append([encode_text(v) for v in head] + [""] * 5 + [extra, ""])
            continue
        value = ""
        if node.value is not None:
            value = _compact(plain(node.value))
        texts = [
            node.id,
            parent or "",
            node.label.fr,
            node.label.en,
            node.description.fr if node.description else "",
            node.description.en if node.description else "",
        ]
        cells: list[Any] = [encode_text(t) if t else "" for t in texts]
        cells.append(node.weight if fmt == "xlsx" else format_number(node.weight, decimal_comma))
        cells += [encode_text(node.direction or "") if node.direction else ""]
        cells += [encode_text(node.unit) if node.unit is not None else ""]
        cells.append(encode_text(value) if value else "")
        cells.append(node.missing or "")
        rows.append(cells)
    if fmt == "csv":
        return write_csv(COLUMNS, rows, decimal_comma)
    if fmt == "xlsx":
        return write_xlsx(SHEET, COLUMNS, [[c if c != "" else None for c in r] for r in rows])
    raise ValueError(f"unknown format {fmt!r}")
