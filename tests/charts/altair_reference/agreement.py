"""The agreement charts as Altair built them before plain specs (tests reference)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from erp_select.charts.agreement import _method_names, agreement_frame
from erp_select.charts.theme import label, palette
from erp_select.i18n import fmt_number, t
from erp_select.sensitivity.agreement import AgreementResult
from tests.charts.altair_reference.theme import chart_title, finish


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
