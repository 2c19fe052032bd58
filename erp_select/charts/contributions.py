"""Contributions: each vendor's result split by criterion (stacked bars), and its table."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import pandas as pd

from erp_select.charts.spec import ChartSpec, field, frame_rows, single, tooltip
from erp_select.charts.theme import config, label, legend_spec, palette, title_spec
from erp_select.explain.contributions import Contributions, TopsisContributions
from erp_select.i18n import fmt_number, fmt_percent, t

#: Largest scaled magnitude grouped in floating point (beyond it, exact decimals decide).
_FLOAT_SAFE = 1e9
#: Distance from a rounding tie (in units of the last printed digit) below which the exact
#: decimal decides: far above the floating-point error of a scaled value under 1e9.
_TIE_MARGIN = 1e-6


def column_text(values: Any, fmt: Callable[[float], str], digits: int, scale: int = 0) -> list[str]:
    """Format a column of numbers, calling ``fmt`` once per distinct printed value.

    Babel rounds ``Decimal(str(x))`` scaled by ``10**scale`` to ``digits`` decimals (half
    to even, the default decimal context) and prints the sign apart. Two numbers with the
    same sign and the same rounded value therefore print the same, so the text of the
    first one is reused for the others. Exactly the text of ``fmt(x)`` for every ``x``,
    for a fraction of the calls when the column repeats values after rounding.

    The rounded values are found with NumPy for the numbers far from a rounding tie (where
    floating point and exact decimals round alike); a number near a tie, a very large one
    and a non-finite one go the exact way, one by one.

    Parameters
    ----------
    values : array-like of float
        The numbers.
    fmt : callable
        Formatter of one number, e.g. ``lambda x: fmt_number(x, lang, 2)``.
    digits : int
        Decimals ``fmt`` prints.
    scale : int
        Power of ten ``fmt`` multiplies by before rounding (2 for percentages).

    Returns
    -------
    list of str
        One text per value, in order.
    """
    x = np.asarray(values, dtype=float).ravel()
    out = np.empty(len(x), dtype=object)
    with np.errstate(invalid="ignore", over="ignore"):
        mag = np.abs(x) * 10.0 ** (digits + scale)
        tie = np.abs(mag - np.floor(mag) - 0.5)
    safe = np.isfinite(mag) & (mag < _FLOAT_SAFE) & (tie > _TIE_MARGIN)
    at = np.flatnonzero(safe)
    if len(at):
        keys = np.rint(mag[at]).astype(np.int64) * 2 + np.signbit(x[at])
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        texts = np.array([fmt(float(x[at[i]])) for i in first], dtype=object)
        out[at] = texts[inverse.ravel()]
    quantum = Decimal(1).scaleb(-digits)
    memo: dict[tuple[bool, Decimal] | float, str] = {}
    for i in np.flatnonzero(~safe).tolist():
        value = float(x[i])
        key: tuple[bool, Decimal] | float = value
        if math.isfinite(value):
            exact = Decimal(repr(value)).scaleb(scale)
            with contextlib.suppress(InvalidOperation):  # too many digits: no sharing
                key = (exact.is_signed(), abs(exact).quantize(quantum))
        text = memo.get(key)
        if text is None or not math.isfinite(value):
            text = fmt(value)
            memo[key] = text
        out[i] = text
    return list(out)


def contributions_frame(
    contrib: Contributions, labels: Mapping[str, str] | None = None, lang: str | None = None
) -> pd.DataFrame:
    """Return the tidy table behind :func:`contributions_chart`: one row per vendor × criterion.

    Built column by column (numpy repeats and tiles), the ``*_text`` columns formatted
    once per distinct printed value with :func:`column_text`.

    Parameters
    ----------
    contrib : WsmContributions or TopsisContributions
    labels : mapping, optional
        Display label by id.
    lang : str, optional

    Returns
    -------
    DataFrame
        Columns ``alternative``, ``vendor``, ``criterion``, ``criterion_label``, ``order``,
        ``side``, ``part``, ``share``, ``value``, ``weight``, ``score`` and their
        formatted ``*_text`` twins for tooltips.
    """
    if isinstance(contrib, TopsisContributions):
        sides = [
            (t("explain.chart.contrib.ideal", lang), contrib.ideal_terms, contrib.ideal_shares),
            (
                t("explain.chart.contrib.anti_ideal", lang),
                contrib.anti_ideal_terms,
                contrib.anti_ideal_shares,
            ),
        ]
    else:
        sides = [(t("explain.chart.contrib.part_wsm", lang), contrib.parts, contrib.shares)]
    alts = [str(a) for a in contrib.alternatives]
    crits = [str(c) for c in contrib.criteria]
    m, n, k = len(alts), len(crits), len(sides)
    values = contrib.values.to_numpy(dtype=float)
    weights = contrib.weights.to_numpy(dtype=float)
    scores = contrib.scores.to_numpy(dtype=float)
    parts = np.concatenate([p.to_numpy(dtype=float).ravel() for _, p, _ in sides])
    shares = np.concatenate([s.to_numpy(dtype=float).ravel() for _, _, s in sides])
    alt_idx = np.tile(np.repeat(np.arange(m), n), k)
    crit_idx = np.tile(np.arange(n), m * k)
    side_names = np.repeat(np.array([name for name, _, _ in sides], dtype=object), m * n)
    alt_arr = np.array(alts, dtype=object)
    crit_arr = np.array(crits, dtype=object)
    vendor_arr = np.array([label(labels, a) for a in alts], dtype=object)
    crit_label_arr = np.array([label(labels, c) for c in crits], dtype=object)
    value_col = np.tile(values.ravel(), k)
    weight_col = weights[crit_idx]
    score_col = scores[alt_idx]

    def number(digits: int) -> Callable[[float], str]:
        return lambda x: fmt_number(x, lang, digits)

    def percent(digits: int) -> Callable[[float], str]:
        return lambda x: fmt_percent(x, lang, digits)

    weight_text = np.array(column_text(weights, percent(1), 1, 2), dtype=object)
    score_text = np.array(column_text(scores, number(3), 3), dtype=object)
    return pd.DataFrame(
        {
            "alternative": alt_arr[alt_idx],
            "vendor": vendor_arr[alt_idx],
            "criterion": crit_arr[crit_idx],
            "criterion_label": crit_label_arr[crit_idx],
            "order": crit_idx.astype(np.int64),
            "side": side_names,
            "part": parts,
            "share": shares,
            "value": value_col,
            "weight": weight_col,
            "score": score_col,
            "part_text": column_text(parts, number(4), 4),
            "share_text": column_text(shares, percent(1), 1, 2),
            "value_text": column_text(value_col, number(2), 2),
            "weight_text": weight_text[crit_idx],
            "score_text": score_text[alt_idx],
        }
    )


def contributions_chart(
    contrib: Contributions, labels: Mapping[str, str] | None = None, lang: str | None = None
) -> ChartSpec:
    """Stacked bars: each vendor's result split by criterion.

    Parameters
    ----------
    contrib : WsmContributions or TopsisContributions
        From :func:`erp_select.explain.contributions.contributions`.
    labels : mapping, optional
        Display label by vendor or criterion id.
    lang : str, optional
        ``"fr"`` or ``"en"``.

    Returns
    -------
    ChartSpec
        WSM: one bar per vendor adding up to its score. TOPSIS: two panels, ``D⁺²`` and
        ``D⁻²`` split by criterion. Vendors sorted best first.
    """
    data = contributions_frame(contrib, labels, lang)
    vendor_order = [
        label(labels, a) for a in contrib.ranks.sort_values(kind="mergesort").index.astype(str)
    ]
    crit_labels = [label(labels, c) for c in contrib.criteria]
    is_topsis = isinstance(contrib, TopsisContributions)
    x_title = t(
        "explain.chart.contrib.part_topsis" if is_topsis else "explain.chart.contrib.part_wsm", lang
    )
    criterion = t("explain.chart.criterion", lang)
    bars = {
        "mark": {"type": "bar"},
        "encoding": {
            "color": field(
                "criterion_label",
                "nominal",
                legend=legend_spec(criterion, len(crit_labels)),
                scale={"domain": crit_labels, "range": palette(len(crit_labels))},
                sort=crit_labels,
            ),
            "order": field("order", "quantitative", sort="ascending"),
            "tooltip": [
                tooltip("vendor", "nominal", t("explain.chart.vendor", lang)),
                tooltip("criterion_label", "nominal", criterion),
                tooltip("value_text", "nominal", t("explain.chart.value", lang)),
                tooltip("weight_text", "nominal", t("explain.chart.weight", lang)),
                tooltip("part_text", "nominal", x_title),
                tooltip("share_text", "nominal", t("explain.chart.share", lang)),
            ],
            "x": field(
                "part", "quantitative", aggregate="sum", axis={"format": ".3~r"}, title=x_title
            ),
            "y": field(
                "vendor", "nominal", sort=vendor_order, title=t("explain.chart.vendor", lang)
            ),
        },
    }
    if is_topsis:
        sides = [
            t("explain.chart.contrib.ideal", lang),
            t("explain.chart.contrib.anti_ideal", lang),
        ]
        return single(
            frame_rows(data),
            {
                "facet": {"column": field("side", "nominal", sort=sides, title=None)},
                "spec": {**bars, "width": 260},
            },
            config(lang),
            resolve={"scale": {"x": "independent"}},
            title=title_spec(
                t("explain.chart.contrib.title_topsis", lang),
                t("explain.chart.contrib.subtitle_topsis", lang),
            ),
        )
    return single(
        frame_rows(data),
        bars,
        config(lang),
        title=title_spec(
            t("explain.chart.contrib.title_wsm", lang),
            t("explain.chart.contrib.subtitle_wsm", lang),
        ),
        width=520,
    )
