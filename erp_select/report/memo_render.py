"""Render the board memo as its own two-page PDF (or HTML page), offline."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from erp_select.i18n import t
from erp_select.report.html import TEMPLATES, environment
from erp_select.report.memo import Memo
from erp_select.report.pdf import html_to_pdf

__all__ = ["memo_html", "memo_pdf"]


def memo_html(memo: Memo) -> str:
    """The memo as one self-contained HTML page (the report's stylesheet, then the memo's)."""
    css = "\n".join(
        (TEMPLATES / name).read_text(encoding="utf-8") for name in ("report.css", "memo.css")
    )
    lang = memo.lang

    def tr(key: str, **params: Any) -> str:
        return t(key, lang, **params)

    template = environment().get_template("memo.html.j2")
    # Our own stylesheets, trusted (no text from the inputs): not escaped inside <style>.
    return template.render(m=memo, css=Markup(css), tr=tr)  # noqa: S704


def memo_pdf(memo: Memo) -> bytes:
    """The memo as an A4 PDF, fetching nothing."""
    return html_to_pdf(memo_html(memo))
