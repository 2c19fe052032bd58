"""Stability intervals: the weight range of each criterion that keeps the winner first."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from erp_select.charts.spec import ChartSpec, field, frame_rows, layered, tooltip
from erp_select.charts.theme import INK, SERIES, config, title_spec
from erp_select.i18n import t


def stability_chart(
    table: pd.DataFrame,
    lang: str | None = None,
    labels: Mapping[str, str] | None = None,
) -> ChartSpec:
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
    ChartSpec
        The intervals' bars and the current weights' ticks.
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
    y = field("label", "nominal", sort=None, title=criterion)
    x = field("low", "quantitative", axis={"format": "%"}, scale={"domain": [0, 1]})
    x["title"] = t("sensitivity.chart.weight", lang)
    bars = {
        "mark": {"type": "bar", "opacity": 0.8},
        "encoding": {
            "color": field("kind", "nominal", scale={"range": list(SERIES[:2])}, title=None),
            "tooltip": [
                tooltip("label", "nominal", criterion),
                tooltip("kind", "nominal", t("charts.what_stays", lang)),
                {**tooltip("low", "quantitative", t("charts.from", lang)), "format": ".1%"},
                {**tooltip("high", "quantitative", t("charts.to", lang)), "format": ".1%"},
            ],
            "x": x,
            "x2": {"field": "high"},
            "y": y,
            "yOffset": field("kind", "nominal"),
        },
    }
    current = tooltip("current_weight", "quantitative", t("charts.current_weight", lang))
    ticks = {
        "mark": {"type": "tick", "color": INK, "size": 22, "thickness": 2},
        "encoding": {
            "tooltip": [tooltip("label", "nominal", criterion), {**current, "format": ".1%"}],
            "x": field("current_weight", "quantitative"),
            "y": y,
        },
    }
    return layered(
        [(frame_rows(long), bars), (frame_rows(data), ticks)],
        config(lang),
        title=title_spec(
            t("sensitivity.chart.stability_title", lang),
            t("sensitivity.chart.proportional_note", lang),
        ),
    )
