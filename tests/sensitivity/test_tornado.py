"""Tests of the tornado table: the winner's margin when each weight moves by ±delta."""

from __future__ import annotations

import numpy as np
import pytest

from erp_select.charts.tornado import tornado_chart
from erp_select.engine import rank
from erp_select.errors import InputError
from erp_select.sensitivity._common import sweep_weights
from erp_select.sensitivity.tornado import tornado

# Columns already on [0, 1], so the engine's WSM scores are plain dot products.
WSM_X = np.array([[1.0, 0.0], [0.0, 1.0], [0.617, 0.617]])


def closed_form_margin(p_weight: float) -> float:
    """Margin of C over the best of A, B at weights (p, 1 - p): 0.617 - max(p, 1 - p)."""
    return 0.617 - max(p_weight, 1.0 - p_weight)


def test_wsm_margins_match_the_closed_form() -> None:
    table = tornado(WSM_X, ["max", "max"], [0.55, 0.45], "wsm", ["a", "b", "c"], ["p", "q"], 0.1)
    p = table.set_index("criterion").loc["p"]
    q = table.set_index("criterion").loc["q"]
    assert p["weight_low"] == pytest.approx(0.495) and p["weight_high"] == pytest.approx(0.605)
    assert p["margin_low"] == pytest.approx(closed_form_margin(0.495))
    assert p["margin_high"] == pytest.approx(closed_form_margin(0.605))
    # q at 0.405 / 0.495 gives p = 0.595 / 0.505
    assert q["margin_low"] == pytest.approx(closed_form_margin(0.595))
    assert q["margin_high"] == pytest.approx(closed_form_margin(0.505))
    assert p["base_margin"] == pytest.approx(closed_form_margin(0.55))
    # sorted by swing: p (0.10) before q (0.09)
    assert list(table["criterion"]) == ["p", "q"]
    assert table["swing"].tolist() == pytest.approx([0.1, 0.09])
    assert (table["winner"] == "c").all()


def test_negative_margin_means_the_winner_lost_first_place() -> None:
    table = tornado(WSM_X, ["max", "max"], [0.55, 0.45], "wsm", ["a", "b", "c"], ["p", "q"], 0.2)
    p = table.set_index("criterion").loc["p"]
    assert p["weight_high"] == pytest.approx(0.66)
    assert p["margin_high"] < 0 and p["leader_high"] == "a"


def test_margins_agree_with_rank_scores_topsis() -> None:
    rng = np.random.default_rng(7)
    x = rng.uniform(1, 10, (5, 3))
    obj = ["max", "min", "max"]
    w = np.array([0.5, 0.3, 0.2])
    table = tornado(x, obj, w).set_index("criterion")
    base = rank(x, obj, w)
    winner = int(np.argmax(base.scores))
    for j, crit in enumerate(["C1", "C2", "C3"]):
        for side, factor in (("low", 0.8), ("high", 1.2)):
            res = rank(x, obj, sweep_weights(w, j, [w[j] * factor])[0])
            expected = res.scores[winner] - np.delete(res.scores, winner).max()
            assert table.loc[crit, f"margin_{side}"] == pytest.approx(expected, abs=1e-9)


def test_weight_is_capped_at_one_and_zero_weight_stays_zero() -> None:
    table = tornado(WSM_X, ["max", "max"], [0.9, 0.1], "wsm", delta=0.5).set_index("criterion")
    assert table.loc["C1", "weight_high"] == 1.0
    table = tornado(WSM_X, ["max", "max"], [1.0, 0.0], "wsm").set_index("criterion")
    assert table.loc["C2", "swing"] == 0.0


@pytest.mark.parametrize("delta", [0.0, -0.1, 1.5, float("nan")])
def test_bad_delta(delta: float) -> None:
    with pytest.raises(InputError) as err:
        tornado(WSM_X, ["max", "max"], [0.5, 0.5], delta=delta)
    assert err.value.problems[0].rule == "sensitivity.bad_delta"


def test_chart_in_both_languages() -> None:
    table = tornado(WSM_X, ["max", "max"], [0.55, 0.45], "wsm", ["a", "b", "c"])
    fr = tornado_chart(table, lang="fr", labels={"c": "Gamma"}).to_dict()
    en = tornado_chart(table, lang="en").to_dict()
    assert "Gamma" in fr["title"]["text"]
    assert fr["title"]["subtitle"] != en["title"]["subtitle"]


def test_no_rival_means_no_margin() -> None:
    for matrix in ([[1.0, 2.0]], [[1.0, 2.0], [1.0, 2.0]]):
        table = tornado(matrix, ["max", "max"], [0.5, 0.5])
        assert table[["margin_low", "margin_high", "base_margin"]].isna().all().all()
        assert (table["swing"] == 0.0).all()
