"""The vendor page's integrators: each partner's facts in words, who it deploys, its risks."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from erp_select.app import widgets
from erp_select.app.risk_view import show_risks
from erp_select.i18n import t
from erp_select.model import Project
from erp_select.model.integrators import Integrator
from erp_select.words import Words


def deployed_by(current: Project, integrator: Integrator) -> list[str]:
    """The names of the vendors the integrator deploys (listed, or named by an offer)."""
    return [
        v.name
        for v in current.vendors
        if integrator.id in v.integrators or any(o.integrator == integrator.id for o in v.offers)
    ]


def facts_frame(integrator: Integrator, words: Words, lang: str) -> pd.DataFrame:
    """The integrator's facts as a table in words: fact, value, evidence, source."""
    columns = [
        t(f"offers.integrators.col.{c}", lang) for c in ("fact", "value", "evidence", "source")
    ]
    rows = [
        [
            words.fact(fact_id),
            words.value(fact_id, fact.value, fact.unit),
            words.evidence(fact.evidence) if fact.evidence else "",
            fact.source or "",
        ]
        for fact_id, fact in integrator.facts.items()
    ]
    return pd.DataFrame(rows, columns=columns)


def section(current: Project, lang: str) -> None:
    """Draw every integrator of the project, in an expander each."""
    st.subheader(t("offers.integrators.title", lang))
    st.caption(t("offers.integrators.help", lang))
    words = Words(lang, current.criteria)
    for integrator in current.integrators:
        with st.expander(integrator.name):
            vendors = deployed_by(current, integrator)
            st.caption(
                t("offers.integrators.deploys", lang, vendors=words.join(vendors))
                if vendors
                else t("offers.integrators.deploys_none", lang)
            )
            widgets.table(facts_frame(integrator, words, lang))
            show_risks(integrator, lang)
