"""The stability chart as Altair built it before plain specs (tests reference)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from erp_select.charts.theme import INK, SERIES
from erp_select.i18n import t
from tests.charts.altair_reference.theme import chart_title, finish


def stability_chart(
    table: pd.DataFrame,
    lang: str | None = None,
    labels: Mapping[str, str] | None = None,
) -> Any:
    """Bars of each criterion's stability interval, current weight marked.

    Two bars per criterion: where the winner stays first, and where the whole top-k
    order stays unchanged.

    Parameters
    ----------
    table : DataFrame
        From :func:`erp_select.sensitivity.stability.stability_intervals`.
    lang : str, optional
    labels : mapping, optional
        Display label by criterion id.

    Returns
    -------
    altair.LayerChart
    """
    names = dict(labels or {})
    data = table.reset_index()
    data["label"] = data["criterion"].map(lambda c: names.get(c, c))
    winner_name = t("sensitivity.chart.winner_stays", lang)
    topk_name = t(
        "sensitivity.chart.topk_stays", lang, k=int(data["k"].iloc[0]) if len(data) else 3
    )
    long = pd.concat(
        [
            data.assign(kind=winner_name, low=data["winner_low"], high=data["winner_high"]),
            data.assign(kind=topk_name, low=data["topk_low"], high=data["topk_high"]),
        ],
        ignore_index=True,
    )
    criterion = t("sensitivity.chart.criterion", lang)
    y = alt.Y("label:N", title=criterion, sort=None)
    bars = (
        alt.Chart(long)
        .mark_bar(opacity=0.8)
        .encode(
            y=y,
            yOffset=alt.YOffset("kind:N"),
            x=alt.X("low:Q", title=t("sensitivity.chart.weight", lang))
            .axis(format="%")
            .scale(domain=[0, 1]),
            x2="high:Q",
            color=alt.Color("kind:N", title=None).scale(range=list(SERIES[:2])),
            tooltip=[
                alt.Tooltip("label:N", title=criterion),
                alt.Tooltip("kind:N", title=t("charts.what_stays", lang)),
                alt.Tooltip("low:Q", title=t("charts.from", lang), format=".1%"),
                alt.Tooltip("high:Q", title=t("charts.to", lang), format=".1%"),
            ],
        )
    )
    ticks = (
        alt.Chart(data)
        .mark_tick(color=INK, thickness=2, size=22)
        .encode(
            y=y,
            x="current_weight:Q",
            tooltip=[
                alt.Tooltip("label:N", title=criterion),
                alt.Tooltip(
                    "current_weight:Q",
                    title=t("charts.current_weight", lang),
                    format=".1%",
                ),
            ],
        )
    )
    chart = (bars + ticks).properties(
        title=chart_title(
            t("sensitivity.chart.stability_title", lang),
            t("sensitivity.chart.proportional_note", lang),
        ),
    )
    return finish(chart, lang)
