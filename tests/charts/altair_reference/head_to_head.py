"""The head_to_head charts as Altair built them before plain specs (tests reference)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from erp_select.charts.theme import GREY, INK, OKABE_ITO
from erp_select.explain.contributions import HeadToHead
from erp_select.i18n import fmt_number, fmt_percent, t
from tests.charts.altair_reference.theme import chart_title, finish


def head_to_head_chart(h2h: HeadToHead, lang: str | None = None) -> Any:
    """Diverging bars of the per-criterion difference in contribution between two vendors.

    Parameters
    ----------
    h2h : HeadToHead
        From :func:`erp_select.explain.contributions.head_to_head`.
    lang : str, optional

    Returns
    -------
    altair.LayerChart
        One bar per criterion (positive: ``a`` better), coloured by who leads, sorted.
    """
    a_name = h2h.labels.get(h2h.a, h2h.a)
    b_name = h2h.labels.get(h2h.b, h2h.b)
    even = t("explain.chart.h2h.even", lang)
    table = h2h.table
    data = pd.DataFrame(
        {
            "criterion_label": table["label"].astype(str).to_numpy(),
            "difference": table["difference"].to_numpy(dtype=float),
            "leader": [
                a_name if d > 0 else (b_name if d < 0 else even) for d in table["difference"]
            ],
            "value_a_text": [fmt_number(float(v), lang, 2) for v in table["value_a"]],
            "value_b_text": [fmt_number(float(v), lang, 2) for v in table["value_b"]],
            "difference_text": [fmt_number(float(v), lang, 4) for v in table["difference"]],
            "weight_text": [fmt_percent(float(v), lang, 1) for v in table["weight"]],
        }
    )
    order = list(data["criterion_label"])
    diff_title = t("explain.chart.h2h.difference", lang)
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("difference:Q", title=diff_title, axis=alt.Axis(format=".3~r")),
            y=alt.Y("criterion_label:N", sort=order, title=t("explain.chart.criterion", lang)),
            color=alt.Color(
                "leader:N",
                scale=alt.Scale(
                    domain=[a_name, b_name, even], range=[OKABE_ITO[4], OKABE_ITO[0], GREY]
                ),
                title=t("explain.chart.h2h.leader", lang),
            ),
            tooltip=[
                alt.Tooltip("criterion_label:N", title=t("explain.chart.criterion", lang)),
                alt.Tooltip("weight_text:N", title=t("explain.chart.weight", lang)),
                alt.Tooltip("value_a_text:N", title=a_name),
                alt.Tooltip("value_b_text:N", title=b_name),
                alt.Tooltip("difference_text:N", title=diff_title),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color=INK).encode(x="x:Q")
    layered = alt.layer(bars, zero).properties(
        width=520,
        title=chart_title(
            t("explain.chart.h2h.title", lang, a=a_name, b=b_name),
            t("explain.chart.h2h.subtitle", lang, a=a_name, b=b_name),
        ),
    )
    return finish(layered, lang)
