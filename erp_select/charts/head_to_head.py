"""Head-to-head: the per-criterion difference in contribution between two vendors."""

from __future__ import annotations

import pandas as pd

from erp_select.charts.spec import ChartSpec, field, frame_rows, layered, rows, tooltip
from erp_select.charts.theme import GREY, INK, OKABE_ITO, config, title_spec
from erp_select.explain.contributions import HeadToHead
from erp_select.i18n import fmt_number, fmt_percent, t


def head_to_head_chart(h2h: HeadToHead, lang: str | None = None) -> ChartSpec:
    """Diverging bars of the per-criterion difference in contribution between two vendors.

    Parameters
    ----------
    h2h : HeadToHead
        From :func:`erp_select.explain.contributions.head_to_head`.
    lang : str, optional

    Returns
    -------
    ChartSpec
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
    criterion = t("explain.chart.criterion", lang)
    domain = {"domain": [a_name, b_name, even], "range": [OKABE_ITO[4], OKABE_ITO[0], GREY]}
    bars = {
        "mark": {"type": "bar"},
        "encoding": {
            "color": field(
                "leader", "nominal", scale=domain, title=t("explain.chart.h2h.leader", lang)
            ),
            "tooltip": [
                tooltip("criterion_label", "nominal", criterion),
                tooltip("weight_text", "nominal", t("explain.chart.weight", lang)),
                tooltip("value_a_text", "nominal", a_name),
                tooltip("value_b_text", "nominal", b_name),
                tooltip("difference_text", "nominal", diff_title),
            ],
            "x": field("difference", "quantitative", axis={"format": ".3~r"}, title=diff_title),
            "y": field("criterion_label", "nominal", sort=order, title=criterion),
        },
    }
    zero = {"mark": {"type": "rule", "color": INK}, "encoding": {"x": field("x", "quantitative")}}
    return layered(
        [(frame_rows(data), bars), (rows({"x": [0.0]}), zero)],
        config(lang),
        title=title_spec(
            t("explain.chart.h2h.title", lang, a=a_name, b=b_name),
            t("explain.chart.h2h.subtitle", lang, a=a_name, b=b_name),
        ),
        width=520,
    )
