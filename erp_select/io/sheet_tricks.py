"""Spot spreadsheet tricks before a sheet is read: values far outside the table, links."""

from __future__ import annotations

import io
import re
import zipfile

from erp_select.io.limits import MAX_ROWS


def names_in(data: bytes) -> list[str]:
    """The member names of a zip archive (empty when it is not one)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return []


_CELL_REF = re.compile(r"^([A-Z]{1,3})([0-9]+)$")


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


#: A value below this row is refused as out of the table: a sheet holds at most
#: ``MAX_ROWS`` data rows, and reading down to row 1,048,576 (a sheet's last) takes half a
#: minute, so the bound stays under it.
FAR_ROW = min(2 * MAX_ROWS, 1_000_000)


def far_cell(
    data: bytes, member: str, limit: int, rows: int = FAR_ROW
) -> tuple[int, str, str | None] | None:
    """The first cell holding a value beyond column ``limit`` or row ``rows``, else ``None``.

    The sheet's XML is scanned (through ``defusedxml``) instead of its rows, so a value
    placed far away (``XFD1048576``) is found without building a million empty cells; it
    is reported as ``(row, column letters, value text)`` (no text for a shared string,
    whose cell holds only an index).
    """
    from defusedxml.ElementTree import iterparse

    if not member:
        return None
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(member) as handle:
            for _, element in iterparse(handle, events=("end",)):
                if element.tag == f"{ns}row":
                    element.clear()
                if element.tag != f"{ns}c":
                    continue
                found = _CELL_REF.match(element.get("r", ""))
                if found and (_column_number(found[1]) > limit or int(found[2]) > rows):
                    text = "".join(element.itertext()).strip()
                    if text:
                        shown = None if element.get("t") == "s" else text[:80]
                        return int(found[2]), found[1], shown
                element.clear()
    except (KeyError, zipfile.BadZipFile, ValueError, SyntaxError):
        return None  # openpyxl reports a damaged sheet with its own message
    return None
