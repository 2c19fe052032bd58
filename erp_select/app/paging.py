"""Pages of a long table: which rows a page shows and how its picker names it."""

from __future__ import annotations

import pandas as pd

from erp_select.i18n import fmt_number, t

#: Rows on one page of the ranking: a list this long or shorter is shown whole.
PAGE_ROWS = 50


def page_count(total: int, size: int | None = None) -> int:
    """Number of pages of ``total`` rows (at least one), ``size`` rows a page."""
    rows = size or PAGE_ROWS
    return max(1, -(-total // rows))


def page_of(frame: pd.DataFrame, page: int, size: int | None = None) -> pd.DataFrame:
    """Rows of page ``page`` (0-based) of ``frame``, in its order."""
    rows = size or PAGE_ROWS
    last = page_count(len(frame), rows) - 1
    start = min(max(page, 0), last) * rows
    return frame.iloc[start : start + rows]


def page_label(page: int, total: int, lang: str, size: int | None = None) -> str:
    """``Éditeurs 51 à 100 sur 10 000``: the rows of page ``page`` (0-based) in the picker."""
    rows = size or PAGE_ROWS
    first = page * rows + 1
    last = min(total, first + rows - 1)
    return t(
        "fast.page_range",
        lang,
        first=fmt_number(first, lang, 0),
        last=fmt_number(last, lang, 0),
        total=fmt_number(total, lang, 0),
    )
