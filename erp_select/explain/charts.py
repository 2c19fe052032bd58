"""Altair chart builders for contributions, head-to-head, value for money and method agreement.

Every builder returns an Altair chart value (never displays it) with titles and axis
labels in ``lang``, tooltip numbers pre-formatted with :mod:`erp_select.i18n`, and the
Vega number locale of the language (``config.locale``) so axes read ``1 234,5`` in
French. Criteria are coloured with the Okabe–Ito palette (colour-blind safe; beyond eight
criteria the colours of Paul Tol's "muted" scheme follow).
"""

from __future__ import annotations

import contextlib
import math
import textwrap
from collections.abc import Callable, Collection, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from erp_select.explain.benefit import BenefitScore
from erp_select.explain.contributions import (
    Contributions,
    HeadToHead,
    TopsisContributions,
)
from erp_select.explain.orientation import direction_text, oriented_scores
from erp_select.i18n import fmt_money, fmt_number, fmt_percent, normalise_lang, t
from erp_select.sensitivity.agreement import AgreementResult

OKABE_ITO: tuple[str, ...] = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#000000",
)
"""Okabe & Ito (2008), "Color Universal Design", the eight colour-blind-safe colours."""

_TOL_MUTED: tuple[str, ...] = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
)

_NUMBER_LOCALE: dict[str, dict[str, Any]] = {
    "fr": {
        "decimal": ",",
        "thousands": "\u202f",
        "grouping": [3],
        "currency": ["", "\u00a0€"],
        "percent": "\u202f%",
        "minus": "\u2212",
    },
    "en": {
        "decimal": ".",
        "thousands": ",",
        "grouping": [3],
        "currency": ["€", ""],
        "minus": "\u2212",
    },
}


def palette(n: int) -> list[str]:
    """Return ``n`` colours: Okabe–Ito first, then Tol's muted scheme, then repeating."""
    colours = list(OKABE_ITO) + list(_TOL_MUTED)
    return [colours[i % len(colours)] for i in range(n)]


def locale_config(lang: str | None) -> dict[str, Any]:
    """Return the Vega ``config.locale`` number format of ``lang``."""
    return {"number": _NUMBER_LOCALE[normalise_lang(lang)]}


def _finish(chart: Any, lang: str | None) -> Any:
    return chart.configure(locale=locale_config(lang)).configure_view(stroke=None)


#: Characters per line of a long chart subtitle (the value-for-money chart's).
SUBTITLE_WIDTH = 90


def _title(text: str, subtitle: str | None = None) -> alt.TitleParams:
    if subtitle:
        return alt.TitleParams(text=text, subtitle=subtitle, anchor="start")
    return alt.TitleParams(text=text, anchor="start")


def _label(labels: Mapping[str, str] | None, key: str) -> str:
    return (labels or {}).get(key, key)


# ------------------------------------------------------------------- contributions


def column_text(values: Any, fmt: Callable[[float], str], digits: int, scale: int = 0) -> list[str]:
    """Format a column of numbers, calling ``fmt`` once per distinct printed value.

    Babel rounds ``Decimal(str(x))`` scaled by ``10**scale`` to ``digits`` decimals (half
    to even, the default decimal context) and prints the sign apart. Two numbers with the
    same sign and the same rounded value therefore print the same, so the text of the
    first one is reused for the others. Exactly the text of ``fmt(x)`` for every ``x``,
    for a fraction of the calls when the column repeats values after rounding.

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
    quantum = Decimal(1).scaleb(-digits)
    memo: dict[tuple[bool, Decimal] | float, str] = {}
    out: list[str] = []
    for x in np.asarray(values, dtype=float).tolist():
        key: tuple[bool, Decimal] | float
        key = x
        if math.isfinite(x):
            exact = Decimal(repr(x)).scaleb(scale)
            with contextlib.suppress(InvalidOperation):  # too many digits: no sharing
                key = (exact.is_signed(), abs(exact).quantize(quantum))
        text = memo.get(key)
        if text is None or not math.isfinite(x):
            text = fmt(x)
            memo[key] = text
        out.append(text)
    return out


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
    vendor_arr = np.array([_label(labels, a) for a in alts], dtype=object)
    crit_label_arr = np.array([_label(labels, c) for c in crits], dtype=object)
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
) -> Any:
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
    altair.Chart or altair.FacetChart
        WSM: one bar per vendor adding up to its score. TOPSIS: two panels, ``D⁺²`` and
        ``D⁻²`` split by criterion. Vendors sorted best first.
    """
    data = contributions_frame(contrib, labels, lang)
    vendor_order = [
        _label(labels, a) for a in contrib.ranks.sort_values(kind="mergesort").index.astype(str)
    ]
    crit_labels = [_label(labels, c) for c in contrib.criteria]
    is_topsis = isinstance(contrib, TopsisContributions)
    x_title = t(
        "explain.chart.contrib.part_topsis" if is_topsis else "explain.chart.contrib.part_wsm", lang
    )
    base = alt.Chart(data).mark_bar()
    chart = base.encode(
        x=alt.X("sum(part):Q", title=x_title, axis=alt.Axis(format=".3~r")),
        y=alt.Y("vendor:N", sort=vendor_order, title=t("explain.chart.vendor", lang)),
        color=alt.Color(
            "criterion_label:N",
            sort=crit_labels,
            scale=alt.Scale(domain=crit_labels, range=palette(len(crit_labels))),
            title=t("explain.chart.criterion", lang),
        ),
        order=alt.Order("order:Q", sort="ascending"),
        tooltip=[
            alt.Tooltip("vendor:N", title=t("explain.chart.vendor", lang)),
            alt.Tooltip("criterion_label:N", title=t("explain.chart.criterion", lang)),
            alt.Tooltip("value_text:N", title=t("explain.chart.value", lang)),
            alt.Tooltip("weight_text:N", title=t("explain.chart.weight", lang)),
            alt.Tooltip("part_text:N", title=x_title),
            alt.Tooltip("share_text:N", title=t("explain.chart.share", lang)),
        ],
    )
    if is_topsis:
        sides = [
            t("explain.chart.contrib.ideal", lang),
            t("explain.chart.contrib.anti_ideal", lang),
        ]
        faceted = (
            chart.properties(width=260)
            .facet(
                column=alt.Column("side:N", sort=sides, title=None),
                title=_title(
                    t("explain.chart.contrib.title_topsis", lang),
                    t("explain.chart.contrib.subtitle_topsis", lang),
                ),
            )
            .resolve_scale(x="independent")
        )
        return _finish(faceted, lang)
    return _finish(
        chart.properties(
            width=520,
            title=_title(
                t("explain.chart.contrib.title_wsm", lang),
                t("explain.chart.contrib.subtitle_wsm", lang),
            ),
        ),
        lang,
    )


# --------------------------------------------------------------------- head-to-head


def head_to_head_chart(h2h: HeadToHead, lang: str | None = None) -> Any:
    """Diverging bars of the per-criterion difference in contribution between two vendors.

    Parameters
    ----------
    h2h : HeadToHead
        From :func:`erp_select.explain.contributions.head_to_head`.
    lang : str, optional

    Returns
    -------
    altair.LayerChart
        One bar per criterion (positive: ``a`` better), coloured by who leads, sorted.
    """
    a_name = h2h.labels.get(h2h.a, h2h.a)
    b_name = h2h.labels.get(h2h.b, h2h.b)
    even = t("explain.chart.h2h.even", lang)
    table = h2h.table
    data = pd.DataFrame(
        {
            "criterion_label": table["label"].astype(str).to_numpy(),
            "difference": table["difference"].to_numpy(dtype=float),
            "leader": [
                a_name if d > 0 else (b_name if d < 0 else even) for d in table["difference"]
            ],
            "value_a_text": [fmt_number(float(v), lang, 2) for v in table["value_a"]],
            "value_b_text": [fmt_number(float(v), lang, 2) for v in table["value_b"]],
            "difference_text": [fmt_number(float(v), lang, 4) for v in table["difference"]],
            "weight_text": [fmt_percent(float(v), lang, 1) for v in table["weight"]],
        }
    )
    order = list(data["criterion_label"])
    diff_title = t("explain.chart.h2h.difference", lang)
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("difference:Q", title=diff_title, axis=alt.Axis(format=".3~r")),
            y=alt.Y("criterion_label:N", sort=order, title=t("explain.chart.criterion", lang)),
            color=alt.Color(
                "leader:N",
                scale=alt.Scale(
                    domain=[a_name, b_name, even], range=["#0072B2", "#E69F00", "#999999"]
                ),
                title=t("explain.chart.h2h.leader", lang),
            ),
            tooltip=[
                alt.Tooltip("criterion_label:N", title=t("explain.chart.criterion", lang)),
                alt.Tooltip("weight_text:N", title=t("explain.chart.weight", lang)),
                alt.Tooltip("value_a_text:N", title=a_name),
                alt.Tooltip("value_b_text:N", title=b_name),
                alt.Tooltip("difference_text:N", title=diff_title),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color="#444444").encode(x="x:Q")
    layered = alt.layer(bars, zero).properties(
        width=520,
        title=_title(
            t("explain.chart.h2h.title", lang, a=a_name, b=b_name),
            t("explain.chart.h2h.subtitle", lang, a=a_name, b=b_name),
        ),
    )
    return _finish(layered, lang)


# ------------------------------------------------------------------ value for money


def value_for_money_chart(
    vfm: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    lang: str | None = None,
    currency: str = "EUR",
    named: Collection[str] | None = None,
    method: str | None = None,
    benefit: BenefitScore | None = None,
) -> Any:
    """Scatter of score against 5-year cost, the efficient frontier joined by a step line.

    Higher is better on the score axis for every method: with ``method`` a "lower is
    better" score is plotted oriented (:func:`erp_select.explain.orientation.oriented_scores`,
    ``1 − score`` for VIKOR) and the axis title says so; the tooltip keeps the own score.
    With ``benefit`` (the score ``vfm`` was built on), the vertical axis is the benefit
    score and the subtitle says which cost criteria were left out, with their weight.

    Parameters
    ----------
    vfm : DataFrame
        From :func:`erp_select.explain.contributions.value_for_money`.
    labels : mapping, optional
        Display label by vendor id.
    lang : str, optional
    currency : str
        ISO code for the tooltip amounts (the axis uses the language's euro format).
    named : collection of str, optional
        Ids of the vendors whose name is written beside their point (default: all). A
        printed chart of many vendors names a few: the names of 30 points overlap.
    method : str, optional
        Method key of the scores (default: scores taken as higher-is-better).
    benefit : BenefitScore, optional
        From :func:`erp_select.explain.benefit.benefit_score`.

    Returns
    -------
    altair.LayerChart
    """
    score_title = t("explain.chart.vfm.score", lang)
    subtitle = t("explain.chart.vfm.subtitle", lang)
    if benefit is not None:
        score_title = t("analysis.vfm.score", lang)
        subtitle = benefit_subtitle(benefit, labels, lang)
    plotted = vfm["score"].to_numpy(dtype=float)
    axis_title = score_title
    if method is not None:
        oriented = oriented_scores(method, plotted, lang)
        if oriented.flipped:
            plotted, axis_title = oriented.values, oriented.title
    eff = t("explain.chart.vfm.efficient", lang)
    dom = t("explain.chart.vfm.dominated", lang)
    data = pd.DataFrame(
        {
            "alternative": [str(i) for i in vfm.index],
            "vendor": [_label(labels, str(i)) for i in vfm.index],
            "cost": vfm["cost"].to_numpy(dtype=float),
            "score": plotted,
            "status": [eff if e else dom for e in vfm["efficient"]],
            "cost_text": [fmt_money(float(c), lang, currency) for c in vfm["cost"]],
            "score_text": [fmt_number(float(s), lang, 3) for s in vfm["score"]],
            "dominated_by": [
                ", ".join(_label(labels, k.strip()) for k in str(d).split(",") if k.strip())
                for d in vfm["dominated_by"]
            ],
        }
    )
    cost_title = t("explain.chart.vfm.cost", lang)
    x = alt.X(
        "cost:Q", title=cost_title, axis=alt.Axis(format="$,.0f"), scale=alt.Scale(zero=False)
    )
    y = alt.Y("score:Q", title=axis_title, scale=alt.Scale(zero=False))
    points = (
        alt.Chart(data)
        .mark_point(size=90, filled=True)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=[eff, dom], range=["#0072B2", "#999999"]),
                title=t("explain.chart.vfm.status", lang),
            ),
            shape=alt.Shape(
                "status:N", scale=alt.Scale(domain=[eff, dom], range=["circle", "square"])
            ),
            tooltip=[
                alt.Tooltip("vendor:N", title=t("explain.chart.vendor", lang)),
                alt.Tooltip("cost_text:N", title=cost_title),
                alt.Tooltip("score_text:N", title=score_title),
                alt.Tooltip("status:N", title=t("explain.chart.vfm.status", lang)),
                alt.Tooltip("dominated_by:N", title=t("explain.chart.vfm.dominated_by", lang)),
            ],
        )
    )
    shown = data if named is None else data[data["alternative"].isin([str(n) for n in named])]
    text = alt.Chart(shown).mark_text(align="left", dx=7, dy=-7).encode(x=x, y=y, text="vendor:N")
    frontier_data = data[data["status"] == eff].sort_values(["cost", "score"])
    frontier = (
        alt.Chart(frontier_data)
        .mark_line(interpolate="step-after", color="#0072B2", strokeDash=[4, 3])
        .encode(x=x, y=y, order="cost:Q")
    )
    layered = alt.layer(frontier, points, text).properties(
        width=520,
        height=340,
        title=alt.TitleParams(
            text=t("explain.chart.vfm.title", lang),
            # A long subtitle on one line would widen the chart's box and shrink the plot.
            subtitle=textwrap.wrap(subtitle, SUBTITLE_WIDTH),
            anchor="start",
        ),
    )
    return _finish(layered, lang)


def benefit_subtitle(
    benefit: BenefitScore, labels: Mapping[str, str] | None, lang: str | None
) -> str:
    """What the benefit score leaves out, and the share of the weight it had."""
    if not benefit.cost_criteria:
        return t("analysis.vfm.subtitle_no_cost", lang)
    return t(
        "analysis.vfm.subtitle",
        lang,
        criteria=", ".join(
            f"« {_label(labels, c)} »" if normalise_lang(lang) == "fr" else f"“{_label(labels, c)}”"
            for c in benefit.cost_criteria
        ),
        share=fmt_percent(benefit.cost_share, lang, 0),
    )


# ------------------------------------------------------------------ method agreement


def _method_names(result: AgreementResult, lang: str | None) -> dict[str, str]:
    """Method names in ``lang`` (the agreement table may have been built in another)."""
    from erp_select.engine import methods

    known = {info.key: info for info in methods()}
    stored = result.methods["name"].to_dict()
    return {
        str(k): known[str(k)].title(lang) if str(k) in known else str(stored[k])
        for k in result.methods.index
    }


def agreement_frame(
    result: AgreementResult, labels: Mapping[str, str] | None = None, lang: str | None = None
) -> pd.DataFrame:
    """Tidy ranks per method (plus the consensus), behind :func:`agreement_ranks_chart`.

    Returns
    -------
    DataFrame
        Columns ``alternative``, ``vendor``, ``method``, ``method_name``, ``rank``,
        ``score_text`` and ``direction`` (whether the method's own score is better when
        higher or lower: the ranks are plotted, the scores only shown on hover).
    """
    names = _method_names(result, lang)
    alts = [str(a) for a in result.ranks.index]
    rank_values = result.ranks.to_numpy(dtype=np.int64)
    score_values = result.scores.to_numpy(dtype=float)
    rows: list[dict[str, Any]] = []
    for j, key in enumerate(result.ranks.columns):
        for i, alt_id in enumerate(alts):
            rows.append(
                {
                    "alternative": alt_id,
                    "vendor": _label(labels, alt_id),
                    "method": str(key),
                    "method_name": str(names.get(key, key)),
                    "rank": int(rank_values[i, j]),
                    "score_text": fmt_number(float(score_values[i, j]), lang, 3),
                    "direction": direction_text(str(key), lang),
                }
            )
    consensus = t("explain.chart.agree.consensus", lang)
    cons_rank = result.consensus["consensus_rank"].to_numpy(dtype=np.int64)
    borda = result.consensus["borda"].to_numpy(dtype=float)
    for i, alt_id in enumerate(str(a) for a in result.consensus.index):
        rows.append(
            {
                "alternative": alt_id,
                "vendor": _label(labels, alt_id),
                "method": "consensus",
                "method_name": consensus,
                "rank": int(cons_rank[i]),
                "score_text": fmt_number(float(borda[i]), lang, 1),
                "direction": t("verdict.chart.higher", lang),
            }
        )
    return pd.DataFrame(rows)


def agreement_ranks_chart(
    result: AgreementResult, labels: Mapping[str, str] | None = None, lang: str | None = None
) -> Any:
    """Bump chart: each vendor's rank under each method, the consensus last.

    Parameters
    ----------
    result : AgreementResult
        From :func:`erp_select.sensitivity.agreement.method_agreement`.
    labels : mapping, optional
        Display label by vendor id.
    lang : str, optional

    Returns
    -------
    altair.LayerChart
    """
    data = agreement_frame(result, labels, lang)
    method_order = list(dict.fromkeys(data["method_name"]))
    m = max(1, len(result.ranks.index))
    vendor_order = [
        _label(labels, str(a))
        for a in result.consensus["consensus_rank"].sort_values(kind="mergesort").index
    ]
    x = alt.X("method_name:N", sort=method_order, title=t("explain.chart.agree.method", lang))
    y = alt.Y(
        "rank:Q",
        title=t("explain.chart.agree.rank", lang),
        scale=alt.Scale(domain=[1, m], reverse=True, nice=False),
        axis=alt.Axis(values=list(range(1, m + 1)), format="d"),
    )
    colour = alt.Color(
        "vendor:N",
        sort=vendor_order,
        scale=alt.Scale(domain=vendor_order, range=palette(len(vendor_order))),
        title=t("explain.chart.vendor", lang),
    )
    tooltip = [
        alt.Tooltip("vendor:N", title=t("explain.chart.vendor", lang)),
        alt.Tooltip("method_name:N", title=t("explain.chart.agree.method", lang)),
        alt.Tooltip("rank:Q", title=t("explain.chart.agree.rank", lang)),
        alt.Tooltip("score_text:N", title=t("explain.chart.agree.score", lang)),
        alt.Tooltip("direction:N", title=t("verdict.chart.direction", lang)),
    ]
    base = alt.Chart(data).encode(x=x, y=y, color=colour)
    lines = base.mark_line(opacity=0.6)
    dots = base.mark_circle(size=110, opacity=1).encode(tooltip=tooltip)
    layered = alt.layer(lines, dots).properties(
        width=max(320, 70 * len(method_order)),
        height=max(200, 28 * m),
        title=_title(t("explain.chart.agree.title", lang), t("explain.chart.agree.subtitle", lang)),
    )
    return _finish(layered, lang)


def agreement_heatmap(
    result: AgreementResult, kind: str = "spearman", lang: str | None = None
) -> Any:
    """Heatmap of the rank correlation between every pair of methods.

    Parameters
    ----------
    result : AgreementResult
    kind : {"spearman", "kendall"}
    lang : str, optional

    Returns
    -------
    altair.LayerChart
        Diverging colour scale on [−1, 1]; each cell labelled with the formatted value.
    """
    matrix = result.kendall if kind == "kendall" else result.spearman
    names = _method_names(result, lang)
    values = matrix.to_numpy(dtype=float)
    rows = []
    for i, a in enumerate(matrix.index):
        for j, b in enumerate(matrix.columns):
            value = float(values[i, j])
            rows.append(
                {
                    "method_a": str(names.get(a, a)),
                    "method_b": str(names.get(b, b)),
                    "value": value if np.isfinite(value) else None,
                    "value_text": fmt_number(value, lang, 2),
                }
            )
    data = pd.DataFrame(rows, columns=["method_a", "method_b", "value", "value_text"])
    order = [str(names.get(k, k)) for k in matrix.index]
    title_key = (
        "explain.chart.heat.title_kendall"
        if kind == "kendall"
        else "explain.chart.heat.title_spearman"
    )
    corr = t("explain.chart.heat.correlation", lang)
    base = alt.Chart(data).encode(
        x=alt.X("method_b:N", sort=order, title=t("explain.chart.heat.method_b", lang)),
        y=alt.Y("method_a:N", sort=order, title=t("explain.chart.heat.method_a", lang)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "value:Q",
            scale=alt.Scale(scheme="blueorange", domain=[-1, 1], reverse=True),
            title=corr,
        ),
        tooltip=[
            alt.Tooltip("method_a:N", title=t("explain.chart.heat.method_a", lang)),
            alt.Tooltip("method_b:N", title=t("explain.chart.heat.method_b", lang)),
            alt.Tooltip("value_text:N", title=corr),
        ],
    )
    text = base.mark_text(fontSize=11).encode(
        text="value_text:N",
        color=alt.condition(
            "isValid(datum.value) && abs(datum.value) > 0.6", alt.value("white"), alt.value("black")
        ),
    )
    side = max(220, 46 * len(order))
    layered = alt.layer(cells, text).properties(
        width=side,
        height=side,
        title=_title(t(title_key, lang), t("explain.chart.heat.subtitle", lang)),
    )
    return _finish(layered, lang)
