"""The report's tables (XLSX, CSV, Markdown) and the text defusing they share, in one place."""

from __future__ import annotations

from erp_select.report.flat import render_csv, render_markdown
from erp_select.report.safe import DANGEROUS_START, TEXT_PREFIX, Marked, md_escape, neutralise
from erp_select.report.xlsx import render_xlsx

__all__ = [
    "DANGEROUS_START",
    "TEXT_PREFIX",
    "Marked",
    "md_escape",
    "neutralise",
    "render_csv",
    "render_markdown",
    "render_xlsx",
]
