"""Weights: each leaf criterion's global weight, and a workshop group's weights with their range."""

from __future__ import annotations

import pandas as pd

from erp_select.charts.spec import ChartSpec, field, frame_rows, layered, single, tooltip
from erp_select.charts.theme import OKABE_ITO, config, title_spec


def weights_chart(
    frame: pd.DataFrame, *, title: str, subtitle: str, weight_title: str, lang: str
) -> ChartSpec:
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
    ChartSpec
        One bar per leaf criterion.
    """
    families = list(dict.fromkeys(frame["family"]))
    colours = [OKABE_ITO[i % len(OKABE_ITO)] for i in range(len(families))]
    bars = {
        "mark": {"type": "bar"},
        "encoding": {
            "color": field(
                "family",
                "nominal",
                legend={"columns": 3, "orient": "bottom", "title": None},
                scale={"domain": families, "range": colours},
                sort=families,
            ),
            "tooltip": [
                tooltip("family", "nominal", " "),
                tooltip("criterion", "nominal", " "),
                tooltip("weight_text", "nominal", weight_title),
            ],
            "x": field("weight", "quantitative", axis={"format": "%"}, title=weight_title),
            "y": field("criterion", "nominal", sort=list(frame["criterion"]), title=None),
        },
    }
    return single(
        frame_rows(frame),
        bars,
        config(lang),
        height=max(120, 24 * len(frame)),
        title=title_spec(title, subtitle),
    )


def spread_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    weight_title: str,
    range_title: str,
    lang: str,
) -> ChartSpec:
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
    ChartSpec
        The group's bars, the participants' ranges and their end ticks.
    """
    y = field("criterion", "nominal", sort=list(frame["criterion"]), title=None)
    tips = [
        tooltip("criterion", "nominal", " "),
        tooltip("group_text", "nominal", weight_title),
        tooltip("range_text", "nominal", range_title),
    ]
    bars = {
        "mark": {"type": "bar", "color": OKABE_ITO[1], "opacity": 0.85},
        "encoding": {
            "tooltip": tips,
            "x": field("group", "quantitative", axis={"format": "%"}, title=weight_title),
            "y": y,
        },
    }
    spread = {
        "mark": {"type": "rule", "color": OKABE_ITO[5], "strokeWidth": 3},
        "encoding": {
            "tooltip": tips,
            "x": field("low", "quantitative"),
            "x2": {"field": "high"},
            "y": y,
        },
    }
    ends = {
        "mark": {"type": "tick", "color": OKABE_ITO[5], "size": 14, "thickness": 3},
        "encoding": {"tooltip": tips, "x": field("share", "quantitative"), "y": y},
        "transform": [{"fold": ["low", "high"], "as": ["end", "share"]}],
    }
    values = frame_rows(frame)
    return layered(
        [(values, bars), (values, spread), (values, ends)],
        config(lang),
        height=max(120, 36 * len(frame)),
        title=title_spec(title, subtitle),
    )
