"""The ranking chart as Altair built it before plain specs (the reference of the tests)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from erp_select.charts.theme import INK, OKABE_ITO
from erp_select.explain.orientation import oriented_scores
from erp_select.i18n import fmt_number
from tests.charts.altair_reference.theme import chart_title, finish


def ranking_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    score_title: str,
    lang: str,
    method: str | None = None,
) -> Any:
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
    altair.LayerChart
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
    tooltip = [
        alt.Tooltip("rank:Q", title="#"),
        alt.Tooltip("vendor:N", title=" "),
        alt.Tooltip("score_text:N", title=score_title),
    ]
    if axis_title != score_title:
        tooltip.append(alt.Tooltip("bar_text:N", title=axis_title))
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("bar:Q", title=axis_title),
            x2=alt.datum(baseline),
            y=alt.Y("vendor:N", sort=order, title=None),
            color=alt.Color(
                "leader:N",
                scale=alt.Scale(domain=[True, False], range=[OKABE_ITO[4], OKABE_ITO[1]]),
                legend=None,
            ),
            tooltip=tooltip,
        )
        .properties(height=max(120, 26 * len(frame)))
    )
    text = (
        alt.Chart(data)
        .mark_text(align="left", dx=4, color=INK)
        .encode(
            x="bar:Q",
            y=alt.Y("vendor:N", sort=order, title=None),
            text="bar_text:N",
            tooltip=tooltip,
        )
    )
    return finish(alt.layer(chart, text).properties(title=chart_title(title, subtitle)), lang)
