"""Value for money sized by risk: the optional ``risk`` mapping drives the points' size."""

from __future__ import annotations

from typing import Any

import pandas as pd

from erp_select.charts.value_for_money import value_for_money_chart

VFM = pd.DataFrame(
    {
        "score": [0.9, 0.7, 0.5],
        "cost": [300.0, 200.0, 250.0],
        "efficient": [True, True, False],
        "dominated_by": ["", "", "b"],
    },
    index=["a", "b", "c"],
)


def _spec(chart: Any) -> dict[str, Any]:
    spec = chart.to_dict() if hasattr(chart, "to_dict") else chart
    assert isinstance(spec, dict)
    return spec


def _points(spec: dict[str, Any]) -> dict[str, Any]:
    for layer in spec["layer"]:
        mark = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        if mark == "point":
            return dict(layer)
    raise AssertionError("no point layer")


def test_points_are_sized_by_the_highest_risk_when_asked() -> None:
    spec = _spec(value_for_money_chart(VFM, None, "fr", risk={"a": 20, "b": 6}))
    points = _points(spec)
    size = points["encoding"]["size"]
    assert size["field"] == "risk"
    assert size["scale"]["domain"] == [0, 25]
    assert size["title"] == "Risque le plus élevé (sur 25)"
    rows = spec["datasets"][points["data"]["name"]]
    # A vendor without a register counts 0.
    assert {r["alternative"]: r["risk"] for r in rows} == {"a": 20, "b": 6, "c": 0}
    tips = [tip["title"] for tip in points["encoding"]["tooltip"]]
    assert "Risque le plus élevé (sur 25)" in tips


def test_one_size_without_risk() -> None:
    points = _points(_spec(value_for_money_chart(VFM, None, "en")))
    assert "size" not in points["encoding"] and points["mark"]["size"] == 90
    assert "Highest risk (out of 25)" not in [t["title"] for t in points["encoding"]["tooltip"]]
