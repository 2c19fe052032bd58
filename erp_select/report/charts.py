"""Turn the analyses' Altair charts into offline images (SVG or JPEG) embedded as ``data:`` URIs."""

from __future__ import annotations

import base64
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from erp_select.i18n import normalise_lang, t
from erp_select.report.compute import ReportInputs

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


#: Raster charts (for the PDF) are drawn at this multiple of their CSS size (96 px per
#: inch): at least 154 dots per inch, more for a chart scaled down to the page width;
#: plenty for these charts on A4 (drawing cost grows with the square of the scale).
PNG_SCALE = 1.6
#: JPEG quality of the raster charts; chroma is not subsampled so thin coloured lines and
#: small text keep their colour.
JPEG_QUALITY = 92


@dataclass(frozen=True)
class Chart:
    """One chart of the report: its id, caption and image as ``data:`` URIs.

    ``svg`` is the vector image (HTML), or an empty string when the chart was built for
    the PDF only; ``raster`` the same drawing rasterised at :data:`PNG_SCALE` as JPEG (PDF),
    or an empty string when the chart was built for HTML only. WeasyPrint embeds a JPEG
    as it is, whereas it decodes and re-compresses every PNG (seconds for the seven
    charts of a 30-vendor report), and it draws Vega's SVG text by text, slower still.
    ``width``/``height`` are the drawing's size in CSS pixels.
    """

    id: str
    caption: str
    svg: str
    raster: str
    width: int
    height: int


def _theme() -> dict[str, Any]:
    return {
        "font": CHART_FONT,
        "background": "#ffffff",
        "title": {"font": CHART_FONT, "fontSize": 13, "subtitleFontSize": 10, "offset": 8},
        "axis": {"labelFont": CHART_FONT, "titleFont": CHART_FONT, "labelFontSize": 10},
        "legend": {"labelFont": CHART_FONT, "titleFont": CHART_FONT, "labelLimit": 220},
        "view": {"stroke": None},
    }


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


def svg_of(chart: Any, lang: str | None = None, extra: Mapping[str, Any] | None = None) -> str:
    """Render an Altair chart to SVG text with vl-convert, fetching nothing.

    Parameters
    ----------
    chart : altair.Chart or compatible
        Any chart with ``to_dict()``.
    lang : str, optional
        Language of the number format (French: ``1 234,5``).
    extra : mapping, optional
        Vega-Lite ``config`` entries laid over the report theme.

    Returns
    -------
    str
        The SVG document.
    """
    import vl_convert as vlc

    svg: str = vlc.vegalite_to_svg(_spec(chart, extra), **_vl_options(lang))
    return svg


def jpeg_of(
    chart: Any, lang: str | None = None, extra: Mapping[str, Any] | None = None
) -> tuple[bytes, int, int]:
    """Render an Altair chart to JPEG at :data:`PNG_SCALE`, fetching nothing.

    vl-convert draws a PNG (its own JPEG encoder is slower than this round trip); Pillow
    flattens it on white and writes a JPEG at :data:`JPEG_QUALITY` without chroma
    subsampling.

    Parameters
    ----------
    chart : altair.Chart or compatible
        Any chart with ``to_dict()``.
    lang : str, optional
        Language of the number format.
    extra : mapping, optional
        Vega-Lite ``config`` entries laid over the report theme.

    Returns
    -------
    tuple of (bytes, int, int)
        The JPEG data and the drawing's width and height in CSS pixels.
    """
    import vl_convert as vlc
    from PIL import Image

    png = vlc.vegalite_to_png(_spec(chart, extra), scale=PNG_SCALE, **_vl_options(lang))
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        flat = Image.new("RGB", image.size, "white")
        mask = image.getchannel("A") if image.mode in ("RGBA", "LA") else None
        flat.paste(image.convert("RGB"), mask=mask)
        width, height = image.size
    out = io.BytesIO()
    flat.save(out, format="JPEG", quality=JPEG_QUALITY, subsampling=0)
    return out.getvalue(), round(width / PNG_SCALE), round(height / PNG_SCALE)


def data_uri(data: bytes, media_type: str) -> str:
    """Return ``data`` as a base64 ``data:`` URI of ``media_type``."""
    return f"data:{media_type};base64," + base64.b64encode(data).decode("ascii")


_SIZE = re.compile(r'<svg[^>]*?\swidth="([0-9.]+)"[^>]*?\sheight="([0-9.]+)"')


def make_chart(
    key: str,
    caption: str,
    chart: Any,
    lang: str | None,
    extra: Mapping[str, Any] | None = None,
    *,
    raster: bool = True,
) -> Chart:
    """Render ``chart`` as JPEG (``raster``, for the PDF) or as SVG; return a :class:`Chart`.

    Parameters
    ----------
    key, caption : str
        Chart id and caption.
    chart : altair.Chart or compatible
        Any chart with ``to_dict()``.
    lang : str, optional
        Language of the number format.
    extra : mapping, optional
        Vega-Lite ``config`` entries laid over the report theme.
    raster : bool
        Draw the JPEG only (the PDF needs nothing else); otherwise the SVG only.

    Returns
    -------
    Chart
    """
    if raster:
        jpeg, width, height = jpeg_of(chart, lang, extra)
        return Chart(key, caption, "", data_uri(jpeg, "image/jpeg"), width, height)
    svg = svg_of(chart, lang, extra)
    found = _SIZE.search(svg)
    width, height = (round(float(found[1])), round(float(found[2]))) if found else (600, 300)
    return Chart(key, caption, data_uri(svg.encode("utf-8"), "image/svg+xml"), "", width, height)


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

    More lines than that cannot be told apart on a printed page.
    """
    import dataclasses

    result = inputs.curves
    keep = set(inputs.order[:limit])
    cross = result.crossovers
    keep |= {str(x) for x in cross["winner_before"]} | {str(x) for x in cross["winner_after"]}
    curves = result.curves[result.curves["alternative"].isin(sorted(keep))]
    return dataclasses.replace(result, curves=curves.reset_index(drop=True))


def build_charts(
    inputs: ReportInputs, lang: str | None, *, raster: bool = True
) -> dict[str, Chart]:
    """Build every chart the analyses allow, keyed by chart id.

    With ``raster`` each chart is drawn as JPEG only (for the PDF), otherwise as SVG only.

    Ids: ``contributions``, ``value_for_money``, ``curves_<criterion>``, ``stability``,
    ``smaa``, ``agreement``. A chart whose analysis was skipped is absent.
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
    names = labels_for(inputs, code)
    out: dict[str, Chart] = {}

    def add(
        key: str,
        caption_key: str,
        chart: Any,
        extra: Mapping[str, Any] | None = None,
        **params: Any,
    ) -> None:
        caption = t(caption_key, code, **params)
        out[key] = make_chart(key, caption, chart, code, extra, raster=raster)

    if inputs.contributions is not None:
        add(
            "contributions",
            "report.chart.contributions",
            _stacked(contributions_chart(inputs.contributions, names, code), 460),
        )
    if inputs.value_for_money is not None:
        add(
            "value_for_money",
            "report.chart.value_for_money",
            value_for_money_chart(inputs.value_for_money, names, code),
            {"legend": {"orient": "bottom"}},
        )
    if inputs.curves is not None:
        curves = _top_curves(inputs, MAX_CURVE_VENDORS)
        for crit in inputs.curve_criteria:
            add(
                f"curves_{crit}",
                "report.chart.curves",
                curves_chart(curves, crit, code, names).properties(width=440, height=220),
                criterion=names.get(crit, crit),
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
    return out
