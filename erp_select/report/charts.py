"""Turn the analyses' Altair charts into offline images: SVG ``data:`` URIs (HTML) or JPEG (PDF)."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from erp_select.i18n import normalise_lang, t
from erp_select.report.compute import ReportInputs
from erp_select.report.drawing import DrawFailure, Job, Kind, start_safe_drawing

#: Weight curves show at most this many vendors (plus any vendor that takes the lead).
MAX_CURVE_VENDORS = 6
#: Beyond this many vendors the method-agreement lines cannot be told apart: table only.
MAX_AGREEMENT_VENDORS = 12
#: Beyond this many vendors the SMAA heatmap's printed percentages overlap (two-digit
#: numbers in cells a few millimetres wide): the heatmap keeps its colours only (HTML and
#: PDF); the table below it gives the first ranks' shares, the XLSX all of them.
MAX_HEATMAP_LABEL_VENDORS = 12
#: Font used in every chart (installed with Debian's ``fonts-dejavu-core``).
CHART_FONT = "DejaVu Sans"


#: Contribution bars are drawn for at most this many vendors (the best ranked): beyond
#: that the bars are too thin to read on A4; the XLSX and the ranking table keep them all.
MAX_CONTRIBUTION_VENDORS = 15
#: Beyond this many vendors the value-for-money chart names only the efficient vendors
#: and the :data:`NAMED_VFM_TOP` best ranked (30 names over 30 points overlap).
MAX_NAMED_VFM_VENDORS = 12
NAMED_VFM_TOP = 3  # the size of the recommended shortlist
#: Weight curves are printed with every ``CURVE_STEP``-th point of the analysis grid (a
#: point per 1 % of weight): the roots and their diamonds are exact either way.
CURVE_STEP = 2
#: Scheme of the in-memory chart images handed to WeasyPrint (never a network URL).
IMAGE_SCHEME = "erp-select-chart:"


@dataclass(frozen=True)
class Chart:
    """One chart of the report: its id, caption and drawing.

    ``svg`` is the vector image as a ``data:`` URI (HTML), or an empty string when the
    chart was built for the PDF; ``jpeg`` the same drawing rasterised at
    :data:`~erp_select.report.drawing.PNG_SCALE` (PDF), or empty bytes when it was built
    for HTML. WeasyPrint embeds a JPEG as it is, whereas it decodes and re-compresses
    every PNG, and it draws Vega's SVG text by text, slower still. The PDF page names the
    JPEG by :attr:`pdf_src`, served from memory (a base64 ``data:`` URI of a large image
    costs seconds in WeasyPrint's HTML parser). ``width``/``height`` are the drawing's size
    in CSS pixels. ``error`` says why the chart could not be drawn (then there is no
    image, and the report prints that sentence in its place).
    """

    id: str
    caption: str
    svg: str
    jpeg: bytes
    width: int
    height: int
    error: str = ""

    @property
    def pdf_src(self) -> str:
        """The address of the JPEG in the PDF page (served by the offline fetcher)."""
        return IMAGE_SCHEME + self.id


#: Widest axis or legend label, in CSS pixels at :data:`LABEL_SIZE` (Vega-Lite's default
#: axis label limit); longer vendor and criterion names are shortened with "…".
LABEL_PX = 180.0
#: Font size of axis and legend labels, in CSS pixels.
LABEL_SIZE = 10


def _theme() -> dict[str, Any]:
    # labelLimit 0: the labels arrive already fitted (fit_label); Vega's own truncation
    # measures every label again and again through vl-convert's font lookup, which was
    # more than half of the drawing time of the stability and SMAA charts.
    return {
        "font": CHART_FONT,
        "background": "#ffffff",
        "title": {"font": CHART_FONT, "fontSize": 13, "subtitleFontSize": 10, "offset": 8},
        "axis": {
            "labelFont": CHART_FONT,
            "titleFont": CHART_FONT,
            "labelFontSize": LABEL_SIZE,
            "labelLimit": 0,
        },
        "legend": {
            "labelFont": CHART_FONT,
            "titleFont": CHART_FONT,
            "labelFontSize": LABEL_SIZE,
            "labelLimit": 0,
        },
        "view": {"stroke": None},
    }


@cache
def _label_font() -> Any:
    """DejaVu Sans at :data:`LABEL_SIZE` px (Pillow), or ``None`` if it is not installed."""
    from PIL import ImageFont

    try:  # basic layout: widths of Latin labels, no shaping library needed
        return ImageFont.truetype(
            "DejaVuSans.ttf", LABEL_SIZE, layout_engine=ImageFont.Layout.BASIC
        )
    except OSError:
        return None


def fit_label(text: str, px: float = LABEL_PX) -> str:
    """``text``, shortened with "…" to fit ``px`` pixels of DejaVu Sans at the label size.

    Measured with the font itself when it is installed, otherwise estimated at 0.62 em
    per character (wider than DejaVu Sans's average, so an estimate never overflows).
    """
    font = _label_font()

    def width(s: str) -> float:
        if font is not None:
            try:  # control characters (a tab, a newline in a name) measure as spaces
                return float(font.getlength("".join(" " if c < " " else c for c in s)))
            except (OSError, ValueError, RuntimeError):
                pass
        return 0.62 * LABEL_SIZE * len(s)

    if width(text) <= px:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if width(text[:mid].rstrip() + "…") <= px:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _drop_tooltips(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _drop_tooltips(v) for k, v in node.items() if k != "tooltip"}
    if isinstance(node, list):
        return [_drop_tooltips(v) for v in node]
    return node


def static_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """Return ``spec`` lightened for a still image: no tooltips, no unused data columns.

    A printed or embedded image shows no tooltip, so the tooltip channels go, and so do
    the data columns (often pre-formatted tooltip texts) that no remaining part of the
    spec names. A column is kept whenever its name occurs anywhere in the spec (fields,
    sorts, expressions), so nothing the drawing uses is lost.
    """
    body: dict[str, Any] = _drop_tooltips({k: v for k, v in spec.items() if k != "datasets"})
    datasets = spec.get("datasets")
    if isinstance(datasets, dict):
        text = json.dumps(body, ensure_ascii=False)
        slim: dict[str, Any] = {}
        for name, rows in datasets.items():
            if isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows):
                used = {k for r in rows for k in r if k in text}
                slim[name] = [{k: v for k, v in r.items() if k in used} for r in rows]
            else:
                slim[name] = rows
        body["datasets"] = slim
    return body


def _spec(chart: Any, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    # Altair validated the chart when it was built; re-validating a 30-vendor spec
    # against the Vega-Lite schema costs about a second per report.
    spec: dict[str, Any] = static_spec(_plain_dict(chart))
    spec["config"] = _merge(_merge(_theme(), spec.get("config") or {}), extra or {})
    spec["config"].pop("locale", None)
    return spec


def _plain_dict(chart: Any) -> dict[str, Any]:
    """``chart.to_dict()`` without schema validation (the chart was checked when built)."""
    spec: dict[str, Any] = chart.to_dict(validate=False)
    return spec


def _vl_options(lang: str | None) -> dict[str, Any]:
    from erp_select.explain.charts import locale_config

    return {"allowed_base_urls": [], "format_locale": locale_config(lang)["number"]}


def data_uri(data: bytes, media_type: str) -> str:
    """Return ``data`` as a base64 ``data:`` URI of ``media_type``."""
    return f"data:{media_type};base64," + base64.b64encode(data).decode("ascii")


def _stacked(chart: Any, width: int) -> Any:
    """Put side-by-side panels of a chart one above the other, each ``width`` wide."""
    spec = _plain_dict(chart)
    if "hconcat" in spec:
        panels = spec.pop("hconcat")
        for panel in panels:
            panel["width"] = width
        spec["vconcat"] = panels
    facet = spec.get("facet")
    if isinstance(facet, dict) and "column" in facet and isinstance(spec.get("spec"), dict):
        row = dict(facet["column"])
        row["header"] = {
            "labelAngle": 0,
            "labelOrient": "top",
            "labelAnchor": "start",
            "labelFontWeight": "bold",
            "labelFontSize": 11,
        }
        spec["facet"] = {"row": row}
        spec["spec"]["width"] = width
    return _Spec(spec)


class _Spec:
    """A ready Vega-Lite spec with the ``to_dict`` of an Altair chart."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self._spec = spec

    def to_dict(self, validate: bool = True) -> dict[str, Any]:
        return self._spec


def _without_text_layers(chart: Any) -> Any:
    """Drop the text layers of a layered chart (the numbers printed over heatmap cells)."""
    spec = _plain_dict(chart)
    layers = spec.get("layer")
    if isinstance(layers, list):
        kept = [layer for layer in layers if _mark_type(layer) != "text"]
        if kept:
            spec["layer"] = kept
    return _Spec(spec)


def _mark_type(layer: Any) -> str | None:
    mark = layer.get("mark") if isinstance(layer, dict) else None
    if isinstance(mark, dict):
        mark = mark.get("type")
    return mark if isinstance(mark, str) else None


def labels_for(inputs: ReportInputs, lang: str | None) -> dict[str, str]:
    """Display names by id: vendor names and criterion labels in ``lang``."""
    names = {v.id: v.name for v in inputs.project.vendors}
    for c in inputs.project.criteria.walk():
        names[c.id] = c.label.get(lang)
    return names


def _top_curves(inputs: ReportInputs, limit: int) -> Any:
    """The weight curves of the ``limit`` best-ranked vendors and of every vendor in a crossover.

    More lines than that cannot be told apart on a printed page. Every
    :data:`CURVE_STEP`-th grid point is kept (the crossovers are exact roots, kept apart).
    """
    import dataclasses

    result = inputs.curves
    assert result is not None  # only called when the curves were computed
    keep = set(inputs.order[:limit])
    cross = result.crossovers
    keep |= {str(x) for x in cross["winner_before"]} | {str(x) for x in cross["winner_after"]}
    curves = result.curves[result.curves["alternative"].isin(sorted(keep))]
    if CURVE_STEP > 1 and not curves.empty:
        grid = np.sort(curves["weight"].unique())
        kept = grid[::CURVE_STEP]
        if kept[-1] != grid[-1]:
            kept = np.append(kept, grid[-1])
        curves = curves[curves["weight"].isin(kept)]
    return dataclasses.replace(result, curves=curves.reset_index(drop=True))


def _top_contributions(contrib: Any, keep: Sequence[str]) -> Any:
    """``contrib`` restricted to the vendors in ``keep`` (every table indexed by vendor)."""
    import dataclasses

    import pandas as pd

    vendors = contrib.ranks.index
    chosen = vendors[vendors.astype(str).isin(list(keep))]
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(contrib):
        value = getattr(contrib, field.name)
        if isinstance(value, pd.DataFrame | pd.Series) and value.index.equals(vendors):
            changes[field.name] = value.loc[chosen]
    return dataclasses.replace(contrib, **changes)


@dataclass(frozen=True)
class _Planned:
    key: str
    caption: str
    job: Job


class ChartBatch:
    """Charts being drawn (see :func:`start_charts`); :meth:`charts` waits for them."""

    def __init__(self, planned: list[_Planned], lang: str | None = None) -> None:
        self._planned = planned
        self._lang = lang
        self._batch = start_safe_drawing([p.job for p in planned])

    def charts(self) -> dict[str, Chart]:
        """The charts by id, drawing in this process too until every one is done.

        A chart the renderer could not draw is a :class:`Chart` without image whose
        ``error`` names the chart and the renderer's reason, in the report's language.
        """
        out: dict[str, Chart] = {}
        for plan, drawing in zip(self._planned, self._batch.results(), strict=True):
            if isinstance(drawing, DrawFailure):
                error = t(
                    "hostile.chart_failed", self._lang, caption=plan.caption, reason=drawing.reason
                )
                out[plan.key] = Chart(plan.key, plan.caption, "", b"", 0, 0, error=error)
            elif drawing.kind == "svg":
                svg = data_uri(drawing.data, "image/svg+xml")
                out[plan.key] = Chart(
                    plan.key, plan.caption, svg, b"", drawing.width, drawing.height
                )
            else:
                out[plan.key] = Chart(
                    plan.key, plan.caption, "", drawing.data, drawing.width, drawing.height
                )
        return out


def build_charts(
    inputs: ReportInputs, lang: str | None, *, raster: bool = True
) -> dict[str, Chart]:
    """Build every chart the analyses allow, keyed by chart id.

    With ``raster`` each chart is drawn as JPEG only (for the PDF), otherwise as SVG only.
    The charts are drawn together, in the report's worker processes and this one.

    Ids: ``contributions``, ``value_for_money``, ``curves_<criterion>``, ``stability``,
    ``smaa``, ``agreement``. A chart whose analysis was skipped is absent.
    """
    return start_charts(inputs, lang, raster=raster).charts()


def start_charts(inputs: ReportInputs, lang: str | None, *, raster: bool = True) -> ChartBatch:
    """Plan every chart as :func:`build_charts` does and hand them to the drawing workers.

    The caller can do other work (hand more tasks to the workers) before
    :meth:`ChartBatch.charts`, which draws in this process too.
    """
    from erp_select.explain.charts import (
        agreement_ranks_chart,
        contributions_chart,
        value_for_money_chart,
    )
    from erp_select.sensitivity.curves import curves_chart
    from erp_select.sensitivity.smaa import smaa_heatmap
    from erp_select.sensitivity.stability import stability_chart

    code = normalise_lang(lang)
    full = labels_for(inputs, code)
    names = {key: fit_label(label) for key, label in full.items()}
    kind: Kind = "jpeg" if raster else "svg"
    planned: list[_Planned] = []

    def add(
        key: str,
        caption_key: str,
        chart: Any,
        extra: Mapping[str, Any] | None = None,
        **params: Any,
    ) -> None:
        caption = t(caption_key, code, **params)
        planned.append(_Planned(key, caption, Job(_spec(chart, extra), _vl_options(code), kind)))

    if inputs.contributions is not None:
        contrib = inputs.contributions
        caption_key = "report.chart.contributions"
        if len(inputs.order) > MAX_CONTRIBUTION_VENDORS:
            contrib = _top_contributions(contrib, inputs.order[:MAX_CONTRIBUTION_VENDORS])
            caption_key = "report.chart.contributions_top"
        add(
            "contributions",
            caption_key,
            _stacked(contributions_chart(contrib, names, code), 460),
            n=MAX_CONTRIBUTION_VENDORS,
        )
    if inputs.value_for_money is not None:
        vfm = inputs.value_for_money
        named = None
        caption_key = "report.chart.value_for_money"
        if len(vfm) > MAX_NAMED_VFM_VENDORS:
            efficient = [str(i) for i in vfm.index[vfm["efficient"].astype(bool)]]
            named = {*inputs.order[:NAMED_VFM_TOP], *efficient}
            caption_key = "report.chart.value_for_money_named"
        add(
            "value_for_money",
            caption_key,
            value_for_money_chart(
                vfm, names, code, named=named, method=inputs.analysis.method, benefit=inputs.benefit
            ),
            {"legend": {"orient": "bottom"}},
            n=NAMED_VFM_TOP,
        )
    if inputs.curves is not None:
        curves = _top_curves(inputs, MAX_CURVE_VENDORS)
        for crit in inputs.curve_criteria:
            add(
                f"curves_{crit}",
                "report.chart.curves",
                # the criterion is named in the titles (not truncated): its full label
                curves_chart(curves, crit, code, {**names, crit: full.get(crit, crit)}).properties(
                    width=440, height=220
                ),
                criterion=full.get(crit, crit),
                n=min(MAX_CURVE_VENDORS, len(inputs.order)),
            )
    if inputs.stability is not None:
        add(
            "stability",
            "report.chart.stability",
            stability_chart(inputs.stability, code, names).properties(width=440),
        )
    if inputs.smaa is not None:
        heatmap = smaa_heatmap(inputs.smaa, code, names).properties(width=360)
        if len(inputs.order) > MAX_HEATMAP_LABEL_VENDORS:
            heatmap = _without_text_layers(heatmap)
        add("smaa", "report.chart.smaa", heatmap)
    if inputs.agreement is not None and len(inputs.order) <= MAX_AGREEMENT_VENDORS:
        add(
            "agreement",
            "report.chart.agreement",
            agreement_ranks_chart(inputs.agreement, names, code),
        )
    return ChartBatch(planned, code)
