"""Vendor profiles in and out of YAML, JSON, CSV and XLSX files (one file, many, or a folder).

YAML/JSON: one vendor per file, a list of vendors, or a mapping ``vendors: [...]``; a fact
may be written short (``fit.sector_coverage: 82`` means ``{value: 82}``).

Tables (CSV, XLSX sheet ``vendors``) are "long": one row per fact with the columns
``vendor_id, field, value, low, high, count, unit, source, date, evidence``. Profile fields
(``name``, ``product``, ``demo``, ``description.fr``, ``description.en``, ``editions``,
``deployment``, ``licence_model``, ``company_sizes``, ``sectors``, ``vertical``) are rows
too, typed by the model, lists joined with ``|``; only their ``value`` cell is used. A fact
whose id is one of those names (or starts with ``facts.``) is written ``facts.<id>``. A
fact's value is typed by the rules of ``erp_select.io.cells``. Dates are ``YYYY-MM-DD``
(``DD/MM/YYYY`` is read too) or, in XLSX, date cells.

Answers to the requirements questionnaire are rows ``answers.<requirement id>``: ``value``
is the kind of answer, with the optional columns ``effort_days`` and ``comment`` (written
only when there are answers) and ``evidence`` (empty = the model's default, ``none`` = not
stated). A fact whose id starts with ``answers.`` is written ``facts.<id>`` too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError

from erp_select.errors import InputError, Problem
from erp_select.io.column_cells import paused_gc
from erp_select.io.documents import Document, parse_document
from erp_select.io.limits import MAX_BYTES, MAX_TABLE_BYTES, MAX_TABLE_ROWS, MAX_VENDORS
from erp_select.io.problems import Path, validation_problems
from erp_select.io.sources import Format, check_size, decode_text, format_of, read_file
from erp_select.io.table_columns import from_table as table_columns
from erp_select.io.table_columns import read_csv_columns
from erp_select.io.tables import read_xlsx
from erp_select.io.variants import check_vendor_document, short_facts
from erp_select.io.vendor_columns import from_columns

# COLUMNS, PROFILE_FIELDS, REQUIRED and dump_vendors stay importable from here.
from erp_select.io.vendor_layout import (
    COLUMNS,
    FILE_SUFFIXES,
    PROFILE_FIELDS,
    REQUIRED,
    SHEET,
)
from erp_select.io.vendor_tables import Parsed
from erp_select.io.vendor_writer import dump_vendors
from erp_select.model import VendorProfile
from erp_select.model.facts import Vocabulary, vocabulary

__all__ = [
    "COLUMNS",
    "FILE_SUFFIXES",
    "PROFILE_FIELDS",
    "REQUIRED",
    "dump_vendors",
    "load_vendors",
    "load_vendors_checked",
    "read_vendors_bytes",
    "short_facts",
]


def load_vendors(path_or_paths: str | FilePath | Iterable[str | FilePath]) -> list[VendorProfile]:
    """Load vendor profiles from a file, several files, or a folder of vendor files.

    The same as :func:`load_vendors_checked` without its warnings.
    """
    return load_vendors_checked(path_or_paths)[0]


def load_vendors_checked(
    path_or_paths: str | FilePath | Iterable[str | FilePath],
) -> tuple[list[VendorProfile], list[Problem]]:
    """Load vendor profiles from a file, several files, or a folder of vendor files.

    A folder contributes its ``.yaml``, ``.yml``, ``.json``, ``.csv`` and ``.xlsx`` files in
    name order (not its sub-folders). Loading is all or nothing: every problem of every
    file is reported, and nothing is returned when there is one.

    Every fact is read by the fact vocabulary (:mod:`erp_select.io.facts`): a value that
    does not fit its fact's type, unit or range is a problem; a fact id the vocabulary does
    not know is a warning.

    Returns
    -------
    tuple[list[VendorProfile], list[Problem]]
        The vendors in file order, and the warnings (located, like problems).

    Raises
    ------
    InputError
        With every problem found, including a vendor id used in two places.
    """
    items = [path_or_paths] if isinstance(path_or_paths, str | FilePath) else list(path_or_paths)
    files: list[FilePath] = []
    problems: list[Problem] = []
    for item in items:
        p = FilePath(item)
        if p.is_dir():
            found = sorted(
                f for f in p.iterdir() if f.is_file() and f.suffix.lower() in FILE_SUFFIXES
            )
            if not found:
                problems.append(Problem(rule="io.no_vendor_files", source=p.name or str(p)))
            files.extend(found)
        else:
            files.append(p)
    parsed: list[tuple[str, Parsed]] = []
    for f in files:
        try:
            fmt = format_of(f.name)
            data = read_file(f, limit=_limit(fmt))
            parsed.append((f.name, _read(data, f.name, fmt)))
        except InputError as exc:
            problems.extend(exc.problems)
    vendors, duplicates = _merge(parsed)
    if problems or duplicates:
        raise InputError(problems + duplicates)
    return vendors, [w for _, result in parsed for w in result.warnings]


def read_vendors_bytes(data: bytes, filename: str) -> list[VendorProfile]:
    """Read vendor profiles from uploaded bytes; the format comes from ``filename``.

    Raises
    ------
    InputError
        With every problem of the file; nothing is returned when there is one.
    """
    fmt = format_of(filename)
    check_size(len(data), filename, _limit(fmt))
    vendors, duplicates = _merge([(filename, _read(data, filename, fmt))])
    if duplicates:
        raise InputError(duplicates)
    return vendors


def _merge(parsed: Sequence[tuple[str, Parsed]]) -> tuple[list[VendorProfile], list[Problem]]:
    first: dict[str, str] = {}
    vendors: list[VendorProfile] = []
    problems: list[Problem] = []
    for source, result in parsed:
        for vendor, row in zip(result.vendors, result.rows, strict=True):
            if vendor.id in first:
                problems.append(
                    Problem(
                        rule="io.duplicate_vendor",
                        source=source,
                        row=row,
                        field="id",
                        value=vendor.id,
                        params={"first": first[vendor.id]},
                    )
                )
                continue
            if len(vendors) == MAX_VENDORS:
                problems.append(
                    Problem(rule="fast.too_many_vendors", source=source, row=row, value=vendor.id)
                )
                return vendors, problems
            first[vendor.id] = source
            vendors.append(vendor)
    return vendors, problems


def _limit(fmt: Format) -> int:
    """The largest file of format ``fmt`` read as vendors (tables hold long lists)."""
    return MAX_TABLE_BYTES if fmt in ("csv", "xlsx") else MAX_BYTES


def _read(data: bytes, source: str, fmt: Format) -> Parsed:
    vocab = vocabulary()
    if fmt in ("yaml", "json"):
        parsed = _from_document(parse_document(decode_text(data), fmt, source), vocab)
    elif fmt == "csv":
        with paused_gc():
            columns = read_csv_columns(data, source, COLUMNS, REQUIRED, MAX_TABLE_ROWS)
            parsed = from_columns(columns, vocab, columns.decimal_comma)
    else:
        with paused_gc():
            table = read_xlsx(data, source, SHEET, COLUMNS, REQUIRED, MAX_TABLE_ROWS)
            parsed = from_columns(table_columns(table), vocab, None)
    if not parsed.vendors:  # a header-only table, "vendors: []": say so, never "0 vendors"
        raise InputError([Problem(rule="hostile.no_vendor", source=source)])
    return parsed


def _from_document(doc: Document, vocab: Vocabulary) -> Parsed:
    data = doc.data
    items: list[tuple[Path, Any]]
    problems: list[Problem] = []
    if isinstance(data, list):
        items = [((i,), v) for i, v in enumerate(data)]
    elif isinstance(data, dict) and "vendors" in data and "id" not in data:
        for key in data:
            if key not in ("vendors", "format"):
                where = doc.locate((key,))
                problems.append(
                    Problem(
                        rule="io.pydantic.extra_forbidden",
                        source=doc.source,
                        row=where.row,
                        field=key,
                    )
                )
        if data.get("format", "erp-select.vendors") != "erp-select.vendors":
            where = doc.locate(("format",))
            problems.append(
                Problem(
                    rule="io.pydantic.literal_error",
                    source=doc.source,
                    row=where.row,
                    field="format",
                    value=data.get("format"),
                    params={"expected": "'erp-select.vendors'"},
                )
            )
        listed = data["vendors"]
        if not isinstance(listed, list):
            where = doc.locate(("vendors",))
            raise InputError(
                [
                    *problems,
                    Problem(
                        rule="io.pydantic.list_type",
                        source=doc.source,
                        row=where.row,
                        field="vendors",
                    ),
                ]
            )
        items = [(("vendors", i), v) for i, v in enumerate(listed)]
    elif isinstance(data, dict):
        items = [((), data)]
    else:
        raise InputError([Problem(rule="io.not_vendors", source=doc.source, row=1)])
    result = Parsed(vendors=[])
    for prefix, item in items:
        expanded, refused, warned = check_vendor_document(item, vocab, doc, prefix)
        problems += refused
        result.warnings += warned
        try:
            vendor = VendorProfile.model_validate(expanded)
        except ValidationError as exc:
            problems += validation_problems(
                exc, expanded, source=doc.source, locate=doc.locate, prefix=prefix
            )
            continue
        result.vendors.append(vendor)
        result.rows.append(doc.locate((*prefix, "id")).row)
    if problems:
        raise InputError(problems)
    return result
