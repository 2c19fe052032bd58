"""Vega-Lite specs of the report's charts: the print theme, fitted labels, no tooltips."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from functools import cache
from typing import Any

from erp_select.charts.theme import (
    LABEL_LIMIT,
    PRINT_LABEL_SIZE,
    format_locale,
    merge,
    print_config,
)

#: Widest axis or legend label, in CSS pixels at :data:`LABEL_SIZE`: the app's label
#: limit; longer vendor and criterion names are shortened with "…".
LABEL_PX = float(LABEL_LIMIT)
#: Font size of axis and legend labels, in CSS pixels.
LABEL_SIZE = PRINT_LABEL_SIZE


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


def print_spec(chart: Any, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The still-image spec of ``chart``: the chart's theme, the print additions, ``extra``.

    The number locale travels apart, in :func:`vl_options` (vl-convert's own option).
    """
    # Altair validated the chart when it was built; re-validating a 30-vendor spec
    # against the Vega-Lite schema costs about a second per report.
    spec: dict[str, Any] = static_spec(_plain_dict(chart))
    spec["config"] = merge(merge(spec.get("config") or {}, print_config()), extra or {})
    spec["config"].pop("locale", None)
    return spec


def vl_options(lang: str | None) -> dict[str, Any]:
    """vl-convert's options for ``lang``: no network, the language's number locale."""
    return {"allowed_base_urls": [], "format_locale": format_locale(lang)}


def _plain_dict(chart: Any) -> dict[str, Any]:
    """``chart.to_dict()`` without schema validation (the chart was checked when built)."""
    spec: dict[str, Any] = chart.to_dict(validate=False)
    return spec


def data_uri(data: bytes, media_type: str) -> str:
    """Return ``data`` as a base64 ``data:`` URI of ``media_type``."""
    return f"data:{media_type};base64," + base64.b64encode(data).decode("ascii")


def stacked(chart: Any, width: int) -> Any:
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


def without_text_layers(chart: Any) -> Any:
    """Drop the text layers of a layered chart (the numbers printed over heatmap cells)."""
    spec = _plain_dict(chart)
    layers = spec.get("layer")
    if isinstance(layers, list):
        kept = [layer for layer in layers if mark_type(layer) != "text"]
        if kept:
            spec["layer"] = kept
    return _Spec(spec)


def mark_type(layer: Any) -> str | None:
    mark = layer.get("mark") if isinstance(layer, dict) else None
    if isinstance(mark, dict):
        mark = mark.get("type")
    return mark if isinstance(mark, str) else None
