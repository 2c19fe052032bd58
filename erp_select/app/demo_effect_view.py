"""What the scored demonstrations changed, on the Démonstrations page: values, then ranking."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from erp_select.app import compute, state, widgets
from erp_select.i18n import t
from erp_select.model import Project
from erp_select.report.sections.scoring import scoring_section


def effect_section(current: Project) -> None:
    """Each value the adopted demo rounds changed (before, with its evidence → agreed) and
    the ranking before vs after, as the report says it (one analysis, not recomputed here)."""
    if not current.demo_rounds:
        return
    lang = state.lang()
    section = scoring_section(compute.suite(current), lang)
    if section is None or not section["moves"]:
        return
    st.subheader(t("agreed.report.changes_title", lang))
    st.caption(section["changes_intro"])
    vendor = t("evalteam.report.col.vendor", lang)
    if section["changes"]:
        widgets.table(
            pd.DataFrame(
                {
                    vendor: [r["vendor"] for r in section["changes"]],
                    t("evalteam.report.col.criterion", lang): [
                        r["criterion"] for r in section["changes"]
                    ],
                    t("agreed.report.col_before", lang): [r["before"] for r in section["changes"]],
                    t("agreed.report.col_after", lang): [r["after"] for r in section["changes"]],
                }
            )
        )
    st.markdown(f"#### {t('agreed.report.moves_title', lang)}")
    st.caption(section["moves_intro"])
    moves = section["moves"]
    widgets.table(
        pd.DataFrame(
            {
                vendor: [m["vendor"] for m in moves],
                t("agreed.report.col_score_before", lang): [m["score_before"] for m in moves],
                t("agreed.report.col_rank_before", lang): [m["rank_before"] for m in moves],
                t("agreed.report.col_score_after", lang): [m["score_after"] for m in moves],
                t("agreed.report.col_rank_after", lang): [m["rank_after"] for m in moves],
            }
        )
    )
