"""Draw Vega-Lite specs as report images with vl-convert, offline.

A report's charts are independent: :func:`draw_all` shares them between the report's
worker processes and this one (:mod:`erp_select.report.workers`). Every drawing is made
with ``allowed_base_urls`` empty, so a spec that names a URL fails instead of fetching it.

vl-convert aborts the whole process (a Rust panic that no ``except`` catches) on a
character that XML cannot hold (the C0 controls but tab, LF and CR; U+FFFE, U+FFFF):
every text of a spec is cleaned first (:func:`clean_spec`), and the report draws through
:func:`draw_safely`, whose failures are values with their reason, never a dead process.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from erp_select.report.workers import Batch, start

#: Raster charts (for the PDF) are drawn at this multiple of their CSS size (96 px per
#: inch): at least 154 dots per inch, more for a chart scaled down to the page width;
#: plenty for these charts on A4 (drawing cost grows with the square of the scale).
PNG_SCALE = 1.6
#: JPEG quality of the raster charts; chroma is not subsampled so thin coloured lines and
#: small text keep their colour.
JPEG_QUALITY = 92

Kind = Literal["svg", "jpeg"]


@dataclass(frozen=True)
class Drawing:
    """One drawn chart: its bytes (SVG text in UTF-8 or JPEG) and size in CSS pixels."""

    kind: Kind
    data: bytes
    width: int
    height: int


@dataclass(frozen=True)
class Job:
    """A chart to draw: a complete Vega-Lite spec, vl-convert options and the output kind."""

    spec: dict[str, Any]
    options: dict[str, Any]
    kind: Kind


#: Characters XML 1.0 cannot hold (surrogates too: they are not characters).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: What a forbidden character becomes in a drawing: the replacement character.
REPLACEMENT = "\ufffd"


def clean_text(text: str) -> str:
    """``text`` with every character XML cannot hold replaced by U+FFFD."""
    return _XML_FORBIDDEN.sub(REPLACEMENT, text)


def clean_spec(node: Any) -> Any:
    """A copy of a spec (or any JSON-like value) whose every text, keys included, is cleaned.

    See :func:`clean_text`: these characters make vl-convert abort the process.
    """
    if isinstance(node, str):
        return clean_text(node)
    if isinstance(node, dict):
        return {clean_spec(k): clean_spec(v) for k, v in node.items()}
    if isinstance(node, list | tuple):
        return [clean_spec(v) for v in node]
    return node


@dataclass(frozen=True)
class DrawFailure:
    """A chart that could not be drawn, and why (the renderer's own message, shortened)."""

    reason: str


_SVG_SIZE = re.compile(rb'<svg[^>]*?\swidth="([0-9.]+)"[^>]*?\sheight="([0-9.]+)"')


def draw(job: Job) -> Drawing:
    """Draw one chart in this process.

    SVG: vl-convert's SVG document. JPEG: vl-convert rasterises that SVG at
    :data:`PNG_SCALE` (its own JPEG encoder is slower than this round trip); Pillow
    flattens it on white and writes a JPEG at :data:`JPEG_QUALITY` without chroma
    subsampling.

    Parameters
    ----------
    job : Job
        The spec, the options (``allowed_base_urls`` must be empty) and the kind.

    Returns
    -------
    Drawing
    """
    import vl_convert as vlc

    options = dict(job.options)
    options["allowed_base_urls"] = []  # never fetch, whatever the caller passed
    svg = vlc.vegalite_to_svg(clean_spec(job.spec), **options)
    if job.kind == "svg":
        data = svg.encode("utf-8")
        found = _SVG_SIZE.search(data)
        width, height = (round(float(found[1])), round(float(found[2]))) if found else (600, 300)
        return Drawing("svg", data, width, height)
    from PIL import Image

    # The same pixels as vegalite_to_png, a quarter faster on the report's charts.
    png = vlc.svg_to_png(svg, scale=PNG_SCALE)
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        flat = Image.new("RGB", image.size, "white")
        mask = image.getchannel("A") if image.mode in ("RGBA", "LA") else None
        flat.paste(image.convert("RGB"), mask=mask)
        width, height = image.size
    out = io.BytesIO()
    flat.save(out, format="JPEG", quality=JPEG_QUALITY, subsampling=0)
    return Drawing("jpeg", out.getvalue(), round(width / PNG_SCALE), round(height / PNG_SCALE))


def draw_safely(job: Job) -> Drawing | DrawFailure:
    """:func:`draw`, with any error of the renderer returned as a :class:`DrawFailure`."""
    try:
        return draw(job)
    except Exception as exc:  # vl-convert and Pillow raise many kinds; none may escape
        return DrawFailure(_short(str(exc) or type(exc).__name__))


def _short(text: str, limit: int = 300) -> str:
    line = " ".join(clean_text(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _crashed(job: Job, reason: str) -> Drawing | DrawFailure:
    return DrawFailure(_short(f"the drawing process stopped ({reason})"))


def start_safe_drawing(jobs: Sequence[Job]) -> Batch[Job, Drawing | DrawFailure]:
    """Like :func:`start_drawing`, but every failure is a :class:`DrawFailure` in its place.

    A job whose worker process died is drawn again in a process of its own, never in
    this one (it may be what killed the worker); if that dies too, it is a failure.
    """
    return start(draw_safely, jobs, weight=_weight, crashed=_crashed)


def start_drawing(jobs: Sequence[Job]) -> Batch[Job, Drawing]:
    """Hand the jobs to the report's worker processes; ``.results()`` gives the drawings.

    ``results()`` draws in this process too (every job no worker has started) and returns
    the drawings in the order of ``jobs``; it raises the ``ValueError`` vl-convert raised
    for a spec it could not draw, as in-process.
    """
    return start(draw, jobs, weight=_weight)


def draw_all(jobs: Sequence[Job]) -> list[Drawing]:
    """Draw every job, shared between the report's worker processes and this one."""
    return start_drawing(jobs).results()


def _weight(job: Job) -> float:
    """Expected cost of drawing ``job``: one per panel of the chart.

    Vega's own work per view dominates (about half a second a view for these charts on
    one core), far more than the number of data rows.
    """
    spec = job.spec
    for key in ("hconcat", "vconcat", "concat"):
        panels = spec.get(key)
        if isinstance(panels, list):
            return float(max(1, len(panels)))
    facet = spec.get("facet")
    if isinstance(facet, dict):
        return 2.0  # the report's faceted chart has two panels (TOPSIS distances)
    return 1.0
