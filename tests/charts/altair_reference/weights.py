"""The weights charts as Altair built them before plain specs (tests reference)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from erp_select.charts.theme import OKABE_ITO
from tests.charts.altair_reference.theme import chart_title, finish


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
    return finish(chart.properties(title=chart_title(title, subtitle)), lang)


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
    return finish(chart.properties(title=chart_title(title, subtitle)), lang)
