"""Tornado: the winner's lead when each weight moves down or up by a relative step."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from erp_select.charts.spec import ChartSpec, field, frame_rows, layered, rows, tooltip
from erp_select.charts.theme import INK, SERIES, config, title_spec
from erp_select.i18n import fmt_percent, t


def tornado_chart(
    table: pd.DataFrame,
    lang: str | None = None,
    labels: Mapping[str, str] | None = None,
    delta: float = 0.2,
) -> ChartSpec:
    """Bars from the winner's current lead to its lead at −delta and +delta of each weight.

    Parameters
    ----------
    table : DataFrame
        From :func:`erp_select.sensitivity.tornado.tornado`.
    lang : str, optional
    labels : mapping, optional
        Display label by criterion or vendor id.
    delta : float
        The relative step the table was computed with.

    Returns
    -------
    ChartSpec
        The bars of each weight's two moves and the rules of the current lead and zero.
    """
    names = dict(labels or {})
    data = table.copy()
    data["label"] = data["criterion"].map(lambda c: names.get(c, c))
    minus = t("sensitivity.chart.weight_minus", lang, delta=fmt_percent(delta, lang))
    plus = t("sensitivity.chart.weight_plus", lang, delta=fmt_percent(delta, lang))
    long = pd.concat(
        [
            data.assign(side=minus, margin=data["margin_low"], moved=data["weight_low"]),
            data.assign(side=plus, margin=data["margin_high"], moved=data["weight_high"]),
        ],
        ignore_index=True,
    )
    order = list(data["label"])
    criterion = t("sensitivity.chart.criterion", lang)
    margin = t("sensitivity.chart.margin", lang)
    y = field("label", "nominal", sort=order, title=criterion)
    bars = {
        "mark": {"type": "bar"},
        "encoding": {
            "color": field("side", "nominal", scale={"range": [SERIES[3], SERIES[0]]}, title=None),
            "tooltip": [
                tooltip("label", "nominal", criterion),
                tooltip("side", "nominal", t("charts.change", lang)),
                {
                    **tooltip("moved", "quantitative", t("sensitivity.chart.weight", lang)),
                    "format": ".1%",
                },
                {**tooltip("margin", "quantitative", t("charts.lead", lang)), "format": ".4f"},
            ],
            "x": field("margin", "quantitative", title=margin),
            "x2": {"field": "base_margin"},
            "y": y,
        },
    }
    base = float(data["base_margin"].iloc[0]) if len(data) else 0.0
    # named in the subtitle: solid, the current lead; dashed, zero
    dash = {"domain": ["base", "zero"], "range": [[1, 0], [4, 4]]}
    rules = {
        "mark": {"type": "rule", "color": INK},
        "encoding": {
            "strokeDash": field("kind", "nominal", legend=None, scale=dash),
            "x": field("x", "quantitative"),
        },
    }
    winner = str(data["winner"].iloc[0]) if len(data) else ""
    return layered(
        [(frame_rows(long), bars), (rows({"x": [base, 0.0], "kind": ["base", "zero"]}), rules)],
        config(lang),
        title=title_spec(
            t("sensitivity.chart.tornado_title", lang, winner=names.get(winner, winner)),
            t("sensitivity.chart.tornado_subtitle", lang, delta=fmt_percent(delta, lang)),
        ),
    )
