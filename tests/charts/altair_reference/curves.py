"""The curves chart as Altair built it before plain specs (tests reference)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from erp_select.charts.theme import INK, SERIES
from erp_select.engine import method_info
from erp_select.explain.orientation import oriented_scores
from erp_select.i18n import fmt_percent, t
from erp_select.sensitivity.curves import WeightCurves
from tests.charts.altair_reference.theme import chart_title, finish


def curves_chart(
    result: WeightCurves,
    criterion: str,
    lang: str | None = None,
    labels: Mapping[str, str] | None = None,
) -> Any:
    """Lines of every vendor's score as ``criterion``'s weight sweeps 0→1.

    The current weight is a dashed rule; each change of winner is a diamond naming the new
    winner. Scores are oriented so that higher is better (the ranking bars' scale).

    Parameters
    ----------
    result : WeightCurves
        From :func:`erp_select.sensitivity.curves.weight_curves`.
    criterion : str
        Id of the criterion whose weight sweeps.
    lang : str, optional
    labels : mapping, optional
        Display label by criterion or vendor id.

    Returns
    -------
    altair.LayerChart
    """
    names = dict(labels or {})
    data = result.curves[result.curves["criterion"] == criterion].copy()
    data["vendor"] = data["alternative"].map(lambda a: names.get(a, a))
    cross = result.crossovers[result.crossovers["criterion"] == criterion].copy()
    # The same scale as the ranking bars (1 − VIKOR score…): the method's own score turned
    # so that higher is better, named on the axis.
    sign = 1.0 if method_info(result.method).higher_is_better else -1.0
    native = sign * np.concatenate(
        [data["utility"].to_numpy(dtype=float), cross["utility"].to_numpy(dtype=float)]
    )
    oriented = oriented_scores(
        result.method, native, lang, vendors=int(result.curves["alternative"].nunique())
    )
    data["shown"] = oriented.values[: len(data)]
    cross["shown"] = oriented.values[len(data) :]
    crit_label = names.get(criterion, criterion)
    vendor = t("sensitivity.chart.vendor", lang)
    weight = t("sensitivity.chart.weight_of", lang, criterion=crit_label)
    x = alt.X("weight:Q", title=weight).axis(format="%").scale(domain=[0, 1])
    lines = (
        alt.Chart(data)
        .mark_line()
        .encode(
            x=x,
            y=alt.Y("shown:Q", title=oriented.title),
            color=alt.Color("vendor:N", title=vendor).scale(range=list(SERIES)),
            strokeDash=alt.StrokeDash("vendor:N", title=vendor),
            tooltip=[
                alt.Tooltip("vendor:N", title=vendor),
                alt.Tooltip("weight:Q", title=weight, format=".1%"),
                alt.Tooltip("shown:Q", title=oriented.title, format=".3f"),
            ],
        )
    )
    current = float(result.current_weights[criterion])
    rule = (
        alt.Chart(pd.DataFrame({"weight": [current]}))
        .mark_rule(strokeDash=[4, 4], color=INK)
        .encode(
            x="weight:Q",
            tooltip=[alt.Tooltip("weight:Q", title=t("charts.current_weight", lang), format=".1%")],
        )
    )
    cross["winner"] = cross["winner_after"].map(lambda a: names.get(a, a))
    points = (
        alt.Chart(cross)
        .mark_point(shape="diamond", size=90, filled=True, color=INK)
        .encode(
            x="weight:Q",
            y="shown:Q",
            tooltip=[
                alt.Tooltip("weight:Q", title=weight, format=".2%"),
                alt.Tooltip("winner:N", title=t("charts.new_winner", lang)),
            ],
        )
    )
    subtitle = t(
        "sensitivity.chart.curves_subtitle",
        lang,
        criterion=crit_label,
        current=fmt_percent(current, lang, 1),
    )
    chart = (lines + rule + points).properties(
        title=chart_title(
            t("sensitivity.chart.curves_title", lang, criterion=crit_label), subtitle
        ),
    )
    return finish(chart, lang)
