"""The smaa chart as Altair built it before plain specs (tests reference)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt

from erp_select.charts.theme import INK
from erp_select.i18n import fmt_number, t
from erp_select.sensitivity.smaa import SmaaResult
from tests.charts.altair_reference.theme import chart_title, finish


def smaa_heatmap(
    result: SmaaResult,
    lang: str | None = None,
    labels: Mapping[str, str] | None = None,
) -> Any:
    """Heatmap of rank acceptability (vendors × ranks), the shares written in the cells.

    Parameters
    ----------
    result : SmaaResult
        From :func:`erp_select.sensitivity.smaa.smaa`.
    lang : str, optional
    labels : mapping, optional
        Display label by vendor id.

    Returns
    -------
    altair.LayerChart
    """
    names = dict(labels or {})
    table = result.acceptability
    order = list(table.sort_values(by=list(table.columns), ascending=False).index)
    data = table.reset_index(names="alternative").melt(
        id_vars="alternative", var_name="rank", value_name="share"
    )
    data["vendor"] = data["alternative"].map(lambda a: names.get(a, a))
    data["rank"] = data["rank"].astype(int)
    data["text"] = data["share"].map(lambda s: fmt_number(100 * s, lang, 0) if s >= 0.005 else "")
    sort = [names.get(a, a) for a in order]
    vendor = t("sensitivity.chart.vendor", lang)
    rank = t("sensitivity.chart.rank", lang)
    share = t("sensitivity.chart.share", lang)
    base = alt.Chart(data).encode(
        x=alt.X("rank:O", title=rank, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("vendor:N", title=vendor, sort=sort),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("share:Q", title=share)
        .scale(scheme="viridis", domain=[0, 1])
        .legend(format="%"),
        tooltip=[
            alt.Tooltip("vendor:N", title=vendor),
            alt.Tooltip("rank:O", title=rank),
            alt.Tooltip("share:Q", title=share, format=".1%"),
        ],
    )
    text = base.mark_text(fontSize=11).encode(
        text="text:N",
        color=alt.condition("datum.share > 0.5", alt.value(INK), alt.value("#FFFFFF")),
    )
    n = fmt_number(result.n, lang, 0)
    if result.weight_model == "uniform" or result.concentration is None:
        subtitle = t("sensitivity.chart.smaa_subtitle_uniform", lang, n=n, seed=result.seed)
    else:
        c = float(result.concentration)
        subtitle = t(
            "sensitivity.chart.smaa_subtitle_dirichlet",
            lang,
            n=n,
            seed=result.seed,
            c=fmt_number(c, lang, 0 if c.is_integer() else 1),
        )
    chart = alt.layer(cells, text).properties(
        title=chart_title(t("sensitivity.chart.smaa_title", lang), subtitle),
    )
    return finish(chart, lang)
