"""The contributions chart as Altair built it before plain specs (tests reference)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt

from erp_select.charts.contributions import contributions_frame
from erp_select.charts.theme import label, palette
from erp_select.explain.contributions import Contributions, TopsisContributions
from erp_select.i18n import t
from tests.charts.altair_reference.theme import chart_title, every_entry, finish


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
        label(labels, a) for a in contrib.ranks.sort_values(kind="mergesort").index.astype(str)
    ]
    crit_labels = [label(labels, c) for c in contrib.criteria]
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
            legend=every_entry(t("explain.chart.criterion", lang), len(crit_labels)),
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
                title=chart_title(
                    t("explain.chart.contrib.title_topsis", lang),
                    t("explain.chart.contrib.subtitle_topsis", lang),
                ),
            )
            .resolve_scale(x="independent")
        )
        return finish(faceted, lang)
    return finish(
        chart.properties(
            width=520,
            title=chart_title(
                t("explain.chart.contrib.title_wsm", lang),
                t("explain.chart.contrib.subtitle_wsm", lang),
            ),
        ),
        lang,
    )
