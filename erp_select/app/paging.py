"""Pages of a long table: which rows a page shows, how its picker names it, and the picker."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from erp_select.i18n import fmt_number, t

#: Rows on one page of a long table: a list this long or shorter is shown whole.
PAGE_ROWS = 50


def page_count(total: int, size: int | None = None) -> int:
    """Number of pages of ``total`` rows (at least one), ``size`` rows a page."""
    rows = size or PAGE_ROWS
    return max(1, -(-total // rows))


def page_of(frame: pd.DataFrame, page: int, size: int | None = None) -> pd.DataFrame:
    """Rows of page ``page`` (0-based) of ``frame``, in its order."""
    rows = page_rows(len(frame), page, size)
    return frame.iloc[rows.start : rows.stop]


def page_rows(total: int, page: int, size: int | None = None) -> range:
    """Positions of the rows of page ``page`` (0-based; out of range: the nearest page)."""
    rows = size or PAGE_ROWS
    last = page_count(total, rows) - 1
    start = min(max(page, 0), last) * rows
    return range(start, min(total, start + rows))


def page_label(
    page: int, total: int, lang: str, size: int | None = None, words: str = "fast.page_range"
) -> str:
    """``Éditeurs 51 à 100 sur 10 000``: the rows of page ``page`` (0-based) in the picker."""
    rows = size or PAGE_ROWS
    first = page * rows + 1
    last = min(total, first + rows - 1)
    return t(
        words,
        lang,
        first=fmt_number(first, lang, 0),
        last=fmt_number(last, lang, 0),
        total=fmt_number(total, lang, 0),
    )


def pick_page(total: int, lang: str, key: str, label: str, words: str = "fast.page_range") -> range:
    """The rows of a long table to draw: all when they fit one page; otherwise a page
    picker (``label``), then a caption saying how many rows are shown and how to see the
    rest, and the positions of the picked page's rows."""
    pages = page_count(total)
    if pages == 1:
        return range(total)
    page = st.selectbox(
        label,
        options=list(range(pages)),
        format_func=lambda p: page_label(p, total, lang, words=words),
        key=f"{key}.{total}",
    )
    rows = page_rows(total, int(page or 0))
    st.caption(
        t(
            "longlist2.shown",
            lang,
            shown=fmt_number(len(rows), lang, 0),
            total=fmt_number(total, lang, 0),
            picker=label,
        )
    )
    return rows
