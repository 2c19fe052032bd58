"""Tests of the report's chart preparation: raster resolution and heatmap labels."""

from __future__ import annotations

import altair as alt
import pandas as pd

from erp_select.report import charts, drawing


def _layered() -> alt.LayerChart:
    data = pd.DataFrame({"x": [1, 2], "y": ["a", "b"], "t": ["10", "20"]})
    base = alt.Chart(data).encode(x="x:O", y="y:N")
    return base.mark_rect() + base.mark_text().encode(text="t:N")


def test_raster_scale_gives_at_least_150_dpi() -> None:
    # CSS pixels are 96 per inch (CSS Values and Units Level 3, section 5.2).
    assert drawing.PNG_SCALE * 96 >= 150


def test_text_layers_dropped_rects_kept() -> None:
    spec = charts._without_text_layers(_layered()).to_dict()
    marks = [charts._mark_type(layer) for layer in spec["layer"]]
    assert marks == ["rect"]
    assert spec["datasets"]  # the data still travel with the spec


def test_chart_without_layers_unchanged() -> None:
    data = pd.DataFrame({"x": [1, 2]})
    chart = alt.Chart(data).mark_bar().encode(x="x:Q")
    assert charts._without_text_layers(chart).to_dict() == chart.to_dict(validate=False)


def test_only_text_layers_are_kept_rather_than_an_empty_chart() -> None:
    data = pd.DataFrame({"t": ["a"]})
    chart = alt.layer(alt.Chart(data).mark_text().encode(text="t:N"))
    spec = charts._without_text_layers(chart).to_dict()
    assert [charts._mark_type(layer) for layer in spec["layer"]] == ["text"]


def test_mark_type_reads_string_and_object_marks() -> None:
    assert charts._mark_type({"mark": "text"}) == "text"
    assert charts._mark_type({"mark": {"type": "rect", "opacity": 1}}) == "rect"
    assert charts._mark_type({"layer": []}) is None
    assert charts._mark_type("not a layer") is None
