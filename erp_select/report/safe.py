"""Defuse text for spreadsheets and Markdown: no formula, no markup, no illegal character."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A spreadsheet runs a cell as a formula (or a DDE command) when it starts with these.
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
TEXT_PREFIX = "'"

# Characters XML 1.0 (hence XLSX) cannot hold.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def neutralise(text: str) -> str:
    """Return ``text`` safe for a spreadsheet cell.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    ``'``, so no spreadsheet reads it as a formula; characters XML cannot hold are dropped.
    A text that already starts with ``'`` is kept verbatim (no formula starts so, and the
    report is not read back: doubling it would print a name that is not the vendor's).
    """
    clean = _ILLEGAL_XML.sub("", text)
    if clean.startswith(DANGEROUS_START):
        return TEXT_PREFIX + clean
    return clean


@dataclass(frozen=True)
class Marked:
    """A number ranked differently from its facts: written with the mark and the reason."""

    value: float
    note: str


def md_escape(text: str) -> str:
    """Return ``text`` as one Markdown table cell: one line, every markup character escaped."""
    one_line = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", one_line)
