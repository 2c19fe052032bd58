"""One vendor's TCO year by year on the vendors page: the report's table, from the same suite."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from erp_select.app import state, widgets
from erp_select.explain.cost_terms import terms_text
from erp_select.i18n import t
from erp_select.model import Project
from erp_select.pipeline import Analysis
from erp_select.report.sections.tco_table import TcoLine, tco_table

PICK = "vd.tco_vendor"


def frame(result: Analysis, vendor_id: str, lang: str) -> pd.DataFrame:
    """The vendor's TCO table: one row per line, one column per year, then low/likely/high."""
    table = tco_table(result.performance.tco[vendor_id], lang)
    low, likely, high = (t(f"report.col.{k}", lang) for k in ("low", "likely", "high"))
    rows: list[TcoLine] = [*table["lines"], table["total"]]
    if table["present"] is not None:
        rows.append(table["present"])
    records = []
    for line in rows:
        record = {table["line_header"]: line["name"]}
        for header, cell in zip(table["years"], line["years"], strict=False):
            record[header] = cell["likely"]
        record |= {low: line["low"], likely: line["likely"], high: line["high"]}
        records.append(record)
    return pd.DataFrame(records).fillna("")


def section(current: Project, result: Analysis, lang: str) -> None:
    """Pick a vendor and show its TCO line by line and year by year, with the cost terms."""
    years = t("report.years", lang, n=current.company.horizon_years)
    st.subheader(t("tco.view.title", lang, years=years))
    names = {v.id: v.name for v in current.vendors}
    vendor_id = st.selectbox(
        t("tco.view.vendor", lang),
        options=list(names),
        format_func=lambda vid: names.get(vid, vid),
        key=state.lang_key(PICK),
    )
    if vendor_id is None:
        return
    st.caption(" ".join(terms_text(current.company.costs, lang, current.company)))
    widgets.table(frame(result, str(vendor_id), lang))


__all__ = ["frame", "section"]
