"""Weight curves: every vendor's score as one criterion's weight sweeps from 0 to 100 %."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from erp_select.charts.spec import ChartSpec, field, frame_rows, layered, rows, tooltip
from erp_select.charts.theme import INK, SERIES, config, title_spec
from erp_select.engine import method_info
from erp_select.explain.orientation import oriented_scores
from erp_select.i18n import fmt_percent, t
from erp_select.sensitivity.curves import WeightCurves


def curves_chart(
    result: WeightCurves,
    criterion: str,
    lang: str | None = None,
    labels: Mapping[str, str] | None = None,
) -> ChartSpec:
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
    ChartSpec
        The vendors' lines, the current weight's rule and the crossovers' diamonds.
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
    x = field("weight", "quantitative", axis={"format": "%"}, scale={"domain": [0, 1]})
    x["title"] = weight
    lines = {
        "mark": {"type": "line"},
        "encoding": {
            "color": field("vendor", "nominal", scale={"range": list(SERIES)}, title=vendor),
            "strokeDash": field("vendor", "nominal", title=vendor),
            "tooltip": [
                tooltip("vendor", "nominal", vendor),
                {**tooltip("weight", "quantitative", weight), "format": ".1%"},
                {**tooltip("shown", "quantitative", oriented.title), "format": ".3f"},
            ],
            "x": x,
            "y": field("shown", "quantitative", title=oriented.title),
        },
    }
    current = float(result.current_weights[criterion])
    current_tip = tooltip("weight", "quantitative", t("charts.current_weight", lang))
    rule = {
        "mark": {"type": "rule", "color": INK, "strokeDash": [4, 4]},
        "encoding": {
            "tooltip": [{**current_tip, "format": ".1%"}],
            "x": field("weight", "quantitative"),
        },
    }
    cross["winner"] = cross["winner_after"].map(lambda a: names.get(a, a))
    points = {
        "mark": {"type": "point", "color": INK, "filled": True, "shape": "diamond", "size": 90},
        "encoding": {
            "tooltip": [
                {**tooltip("weight", "quantitative", weight), "format": ".2%"},
                tooltip("winner", "nominal", t("charts.new_winner", lang)),
            ],
            "x": field("weight", "quantitative"),
            "y": field("shown", "quantitative"),
        },
    }
    subtitle = t(
        "sensitivity.chart.curves_subtitle",
        lang,
        criterion=crit_label,
        current=fmt_percent(current, lang, 1),
    )
    return layered(
        [
            (frame_rows(data), lines),
            (rows({"weight": [current]}), rule),
            (frame_rows(cross), points),
        ],
        config(lang),
        title=title_spec(t("sensitivity.chart.curves_title", lang, criterion=crit_label), subtitle),
    )
