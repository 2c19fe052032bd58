"""Method agreement: each vendor's rank under each method, and their rank correlations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from erp_select.charts.spec import ChartSpec, field, frame_rows, layered, tooltip
from erp_select.charts.theme import config, label, palette, title_spec
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
) -> ChartSpec:
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
    ChartSpec
    """
    data = agreement_frame(result, labels, lang)
    method_order = list(dict.fromkeys(data["method_name"]))
    m = max(1, len(result.ranks.index))
    vendor_order = [
        label(labels, str(a))
        for a in result.consensus["consensus_rank"].sort_values(kind="mergesort").index
    ]
    x = field(
        "method_name", "nominal", sort=method_order, title=t("explain.chart.agree.method", lang)
    )
    y = field(
        "rank",
        "quantitative",
        axis={"format": "d", "values": list(range(1, m + 1))},
        scale={"domain": [1, m], "nice": False, "reverse": True},
        title=t("explain.chart.agree.rank", lang),
    )
    colour = field(
        "vendor",
        "nominal",
        scale={"domain": vendor_order, "range": palette(len(vendor_order))},
        sort=vendor_order,
        title=t("explain.chart.vendor", lang),
    )
    tips = [
        tooltip("vendor", "nominal", t("explain.chart.vendor", lang)),
        tooltip("method_name", "nominal", t("explain.chart.agree.method", lang)),
        tooltip("rank", "quantitative", t("explain.chart.agree.rank", lang)),
        tooltip("score_text", "nominal", t("explain.chart.agree.score", lang)),
        tooltip("direction", "nominal", t("verdict.chart.direction", lang)),
    ]
    lines = {
        "mark": {"type": "line", "opacity": 0.6},
        "encoding": {"color": colour, "x": x, "y": y},
    }
    dots = {
        "mark": {"type": "circle", "opacity": 1, "size": 110},
        "encoding": {"color": colour, "tooltip": tips, "x": x, "y": y},
    }
    values = frame_rows(data)
    return layered(
        [(values, lines), (values, dots)],
        config(lang),
        height=max(200, 28 * m),
        title=title_spec(
            t("explain.chart.agree.title", lang), t("explain.chart.agree.subtitle", lang)
        ),
        width=max(320, 70 * len(method_order)),
    )


def agreement_heatmap(
    result: AgreementResult, kind: str = "spearman", lang: str | None = None
) -> ChartSpec:
    """Heatmap of the rank correlation between every pair of methods.

    Parameters
    ----------
    result : AgreementResult
    kind : {"spearman", "kendall"}
    lang : str, optional

    Returns
    -------
    ChartSpec
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
    x = field("method_b", "nominal", sort=order, title=t("explain.chart.heat.method_b", lang))
    y = field("method_a", "nominal", sort=order, title=t("explain.chart.heat.method_a", lang))
    cells = {
        "mark": {"type": "rect"},
        "encoding": {
            "color": field(
                "value",
                "quantitative",
                scale={"domain": [-1, 1], "reverse": True, "scheme": "blueorange"},
                title=corr,
            ),
            "tooltip": [
                tooltip("method_a", "nominal", t("explain.chart.heat.method_a", lang)),
                tooltip("method_b", "nominal", t("explain.chart.heat.method_b", lang)),
                tooltip("value_text", "nominal", corr),
            ],
            "x": x,
            "y": y,
        },
    }
    text = {
        "mark": {"type": "text", "fontSize": 11},
        "encoding": {
            "color": {
                "condition": {
                    "test": "isValid(datum.value) && abs(datum.value) > 0.6",
                    "value": "white",
                },
                "value": "black",
            },
            "text": field("value_text", "nominal"),
            "x": x,
            "y": y,
        },
    }
    side = max(220, 46 * len(order))
    records = frame_rows(data)
    return layered(
        [(records, cells), (records, text)],
        config(lang),
        height=side,
        title=title_spec(t(title_key, lang), t("explain.chart.heat.subtitle", lang)),
        width=side,
    )
