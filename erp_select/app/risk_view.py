"""The vendor page's risk register: one vendor's risks as a table in words."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from erp_select.app import widgets
from erp_select.explain.contract import risk_rows
from erp_select.i18n import t
from erp_select.model import VendorProfile
from erp_select.model.integrators import Integrator

COLUMNS = ("description", "likelihood", "impact", "score", "mitigation", "owner")


def show_risks(vendor: VendorProfile | Integrator, lang: str) -> None:
    """Draw a vendor's or an integrator's risk register, highest score first (or say none)."""
    st.markdown(f"**{t('contract.risk.app_title', lang)}**")
    st.caption(t("contract.risk.app_help", lang))
    rows = risk_rows(vendor.risks, lang)
    if not rows:
        st.info(t("contract.risk.app_none", lang))
        return
    frame = pd.DataFrame(
        [
            [
                r["description"],
                r["likelihood"],
                r["impact"],
                r["score"],
                r["mitigation"],
                r["owner"],
            ]
            for r in rows
        ],
        columns=[t(f"contract.risk.col.{c}", lang) for c in COLUMNS],
    )
    widgets.table(frame)
