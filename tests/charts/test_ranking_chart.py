"""Tests of the app's own charts, on their Vega-Lite specs: the longest bar is the best."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from erp_select.charts.ranking import ranking_chart
from erp_select.engine import methods, rank

# Three vendors, two benefit criteria and one cost: by hand, "b" dominates "a", which
# dominates "c" (better or equal on every criterion), so every method ranks b, a, c.
X = np.array([[7.0, 6.0, 120.0], [9.0, 8.0, 100.0], [4.0, 3.0, 150.0]])
OBJ = ["max", "max", "min"]
W = [0.4, 0.35, 0.25]


def bar_lengths(spec: dict[str, Any]) -> dict[str, float]:
    """Length of each vendor's bar: |x − x2| of the bar layer, read from the spec's data."""
    layer = next(
        lay
        for lay in spec["layer"]
        if (lay["mark"] if isinstance(lay["mark"], str) else lay["mark"]["type"]) == "bar"
    )
    enc = layer["encoding"]
    rows = spec["datasets"][(layer.get("data") or spec["data"])["name"]]
    field = enc["x"]["field"]
    start = float(enc["x2"]["datum"]) if "x2" in enc else 0.0
    return {r["vendor"]: abs(float(r[field]) - start) for r in rows}


def _frame(method: str) -> pd.DataFrame:
    result = rank(X, OBJ, W, method, ["a", "b", "c"])
    order = np.argsort(result.ranks, kind="mergesort")
    return pd.DataFrame(
        {
            "rank": [int(result.ranks[i]) for i in order],
            "vendor": [result.alternatives[i] for i in order],
            "score": [float(result.scores[i]) for i in order],
            "score_text": [f"{result.scores[i]:.3f}" for i in order],
            "leader": [int(result.ranks[i]) == 1 for i in order],
        }
    )


@pytest.mark.parametrize("method", [m.key for m in methods()])
def test_the_best_ranked_vendor_has_the_longest_bar_for_every_method(method: str) -> None:
    frame = _frame(method)
    assert list(frame["vendor"]) == ["b", "a", "c"]  # the dominance order, by hand
    spec = ranking_chart(
        frame, title="t", subtitle="s", score_title="Score", lang="fr", method=method
    ).to_dict()
    lengths = bar_lengths(spec)
    assert lengths["b"] > lengths["a"] > lengths["c"], (method, lengths)


def test_vikor_bars_show_one_minus_q_and_say_so() -> None:
    frame = _frame("vikor")
    assert frame["score"].iloc[0] == pytest.approx(0.0)  # VIKOR's winner: Q = 0
    spec = ranking_chart(
        frame, title="t", subtitle="s", score_title="Score", lang="en", method="vikor"
    ).to_dict()
    lengths = bar_lengths(spec)
    assert lengths["b"] == pytest.approx(1.0)  # 1 − Q
    assert "1 − VIKOR" in spec["layer"][0]["encoding"]["x"]["title"]
    assert "higher is better" in spec["layer"][0]["encoding"]["x"]["title"]
