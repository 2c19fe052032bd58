"""The theme's Altair helpers the app used before plain specs (tests reference)."""

from __future__ import annotations

from typing import Any

import altair as alt

from erp_select.charts.theme import config, legend_spec, subtitle_lines


def finish(chart: Any, lang: str | None) -> Any:
    """``chart`` with the shared configuration of ``lang`` (see :func:`config`)."""
    return chart.configure(**config(lang))


def chart_title(text: str, subtitle: str | list[str] | None = None) -> alt.TitleParams:
    """A chart title, with its subtitle wrapped at :data:`SUBTITLE_WIDTH` characters."""
    if not subtitle:
        return alt.TitleParams(text=text, anchor="start")
    return alt.TitleParams(text=text, subtitle=subtitle_lines(subtitle), anchor="start")


def every_entry(heading: str, n: int) -> alt.Legend:
    """A legend that names all of its ``n`` entries, below the chart, in columns.

    Vega draws every entry of a legend only when told to (``symbolLimit`` 0); beside a
    short chart, a long legend runs past the drawing's height and its last entries are
    cut off. Below the chart, in up to :data:`LEGEND_COLUMNS` columns, every entry shows.
    """
    return alt.Legend(**legend_spec(heading, n))
