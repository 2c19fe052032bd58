"""Method agreement: each vendor's rank under each method, and their rank correlations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from erp_select.charts.theme import chart_title, finish, label, palette
from erp_select.explain.orientation import direction_text
from erp_select.i18n import fmt_number, t
from erp_select.sensitivity.agreement import AgreementResult


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
                    "vendor": label(labels, alt_id),
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
                "vendor": label(labels, alt_id),
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
        label(labels, str(a))
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
        title=chart_title(
            t("explain.chart.agree.title", lang), t("explain.chart.agree.subtitle", lang)
        ),
    )
    return finish(layered, lang)


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
        title=chart_title(t(title_key, lang), t("explain.chart.heat.subtitle", lang)),
    )
    return finish(layered, lang)
