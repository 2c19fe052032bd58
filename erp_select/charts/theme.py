"""The one chart theme of the app and the report: palette, number locale, fonts and titles.

Every chart builder of :mod:`erp_select.charts` finishes its chart with :func:`config`,
which sets the Vega number locale of the language (``config.locale``: French axes,
legends and tooltips read ``1 234,5``, ``12,5 %`` and ``50 000 €``), the title style and
the label room. The same locale is handed to vl-convert when the report draws a chart
(:func:`format_locale`), so a chart reads the same in the browser and on paper.

Colours: the Okabe–Ito palette (colour-blind safe); beyond eight series the colours of
Paul Tol's "muted" scheme follow.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from erp_select.i18n import normalise_lang

OKABE_ITO: tuple[str, ...] = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#000000",
)
"""Okabe & Ito (2008), "Color Universal Design", the eight colour-blind-safe colours."""

#: The Okabe–Ito colours without black, blue first: the lines and bars of the sensitivity
#: charts (black is kept for the marks drawn over them: current weight, crossovers).
SERIES: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#999999",
)

_TOL_MUTED: tuple[str, ...] = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
)

#: Neutral grey of "even", "dominated" and other marks that are nobody's colour.
GREY = "#999999"
#: Colour of rules and marks drawn over the data (zero line, current weight).
INK = "#000000"

#: Font of every chart (installed with Debian's ``fonts-dejavu-core``; the browser falls
#: back to its sans-serif font when it does not have it).
CHART_FONT = "DejaVu Sans"

#: Widest axis or legend label, in CSS pixels, before Vega shortens it with "…". Wide
#: enough for the longest label of the bundled criteria ("Délai de reprise garanti après
#: incident (heures)").
LABEL_LIMIT = 320

#: Font size of axis and legend labels on paper, in CSS pixels.
PRINT_LABEL_SIZE = 10

#: Characters per line of a long chart subtitle.
SUBTITLE_WIDTH = 90

_NUMBER_LOCALE: dict[str, dict[str, Any]] = {
    "fr": {
        "decimal": ",",
        "thousands": "\u202f",
        "grouping": [3],
        "currency": ["", "\u00a0€"],
        "percent": "\u00a0%",
        "minus": "\u2212",
    },
    "en": {
        "decimal": ".",
        "thousands": ",",
        "grouping": [3],
        "currency": ["€", ""],
        "minus": "\u2212",
    },
}


def palette(n: int) -> list[str]:
    """Return ``n`` colours: Okabe–Ito first, then Tol's muted scheme, then repeating."""
    colours = list(OKABE_ITO) + list(_TOL_MUTED)
    return [colours[i % len(colours)] for i in range(n)]


def format_locale(lang: str | None) -> dict[str, Any]:
    """The d3 number format locale of ``lang`` (decimal comma and narrow spaces in French)."""
    return dict(_NUMBER_LOCALE[normalise_lang(lang)])


def locale_config(lang: str | None) -> dict[str, Any]:
    """Return the Vega ``config.locale`` of ``lang`` (its number format)."""
    return {"number": format_locale(lang)}


def config(lang: str | None) -> dict[str, Any]:
    """The chart configuration every surface shares: locale, title style and label room."""
    return {
        "locale": locale_config(lang),
        "view": {"stroke": None},
        "title": {"anchor": "start", "fontSize": 13, "subtitleFontSize": 11, "offset": 8},
        "axis": {"labelLimit": LABEL_LIMIT},
        "legend": {"labelLimit": LABEL_LIMIT},
    }


def print_config() -> dict[str, Any]:
    """What a still image adds to :func:`config`: the font, a white page, no label cut.

    ``labelLimit`` 0: the report fits its labels itself before drawing
    (``fit_label`` of the report's chart specs); Vega's own truncation measures every
    label again and again through vl-convert's font lookup.
    """
    labels = {
        "labelFont": CHART_FONT,
        "titleFont": CHART_FONT,
        "labelFontSize": PRINT_LABEL_SIZE,
        "labelLimit": 0,
    }
    return {
        "font": CHART_FONT,
        "background": "#ffffff",
        "title": {"font": CHART_FONT, "subtitleFont": CHART_FONT, "subtitleFontSize": 10},
        "axis": labels,
        "legend": labels,
    }


def merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` updated with ``extra``, nested mappings merged key by key."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def subtitle_lines(subtitle: str | list[str]) -> list[str]:
    """A subtitle as lines of at most :data:`SUBTITLE_WIDTH` characters.

    A long subtitle on one line would widen the chart's box and shrink the plot.
    """
    return textwrap.wrap(subtitle, SUBTITLE_WIDTH) if isinstance(subtitle, str) else subtitle


def title_spec(text: str, subtitle: str | list[str] | None = None) -> dict[str, Any]:
    """A chart title anchored at the start, its subtitle wrapped (:func:`subtitle_lines`)."""
    out: dict[str, Any] = {"text": text, "anchor": "start"}
    if subtitle:
        out["subtitle"] = subtitle_lines(subtitle)
    return out


def label(labels: Mapping[str, str] | None, key: str) -> str:
    """The display label of ``key`` (a vendor or criterion id), or ``key`` itself."""
    return (labels or {}).get(key, key)


#: Most columns of a legend below its chart (wider, it would widen the chart).
LEGEND_COLUMNS = 2


def legend_spec(heading: str, n: int) -> dict[str, Any]:
    """A legend that names all of its ``n`` entries, below the chart, in columns.

    Vega draws every entry of a legend only when told to (``symbolLimit`` 0); beside a
    short chart, a long legend runs past the drawing's height and its last entries are
    cut off. Below the chart, in up to :data:`LEGEND_COLUMNS` columns, every entry shows.
    """
    columns = min(LEGEND_COLUMNS, max(1, -(-n // 5)))
    return {"title": heading, "orient": "bottom", "columns": columns, "symbolLimit": 0}
