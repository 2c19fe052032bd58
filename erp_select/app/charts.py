"""Plain charts the pages need and the core does not build: scores, weights, agreement.

They only draw numbers the core computed (no maths here), with the colour-blind-safe
Okabe–Ito colours and the language's number locale.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from erp_select.explain.charts import OKABE_ITO, locale_config
from erp_select.explain.orientation import oriented_scores
from erp_select.i18n import fmt_number


def _finish(chart: Any, title: str, subtitle: str, lang: str) -> Any:
    return (
        chart.properties(title=alt.TitleParams(text=title, subtitle=subtitle, anchor="start"))
        .configure(locale=locale_config(lang))
        .configure_view(stroke=None)
    )


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
        .mark_text(align="left", dx=4, color="#000000")
        .encode(
            x="bar:Q",
            y=alt.Y("vendor:N", sort=order, title=None),
            text="bar_text:N",
            tooltip=tooltip,
        )
    )
    return _finish(alt.layer(chart, text), title, subtitle, lang)


def weights_chart(
    frame: pd.DataFrame, *, title: str, subtitle: str, weight_title: str, lang: str
) -> Any:
    """Horizontal bars of the global weight of each leaf criterion, coloured by family.

    Parameters
    ----------
    frame : DataFrame
        Columns ``criterion`` (label), ``family`` (label), ``weight`` (share 0–1) and
        ``weight_text`` (formatted), in tree order.
    title, subtitle, weight_title : str
        Texts in the visitor's language.
    lang : str
        ``"fr"`` or ``"en"``.

    Returns
    -------
    altair.Chart
    """
    families = list(dict.fromkeys(frame["family"]))
    colours = [OKABE_ITO[i % len(OKABE_ITO)] for i in range(len(families))]
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("weight:Q", title=weight_title, axis=alt.Axis(format="%")),
            y=alt.Y("criterion:N", sort=list(frame["criterion"]), title=None),
            color=alt.Color(
                "family:N",
                sort=families,
                scale=alt.Scale(domain=families, range=colours),
                legend=alt.Legend(orient="bottom", title=None, columns=3),
            ),
            tooltip=[
                alt.Tooltip("family:N", title=" "),
                alt.Tooltip("criterion:N", title=" "),
                alt.Tooltip("weight_text:N", title=weight_title),
            ],
        )
        .properties(height=max(120, 24 * len(frame)))
    )
    return _finish(chart, title, subtitle, lang)


def spread_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    weight_title: str,
    range_title: str,
    lang: str,
) -> Any:
    """Each criterion's group weight (bar) with the range the participants gave (line).

    Parameters
    ----------
    frame : DataFrame
        Columns ``criterion`` (label), ``group``, ``low`` and ``high`` (shares 0–1, as
        the store's live view computed them), and ``group_text``/``range_text``
        (formatted), in the round's order.
    title, subtitle, weight_title, range_title : str
        Texts in the visitor's language.
    lang : str
        ``"fr"`` or ``"en"`` (axis number format).

    Returns
    -------
    altair.LayerChart
    """
    order = list(frame["criterion"])
    base = alt.Chart(frame).encode(y=alt.Y("criterion:N", sort=order, title=None))
    tooltip = [
        alt.Tooltip("criterion:N", title=" "),
        alt.Tooltip("group_text:N", title=weight_title),
        alt.Tooltip("range_text:N", title=range_title),
    ]
    bars = base.mark_bar(color=OKABE_ITO[1], opacity=0.85).encode(
        x=alt.X("group:Q", title=weight_title, axis=alt.Axis(format="%")), tooltip=tooltip
    )
    spread = base.mark_rule(color=OKABE_ITO[5], strokeWidth=3).encode(
        x="low:Q", x2="high:Q", tooltip=tooltip
    )
    ends = (
        base.transform_fold(["low", "high"], as_=["end", "share"])
        .mark_tick(color=OKABE_ITO[5], thickness=3, size=14)
        .encode(x="share:Q", tooltip=tooltip)
    )
    chart = alt.layer(bars, spread, ends).properties(height=max(120, 36 * len(frame)))
    return _finish(chart, title, subtitle, lang)
