"""The drawn charts are kept in memory: the same report made again draws no chart twice."""

from __future__ import annotations

from typing import Any

import pytest

from erp_select.report import charts
from erp_select.report.compute import ReportInputs


def test_a_second_report_draws_no_chart_and_gets_the_same_images(
    demo_inputs: ReportInputs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ERP_SELECT_REPORT_WORKERS", "0")
    charts.clear_chart_cache()
    dispatched: list[int] = []
    real = charts.start_safe_drawing

    def spy(jobs: Any) -> Any:
        dispatched.append(len(jobs))
        return real(jobs)

    monkeypatch.setattr(charts, "start_safe_drawing", spy)
    first = charts.build_charts(demo_inputs, "fr", raster=True)
    second = charts.build_charts(demo_inputs, "fr", raster=True)
    assert dispatched[0] == len(first) > 0
    assert dispatched[1] == 0
    assert {k: c.jpeg for k, c in second.items()} == {k: c.jpeg for k, c in first.items()}
    # Another language is another spec (its titles): drawn, not taken from the cache.
    charts.build_charts(demo_inputs, "en", raster=True)
    assert dispatched[2] > 0


def test_the_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    charts.clear_chart_cache()
    drawing = charts.Drawing("jpeg", b"x", 1, 1)
    for i in range(charts.CHART_CACHE_SIZE + 5):
        charts._keep(str(i), drawing)
    assert charts._cached("0") is None  # the oldest went first
    assert charts._cached(str(charts.CHART_CACHE_SIZE + 4)) is drawing
    charts.clear_chart_cache()
    assert charts._cached(str(charts.CHART_CACHE_SIZE + 4)) is None
