"""Tests of the stability intervals (winner and top-k order) of each weight."""

from __future__ import annotations

import numpy as np
import pytest

from erp_select.charts.stability import stability_chart
from erp_select.engine import rank
from erp_select.errors import InputError
from erp_select.sensitivity._common import sweep_weights
from erp_select.sensitivity.curves import weight_crossovers
from erp_select.sensitivity.stability import stability_intervals

# Weighted sum with columns already on [0, 1] (see test_curves): with weights (t, 1 - t),
# A = t, B = 1 - t, C = 0.617. At (0.55, 0.45) the order is C > A > B.
WSM_X = np.array([[1.0, 0.0], [0.0, 1.0], [0.617, 0.617]])


def random_problem(seed: int, m: int = 6, n: int = 4):
    rng = np.random.default_rng(seed)
    x = rng.uniform(1.0, 10.0, (m, n))
    objectives = ["max" if k % 3 else "min" for k in range(n)]
    return x, objectives, rng.dirichlet(np.ones(n)), [f"v{i}" for i in range(m)]


def test_wsm_intervals_match_the_closed_form() -> None:
    table = stability_intervals(
        WSM_X, ["max", "max"], [0.55, 0.45], "wsm", ["a", "b", "c"], ["p", "q"], k=3
    )
    # p = t: C first while 1 - t < 0.617 and t < 0.617; C > A > B needs also t > 1/2
    assert table.loc["p", ["winner_low", "winner_high"]].tolist() == pytest.approx(
        [0.383, 0.617], abs=1e-10
    )
    assert table.loc["p", ["topk_low", "topk_high"]].tolist() == pytest.approx(
        [0.5, 0.617], abs=1e-10
    )
    # q = s, p = 1 - s: C > A > B needs 1 - s < 0.617 and 1 - s > s
    assert table.loc["q", ["winner_low", "winner_high"]].tolist() == pytest.approx(
        [0.383, 0.617], abs=1e-10
    )
    assert table.loc["q", ["topk_low", "topk_high"]].tolist() == pytest.approx(
        [0.383, 0.5], abs=1e-10
    )
    assert table.loc["p", "top_k"] == "c > a > b"
    assert table.loc["p", "winner"] == "c"


@pytest.mark.parametrize("seed", [0, 1, 2, 5, 11])
def test_winner_interval_ends_at_the_nearest_crossovers(seed: int) -> None:
    x, obj, w, alts = random_problem(seed)
    crits = ["c0", "c1", "c2", "c3"]
    table = stability_intervals(x, obj, w, "topsis", alts, crits)
    cross = weight_crossovers(x, obj, w, "topsis", alts, crits)
    for crit in crits:
        cw = cross.loc[cross["criterion"] == crit, "weight"].to_numpy()
        w0 = table.loc[crit, "current_weight"]
        below, above = cw[cw < w0], cw[cw > w0]
        expected_low = below.max() if below.size else 0.0
        expected_high = above.min() if above.size else 1.0
        assert table.loc[crit, "winner_low"] == pytest.approx(expected_low, abs=1e-9)
        assert table.loc[crit, "winner_high"] == pytest.approx(expected_high, abs=1e-9)
        # the top-k interval is inside the winner interval
        assert table.loc[crit, "topk_low"] >= table.loc[crit, "winner_low"] - 1e-12
        assert table.loc[crit, "topk_high"] <= table.loc[crit, "winner_high"] + 1e-12


@pytest.mark.parametrize("seed", [3, 4])
def test_topk_order_checked_by_rank_inside_and_just_outside(seed: int) -> None:
    x, obj, w, alts = random_problem(seed, m=7)
    table = stability_intervals(x, obj, w, "topsis", alts, k=3)

    def top3(weights):
        res = rank(x, obj, weights, alternatives=alts)
        return [alts[i] for i in np.argsort(res.ranks, kind="stable")[:3]], res.ranks

    for j, crit in enumerate(table.index):
        lo, hi = table.loc[crit, "topk_low"], table.loc[crit, "topk_high"]
        expected = table.loc[crit, "top_k"].split(" > ")
        for inside in np.linspace(lo + 1e-6, hi - 1e-6, 5):
            order, ranks = top3(sweep_weights(w, j, [inside])[0])
            assert order == expected and sorted(ranks)[:3] == [1, 2, 3]
        for outside in (lo - 1e-6, hi + 1e-6):
            if 0.0 < outside < 1.0:
                order, _ = top3(sweep_weights(w, j, [outside])[0])
                assert order != expected


def test_k_is_capped_by_the_number_of_vendors() -> None:
    table = stability_intervals(WSM_X[:2], ["max", "max"], [0.7, 0.3], "wsm", k=5)
    assert (table["k"] == 2).all()
    assert table.loc["C1", "winner_low"] == pytest.approx(0.5)
    assert table.loc["C1", "winner_high"] == 1.0


def test_one_vendor_is_stable_everywhere() -> None:
    table = stability_intervals([[1.0, 2.0]], ["max", "max"], [0.5, 0.5])
    assert table[["winner_low", "topk_low"]].to_numpy() == pytest.approx(0.0)
    assert table[["winner_high", "topk_high"]].to_numpy() == pytest.approx(1.0)


def test_identical_vendors_count_once() -> None:
    x = np.vstack([WSM_X, WSM_X[2]])
    table = stability_intervals(x, ["max", "max"], [0.55, 0.45], "wsm", ["a", "b", "c", "d"], k=3)
    assert table.loc["C1", "top_k"] == "c > a > b"
    assert table.loc["C1", ["topk_low", "topk_high"]].tolist() == pytest.approx(
        [0.5, 0.617], abs=1e-10
    )


def test_bad_k() -> None:
    with pytest.raises(InputError) as err:
        stability_intervals(WSM_X, ["max", "max"], [0.5, 0.5], k=0)
    assert err.value.problems[0].field == "k"


def test_chart_is_translated() -> None:
    table = stability_intervals(WSM_X, ["max", "max"], [0.55, 0.45], "wsm")
    en = stability_chart(table, lang="en").to_dict()
    fr = stability_chart(table, lang="fr").to_dict()
    assert en["title"]["text"] != fr["title"]["text"]
    assert "Poids" in str(fr["layer"][0]["encoding"])


def _integer_problem(seed: int):
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(2, 6)), int(rng.integers(2, 5))
    x = rng.integers(1, 6, (m, n)).astype(float)
    obj = ["max" if k % 2 else "min" for k in range(n)]
    w = rng.integers(1, 20, n).astype(float)
    return rng, x, obj, w, [f"v{i}" for i in range(m)]


@pytest.mark.parametrize("seed", [57, *range(12)])
@pytest.mark.parametrize("method", ["vikor", "topsis", "wsm"])
def test_permuting_rows_gives_the_same_intervals(seed: int, method: str) -> None:
    # small integer scores make ties at the current weights common (seed 57 with VIKOR: two
    # vendors tie for first); who is named first must not depend on the rows' order
    rng, x, obj, w, names = _integer_problem(seed)
    base = stability_intervals(x, obj, w, method, names, k=2)
    perm = rng.permutation(len(names))
    other = stability_intervals(x[perm], obj, w, method, [names[i] for i in perm], k=2)
    cols = ["winner_low", "winner_high", "topk_low", "topk_high"]
    np.testing.assert_allclose(other[cols].to_numpy(), base[cols].to_numpy(), atol=1e-9)
    assert other["winner"].tolist() == base["winner"].tolist()
    assert other["top_k"].tolist() == base["top_k"].tolist()
