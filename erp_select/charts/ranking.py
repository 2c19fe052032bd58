"""The ranking: each vendor's score as a bar, best first, the leader in its own colour."""

from __future__ import annotations

import pandas as pd

from erp_select.charts.spec import ChartSpec, field, frame_rows, layered, tooltip
from erp_select.charts.theme import INK, OKABE_ITO, config, title_spec
from erp_select.explain.orientation import oriented_scores
from erp_select.i18n import fmt_number


def ranking_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    score_title: str,
    lang: str,
    method: str | None = None,
) -> ChartSpec:
    """Horizontal bars of each vendor's score, best first, the leader in a second colour.

    The longest bar is always the best: with ``method`` the bars show the core's oriented
    scores (:func:`erp_select.explain.orientation.oriented_scores`: ``1 − score`` for
    VIKOR…), the axis title saying what they are; every bar starts at the same baseline.

    Parameters
    ----------
    frame : DataFrame
        Columns ``vendor`` (label), ``score`` (number), ``score_text`` (formatted),
        ``rank`` (1 = best) and ``leader`` (bool), in rank order.
    title, subtitle, score_title : str
        Texts in the visitor's language (``score_title`` names the method's own score).
    lang : str
        ``"fr"`` or ``"en"`` (axis number format).
    method : str, optional
        Method key of the scores (default: scores taken as higher-is-better, as drawn).

    Returns
    -------
    ChartSpec
        A layered Vega-Lite chart: the bars and their values.
    """
    order = list(frame["vendor"])
    data = frame.copy()
    axis_title = score_title
    if method is not None:
        oriented = oriented_scores(method, data["score"].to_numpy(dtype=float), lang)
        data["bar"] = oriented.values
        baseline = oriented.baseline
        axis_title = oriented.title
    else:
        data["bar"] = data["score"].astype(float)
        baseline = min(0.0, float(data["bar"].min())) if len(data) else 0.0
    data["bar_text"] = [fmt_number(float(v), lang, 3) for v in data["bar"]]
    tips = [
        tooltip("rank", "quantitative", "#"),
        tooltip("vendor", "nominal", " "),
        tooltip("score_text", "nominal", score_title),
    ]
    if axis_title != score_title:
        tips.append(tooltip("bar_text", "nominal", axis_title))
    y = field("vendor", "nominal", sort=order, title=None)
    colour = {"domain": [True, False], "range": [OKABE_ITO[4], OKABE_ITO[1]]}
    bars = {
        "mark": {"type": "bar"},
        "encoding": {
            "color": field("leader", "nominal", legend=None, scale=colour),
            "tooltip": tips,
            "x": field("bar", "quantitative", title=axis_title),
            "x2": {"datum": float(baseline)},
            "y": y,
        },
    }
    text = {
        "mark": {"type": "text", "align": "left", "color": INK, "dx": 4},
        "encoding": {
            "text": field("bar_text", "nominal"),
            "tooltip": tips,
            "x": field("bar", "quantitative"),
            "y": y,
        },
    }
    values = frame_rows(data)
    return layered(
        [(values, bars), (values, text)],
        config(lang),
        height=max(120, 26 * len(frame)),
        title=title_spec(title, subtitle),
    )
