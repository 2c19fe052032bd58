"""Render the board memo as its own two-page PDF (or HTML page), offline."""

from __future__ import annotations

from erp_select.report.html import render_page
from erp_select.report.memo import Memo
from erp_select.report.pdf import html_to_pdf

__all__ = ["memo_html", "memo_pdf"]


def memo_html(memo: Memo) -> str:
    """The memo as one self-contained HTML page (the report's stylesheet, then the memo's)."""
    return render_page("memo.html.j2", memo.lang, ("report.css", "memo.css"), m=memo)


def memo_pdf(memo: Memo) -> bytes:
    """The memo as an A4 PDF, fetching nothing."""
    return html_to_pdf(memo_html(memo))
