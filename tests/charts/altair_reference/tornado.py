"""The tornado chart as Altair built it before plain specs (tests reference)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from erp_select.charts.theme import INK, SERIES
from erp_select.i18n import fmt_percent, t
from tests.charts.altair_reference.theme import chart_title, finish


def tornado_chart(
    table: pd.DataFrame,
    lang: str | None = None,
    labels: Mapping[str, str] | None = None,
    delta: float = 0.2,
) -> Any:
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
    altair.LayerChart
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
    y = alt.Y("label:N", title=criterion, sort=order)
    bars = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("margin:Q", title=margin),
            x2="base_margin:Q",
            color=alt.Color("side:N", title=None).scale(range=[SERIES[3], SERIES[0]]),
            tooltip=[
                alt.Tooltip("label:N", title=criterion),
                alt.Tooltip("side:N", title=t("charts.change", lang)),
                alt.Tooltip("moved:Q", title=t("sensitivity.chart.weight", lang), format=".1%"),
                alt.Tooltip("margin:Q", title=t("charts.lead", lang), format=".4f"),
            ],
        )
    )
    base = float(data["base_margin"].iloc[0]) if len(data) else 0.0
    rules = (
        alt.Chart(pd.DataFrame({"x": [base, 0.0], "kind": ["base", "zero"]}))
        .mark_rule(color=INK)
        .encode(
            x="x:Q",
            # named in the subtitle: solid, the current lead; dashed, zero
            strokeDash=alt.StrokeDash(
                "kind:N",
                legend=None,
                scale=alt.Scale(domain=["base", "zero"], range=[[1, 0], [4, 4]]),
            ),
        )
    )
    winner = str(data["winner"].iloc[0]) if len(data) else ""
    chart = (bars + rules).properties(
        title=chart_title(
            t("sensitivity.chart.tornado_title", lang, winner=names.get(winner, winner)),
            t("sensitivity.chart.tornado_subtitle", lang, delta=fmt_percent(delta, lang)),
        )
    )
    return finish(chart, lang)
