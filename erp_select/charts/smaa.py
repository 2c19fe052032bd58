"""SMAA-2 rank acceptability: how often each vendor takes each rank (a heatmap)."""

from __future__ import annotations

from collections.abc import Mapping

from erp_select.charts.spec import ChartSpec, field, frame_rows, layered, tooltip
from erp_select.charts.theme import INK, config, title_spec
from erp_select.i18n import fmt_number, t
from erp_select.sensitivity.smaa import SmaaResult


def smaa_heatmap(
    result: SmaaResult,
    lang: str | None = None,
    labels: Mapping[str, str] | None = None,
) -> ChartSpec:
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
    ChartSpec
        The coloured cells and the shares written in them.
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
    x = field("rank", "ordinal", axis={"labelAngle": 0}, title=rank)
    y = field("vendor", "nominal", sort=sort, title=vendor)
    cells = {
        "mark": {"type": "rect"},
        "encoding": {
            "color": field(
                "share",
                "quantitative",
                legend={"format": "%"},
                scale={"scheme": "viridis", "domain": [0, 1]},
                title=share,
            ),
            "tooltip": [
                tooltip("vendor", "nominal", vendor),
                tooltip("rank", "ordinal", rank),
                {**tooltip("share", "quantitative", share), "format": ".1%"},
            ],
            "x": x,
            "y": y,
        },
    }
    text = {
        "mark": {"type": "text", "fontSize": 11},
        "encoding": {
            "color": {"condition": {"test": "datum.share > 0.5", "value": INK}, "value": "#FFFFFF"},
            "text": field("text", "nominal"),
            "x": x,
            "y": y,
        },
    }
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
    values = frame_rows(data)
    return layered(
        [(values, cells), (values, text)],
        config(lang),
        title=title_spec(t("sensitivity.chart.smaa_title", lang), subtitle),
    )
