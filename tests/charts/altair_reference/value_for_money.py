"""The value-for-money chart as Altair built it before plain specs (tests reference)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import altair as alt
import pandas as pd

from erp_select.charts.theme import GREY, OKABE_ITO, label
from erp_select.explain.benefit import BenefitScore
from erp_select.explain.orientation import oriented_scores
from erp_select.i18n import fmt_money, fmt_number, fmt_percent, normalise_lang, t
from tests.charts.altair_reference.theme import chart_title, finish


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
    costs_ranked : mapping, optional
        By vendor id, the cost text of a vendor whose ranked cost differs from its quote
        (``"91 000 € → 201 300 € †"``, :func:`erp_select.evaluate.adjustments.cell_text`):
        its point stays at the quoted cost, its name and tooltip carry the mark.
    risk : mapping, optional
        By vendor id, the score of its highest risk (likelihood × impact, 0 to 25): the
        points are sized by it and the tooltip says it (default: one size for all).

    Returns
    -------
    altair.LayerChart
    """
    marked = dict(costs_ranked or {})
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
            "vendor": [
                label(labels, str(i)) + (" †" if str(i) in marked else "") for i in vfm.index
            ],
            "cost": vfm["cost"].to_numpy(dtype=float),
            "score": plotted,
            "status": [eff if e else dom for e in vfm["efficient"]],
            "cost_text": [
                marked.get(str(i)) or fmt_money(float(c), lang, currency)
                for i, c in zip(vfm.index, vfm["cost"], strict=True)
            ],
            "score_text": [fmt_number(float(s), lang, 3) for s in vfm["score"]],
            "dominated_by": [
                ", ".join(label(labels, k.strip()) for k in str(d).split(",") if k.strip())
                for d in vfm["dominated_by"]
            ],
        }
    )
    if risk is not None:  # a vendor without a register counts 0
        data["risk"] = [int(risk.get(str(i), 0)) for i in vfm.index]
    cost_title = t("explain.chart.vfm.cost", lang)
    x = alt.X(
        "cost:Q", title=cost_title, axis=alt.Axis(format="$,.0f"), scale=alt.Scale(zero=False)
    )
    y = alt.Y("score:Q", title=axis_title, scale=alt.Scale(zero=False))
    tips = [
        alt.Tooltip("vendor:N", title=t("explain.chart.vendor", lang)),
        alt.Tooltip("cost_text:N", title=cost_title),
        alt.Tooltip("score_text:N", title=score_title),
        alt.Tooltip("status:N", title=t("explain.chart.vfm.status", lang)),
        alt.Tooltip("dominated_by:N", title=t("explain.chart.vfm.dominated_by", lang)),
    ]
    sized: dict[str, Any] = {}
    if risk is not None:  # sized by the highest risk (0 to 25), said in the tooltip
        risk_title = t("contract.chart.risk", lang)
        sized["size"] = alt.Size(
            "risk:Q", scale=alt.Scale(domain=[0, 25], range=[40, 700]), title=risk_title
        )
        tips.append(alt.Tooltip("risk:Q", title=risk_title))
    points = (
        alt.Chart(data)
        .mark_point(size=90, filled=True)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=[eff, dom], range=[OKABE_ITO[4], GREY]),
                title=t("explain.chart.vfm.status", lang),
            ),
            shape=alt.Shape(
                "status:N", scale=alt.Scale(domain=[eff, dom], range=["circle", "square"])
            ),
            tooltip=tips,
            **sized,
        )
    )
    shown = data if named is None else data[data["alternative"].isin([str(n) for n in named])]
    text = alt.Chart(shown).mark_text(align="left", dx=7, dy=-7).encode(x=x, y=y, text="vendor:N")
    frontier_data = data[data["status"] == eff].sort_values(["cost", "score"])
    frontier = (
        alt.Chart(frontier_data)
        .mark_line(interpolate="step-after", color=OKABE_ITO[4], strokeDash=[4, 3])
        .encode(x=x, y=y, order="cost:Q")
    )
    layered = alt.layer(frontier, points, text).properties(
        width=520,
        height=340,
        title=chart_title(t("explain.chart.vfm.title", lang), subtitle),
    )
    return finish(layered, lang)


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
