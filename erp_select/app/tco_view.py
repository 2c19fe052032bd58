"""One vendor's TCO year by year on the vendors page: the report's table, from the same suite."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from erp_select.app import state, widgets
from erp_select.evaluate.tco import TcoBreakdown
from erp_select.explain.cost_terms import rate_text, terms_text
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
    names = result.names()
    vendor_id = st.selectbox(
        t("tco.view.vendor", lang),
        options=list(names),
        format_func=lambda vid: names.get(vid, vid),
        key=state.lang_key(PICK),
    )
    if vendor_id is None:
        return
    st.caption(" ".join(terms_text(current.company.costs, lang, current.company)))
    breakdown = result.performance.tco[str(vendor_id)]
    st.caption(indexation_text(breakdown, current.company.costs.indexation, lang))
    widgets.table(frame(result, str(vendor_id), lang))


def indexation_text(breakdown: TcoBreakdown, project_rate: float, lang: str) -> str:
    """Which yearly revision the vendor's recurring costs get: its cap or the project's."""
    rate = breakdown.indexation
    shown = rate_text(rate.likely, lang)
    if rate.low != rate.high:
        shown = t(
            "offers.indexation.range",
            lang,
            rate=shown,
            low=rate_text(rate.low, lang),
            high=rate_text(rate.high, lang),
        )
    if breakdown.capped:
        return t(
            "offers.indexation.capped", lang, rate=shown, project=rate_text(project_rate, lang)
        )
    return t("offers.indexation.project", lang, rate=shown)


__all__ = ["frame", "section"]
