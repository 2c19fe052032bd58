"""Tell what a file holds (criteria, vendors or a project) and load it as that."""

from __future__ import annotations

import io as _io
import zipfile
from pathlib import Path
from typing import Literal

from erp_select.errors import InputError, Problem
from erp_select.io.criteria import load_criteria
from erp_select.io.documents import parse_document
from erp_select.io.project import load_project
from erp_select.io.sources import check_text, decode_text, format_of, read_file
from erp_select.io.vendors import load_vendors_checked
from erp_select.model.names import same_name_warnings

Kind = Literal["criteria", "vendors", "project"]

_FORMAT_KEYS: dict[str, Kind] = {
    "erp-select.criteria": "criteria",
    "erp-select.vendor": "vendors",
    "erp-select.vendors": "vendors",
    "erp-select.project": "project",
}


def _unknown(name: str) -> InputError:
    return InputError([Problem(rule="io.unknown_kind", source=name)])


def detect_kind(path: str | Path) -> Kind:
    """Say whether ``path`` holds criteria, vendors or a project.

    A folder is a folder of vendor files. YAML/JSON files say it with their ``format``
    key (or, without one, by their top-level keys); a CSV table of vendors has a
    ``vendor_id`` column, one of criteria a ``parent`` column; an XLSX workbook names its
    sheet ``vendors`` or ``criteria``.
    """
    p = Path(path)
    if p.is_dir():
        return "vendors"
    name = p.name
    fmt = format_of(name)
    data = read_file(p, name)
    if fmt in ("yaml", "json"):
        doc = parse_document(decode_text(data), fmt, name).data
        if isinstance(doc, list):
            return "vendors"
        if isinstance(doc, dict):
            declared = doc.get("format")
            if isinstance(declared, str) and declared in _FORMAT_KEYS:
                return _FORMAT_KEYS[declared]
            if "company" in doc:
                return "project"
            if "criteria" in doc:
                return "criteria"
            if "vendors" in doc or "facts" in doc:
                return "vendors"
        raise _unknown(name)
    if fmt == "csv":
        lines = check_text(data, name).splitlines()
        header = lines[0].lower() if lines else ""
        if "vendor_id" in header:
            return "vendors"
        if "parent" in header:
            return "criteria"
        raise _unknown(name)
    try:
        with zipfile.ZipFile(_io.BytesIO(data)) as archive:
            listing = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError):
        raise InputError(
            [Problem(rule="io.xlsx_invalid", source=name, params={"message": "zip"})]
        ) from None
    if 'name="vendors"' in listing:
        return "vendors"
    if 'name="criteria"' in listing:
        return "criteria"
    raise _unknown(name)


def load_any(path: str | Path) -> tuple[Kind, int]:
    """Validate ``path`` as whatever it holds; return its kind and how many items it has.

    The count is the number of criteria for a criteria file, of vendors for vendor files,
    of vendors for a project. Raises ``InputError`` with located messages when invalid.
    """
    kind, count, _ = check_any(path)
    return kind, count


def check_any(path: str | Path) -> tuple[Kind, int, list[Problem]]:
    """Like :func:`load_any`, and also return the warnings (e.g. unknown fact ids)."""
    kind = detect_kind(path)
    if kind == "criteria":
        return kind, len(load_criteria(path).ids()), []
    if kind == "vendors":
        vendors, warnings = load_vendors_checked(path)
        # Valid, but readers will stumble on two vendors whose names read the same.
        return kind, len(vendors), warnings + same_name_warnings(vendors, Path(path).name)
    project = load_project(path)
    return kind, len(project.vendors), same_name_warnings(project.vendors, Path(path).name)
