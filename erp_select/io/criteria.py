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
from erp_select.io.cells import encode_text, format_number
from erp_select.io.criteria_table import (
    COLUMNS,
    HEADER_COLUMNS,
    REQUIRED,
    SHEET,
    TREE_MARK,
    from_table,
)
from erp_select.io.documents import Document, dump_json, dump_yaml, parse_document, plain
from erp_select.io.problems import Path, validation_problems
from erp_select.io.sources import Format, check_size, decode_text, format_of, read_file
from erp_select.io.tables import read_csv, read_xlsx, write_csv, write_xlsx
from erp_select.model import CriteriaTree, Criterion

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "SHEET",
    "TREE_MARK",
    "dump_criteria",
    "load_criteria",
    "read_criteria_bytes",
]


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
    return from_table(table)


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
            settings = {k: v for k, v in plain(tree).items() if k not in HEADER_COLUMNS}
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
