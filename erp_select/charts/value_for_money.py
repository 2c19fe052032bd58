"""Value for money: score against 5-year cost, the efficient vendors joined by a step line."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import numpy as np
import pandas as pd

from erp_select.charts.spec import ChartSpec, field, layered, rows, tooltip
from erp_select.charts.theme import GREY, OKABE_ITO, config, label, title_spec
from erp_select.explain.benefit import BenefitScore
from erp_select.explain.orientation import oriented_scores
from erp_select.i18n import fmt_money, fmt_number, fmt_percent, normalise_lang, t

#: Most vendors plotted: a long list (thousands of vendors) keeps its best-scored ones and
#: its frontier, so that the browser is not sent thousands of points.
MAX_POINTS = 200


def _capped(vfm: pd.DataFrame, plotted: Any, limit: int) -> Any:
    """Positions of the ``limit`` best plotted scores and of every efficient vendor."""
    best = set(pd.Series(plotted).nlargest(limit, keep="first").index.tolist())
    best.update(i for i, e in enumerate(vfm["efficient"].tolist()) if e)
    return sorted(best)


def value_for_money_chart(
    vfm: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    lang: str | None = None,
    currency: str = "EUR",
    named: Collection[str] | None = None,
    method: str | None = None,
    benefit: BenefitScore | None = None,
    costs_ranked: Mapping[str, str] | None = None,
    risk: Mapping[str, int] | None = None,
    limit: int = MAX_POINTS,
) -> ChartSpec:
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
    costs_ranked : mapping, optional
        By vendor id, the cost text of a vendor whose ranked cost differs from its quote
        (``"91 000 € → 201 300 € †"``, :func:`erp_select.evaluate.adjustments.cell_text`):
        its point stays at the quoted cost, its name and tooltip carry the mark.
    risk : mapping, optional
        By vendor id, the score of its highest risk (likelihood × impact, 0 to 25): the
        points are sized by it and the tooltip says it (default: one size for all).
    limit : int
        Most vendors plotted (default :data:`MAX_POINTS`): beyond it, the ``limit`` best
        plotted scores and every efficient vendor, and the subtitle says so.

    Returns
    -------
    ChartSpec
        A layered Vega-Lite chart: the frontier line, the points and their names.
    """
    marked = dict(costs_ranked or {})
    score_title = t("explain.chart.vfm.score", lang)
    subtitle: str | list[str] = t("explain.chart.vfm.subtitle", lang)
    if benefit is not None:
        score_title = t("analysis.vfm.score", lang)
        subtitle = benefit_subtitle(benefit, labels, lang)
    plotted = vfm["score"].to_numpy(dtype=float)
    axis_title = score_title
    if method is not None:
        oriented = oriented_scores(method, plotted, lang)
        if oriented.flipped:
            plotted, axis_title = oriented.values, oriented.title
    if len(vfm) > limit:
        keep = _capped(vfm, plotted, limit)
        subtitle = [
            *([subtitle] if isinstance(subtitle, str) else subtitle),
            t(
                "longlist.vfm_capped",
                lang,
                shown=fmt_number(limit, lang, 0),
                total=fmt_number(len(vfm), lang, 0),
            ),
        ]
        vfm, plotted = vfm.iloc[keep], plotted[keep]
    eff = t("explain.chart.vfm.efficient", lang)
    dom = t("explain.chart.vfm.dominated", lang)
    ids = [str(i) for i in vfm.index]
    costs = vfm["cost"].to_numpy(dtype=float)
    efficient = [bool(e) for e in vfm["efficient"]]
    # plain columns (a data frame here cost more than the rest of the chart)
    data: dict[str, Any] = {
        "alternative": ids,
        "vendor": [label(labels, i) + (" †" if i in marked else "") for i in ids],
        "cost": costs,
        "score": np.asarray(plotted, dtype=float),
        "status": [eff if e else dom for e in efficient],
        "cost_text": [
            marked.get(i) or fmt_money(float(c), lang, currency)
            for i, c in zip(ids, costs.tolist(), strict=True)
        ],
        "score_text": [fmt_number(float(s), lang, 3) for s in vfm["score"]],
        "dominated_by": [
            ", ".join(label(labels, k.strip()) for k in str(d).split(",") if k.strip())
            for d in vfm["dominated_by"]
        ],
    }
    if risk is not None:  # a vendor without a register counts 0
        data["risk"] = [int(risk.get(i, 0)) for i in ids]
    cost_title = t("explain.chart.vfm.cost", lang)
    scale = {"zero": False}
    x = field("cost", "quantitative", axis={"format": "$,.0f"}, scale=scale, title=cost_title)
    y = field("score", "quantitative", scale=scale, title=axis_title)
    status_title = t("explain.chart.vfm.status", lang)
    tips = [
        tooltip("vendor", "nominal", t("explain.chart.vendor", lang)),
        tooltip("cost_text", "nominal", cost_title),
        tooltip("score_text", "nominal", score_title),
        tooltip("status", "nominal", status_title),
        tooltip("dominated_by", "nominal", t("explain.chart.vfm.dominated_by", lang)),
    ]
    encoding: dict[str, Any] = {
        "color": field(
            "status",
            "nominal",
            scale={"domain": [eff, dom], "range": [OKABE_ITO[4], GREY]},
            title=status_title,
        ),
        "shape": field(
            "status", "nominal", scale={"domain": [eff, dom], "range": ["circle", "square"]}
        ),
        "tooltip": tips,
        "x": x,
        "y": y,
    }
    if risk is not None:  # sized by the highest risk (0 to 25), said in the tooltip
        risk_title = t("contract.chart.risk", lang)
        encoding["size"] = field(
            "risk", "quantitative", scale={"domain": [0, 25], "range": [40, 700]}, title=risk_title
        )
        tips.append(tooltip("risk", "quantitative", risk_title))
    points = {"mark": {"type": "point", "filled": True, "size": 90}, "encoding": encoding}
    every = rows(data)
    wanted = None if named is None else {str(n) for n in named}
    shown = every if wanted is None else [r for r in every if r["alternative"] in wanted]
    text = {
        "mark": {"type": "text", "align": "left", "dx": 7, "dy": -7},
        "encoding": {"text": field("vendor", "nominal"), "x": x, "y": y},
    }
    frontier = {
        "mark": {
            "type": "line",
            "color": OKABE_ITO[4],
            "interpolate": "step-after",
            "strokeDash": [4, 3],
        },
        "encoding": {"order": field("cost", "quantitative"), "x": x, "y": y},
    }
    # the efficient vendors by cost, then score (a stable sort, as the data frame's was)
    order = np.lexsort((data["score"], costs))
    frontier_rows = [every[int(i)] for i in order if efficient[int(i)]]
    return layered(
        [(frontier_rows, frontier), (every, points), (shown, text)],
        config(lang),
        height=340,
        title=title_spec(t("explain.chart.vfm.title", lang), subtitle),
        width=520,
    )


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
            f"« {label(labels, c)} »" if normalise_lang(lang) == "fr" else f"“{label(labels, c)}”"
            for c in benefit.cost_criteria
        ),
        share=fmt_percent(benefit.cost_share, lang, 0),
    )
