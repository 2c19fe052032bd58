"""Tests of the one-at-a-time weight curves and their exact crossovers."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erp_select.charts.curves import curves_chart
from erp_select.engine import rank
from erp_select.errors import InputError
from erp_select.sensitivity._common import sweep_weights
from erp_select.sensitivity.curves import weight_crossovers, weight_curves

# Hand-solvable weighted sum: the engine's WSM maps each column min–max onto [0, 1], and
# every column below already has min 0 and max 1, so the scores are plain dot products:
# with weights (t, 1 - t): A = t, B = 1 - t, C = 0.617. So C leads for 0.383 < t < 0.617,
# B below, A above (crossovers at 0.383 and 0.617, between the grid points of 0.005).
WSM_X = np.array([[1.0, 0.0], [0.0, 1.0], [0.617, 0.617]])
NAMES = ["a", "b", "c"]


def top(matrix, objectives, weights, method="topsis", names=None):
    """Ids ranked first by ``rank()``."""
    res = rank(matrix, objectives, weights, method=method, alternatives=names)
    return {a for a, r in zip(res.alternatives, res.ranks, strict=True) if r == 1}


def random_problem(seed: int, m: int = 6, n: int = 4):
    rng = np.random.default_rng(seed)
    x = rng.uniform(1.0, 10.0, (m, n))
    objectives = ["max" if k % 3 else "min" for k in range(n)]
    w = rng.dirichlet(np.ones(n))
    return x, objectives, w, [f"v{i}" for i in range(m)], [f"c{j}" for j in range(n)]


def test_wsm_crossovers_match_the_closed_form() -> None:
    table = weight_crossovers(WSM_X, ["max", "max"], [0.5, 0.5], "wsm", NAMES, ["p", "q"])
    p = table[table["criterion"] == "p"].sort_values("weight")
    assert p["weight"].to_numpy() == pytest.approx([0.383, 0.617], abs=1e-10)
    assert list(p["winner_before"]) == ["b", "c"]
    assert list(p["winner_after"]) == ["c", "a"]
    q = table[table["criterion"] == "q"].sort_values("weight")
    assert q["weight"].to_numpy() == pytest.approx([0.383, 0.617], abs=1e-10)
    assert list(q["winner_after"]) == ["c", "b"]
    assert table["distance"].to_numpy() == pytest.approx(
        table["weight"].to_numpy() - table["current_weight"].to_numpy()
    )


@pytest.mark.parametrize("seed", [0, 1, 2, 5, 11])
@pytest.mark.parametrize("method", ["topsis", "vikor", "wpm"])
def test_crossovers_are_confirmed_by_rank_either_side(seed: int, method: str) -> None:
    x, obj, w, alts, crits = random_problem(seed)
    table = weight_crossovers(x, obj, w, method, alts, crits)
    for row in table.itertuples(index=False):
        j = crits.index(row.criterion)
        below = sweep_weights(w, j, [row.weight - 1e-6])[0]
        above = sweep_weights(w, j, [row.weight + 1e-6])[0]
        assert top(x, obj, below, method, alts) == {row.winner_before}
        assert top(x, obj, above, method, alts) == {row.winner_after}


def test_curves_agree_with_rank_at_every_sampled_weight() -> None:
    x, obj, w, alts, crits = random_problem(3)
    result = weight_curves(x, obj, w, "topsis", alts, crits, grid=11)
    assert len(result.curves) == 4 * 11 * 6
    for (crit, weight), group in result.curves.groupby(["criterion", "weight"]):
        ww = sweep_weights(w, crits.index(crit), [weight])[0]
        res = rank(x, obj, ww, alternatives=alts)
        assert group["utility"].to_numpy() == pytest.approx(res.scores, abs=1e-9)
        leader = group.loc[group["leader"], "alternative"].tolist()
        assert len(leader) == 1 and res.ranks[alts.index(leader[0])] == 1
    assert {result.winner} == top(x, obj, w, names=alts)


def test_sweep_keeps_proportions_and_sums_to_one() -> None:
    w = np.array([0.5, 0.3, 0.2])
    out = sweep_weights(w, 1, [0.0, 0.3, 0.65, 1.0])
    assert out.sum(axis=1) == pytest.approx(1.0)
    assert out[:, 1] == pytest.approx([0.0, 0.3, 0.65, 1.0])
    # others keep their ratio 0.5 : 0.2 and share 1 - t
    assert out[:3, 0] / out[:3, 2] == pytest.approx([2.5, 2.5, 2.5])
    assert out[3] == pytest.approx([0.0, 1.0, 0.0])
    assert out[2] == pytest.approx([0.5 * 0.35 / 0.7, 0.65, 0.2 * 0.35 / 0.7])


def test_weight_one_shares_the_rest_equally_and_still_finds_crossovers() -> None:
    out = sweep_weights(np.array([1.0, 0.0, 0.0]), 0, [0.4])
    assert out[0] == pytest.approx([0.4, 0.3, 0.3])
    # all weight on p: a leads; moving p down (q gets the rest) goes a -> c -> b
    table = weight_crossovers(WSM_X, ["max", "max"], [1.0, 0.0], "wsm", NAMES, ["p", "q"])
    p = table[table["criterion"] == "p"].sort_values("weight")
    assert p["weight"].to_numpy() == pytest.approx([0.383, 0.617], abs=1e-10)
    # sweeping q from its zero weight: the others (only p) take 1 - t
    q = table[table["criterion"] == "q"].sort_values("weight")
    assert q["weight"].to_numpy() == pytest.approx([0.383, 0.617], abs=1e-10)


def test_one_vendor_has_no_crossover() -> None:
    table = weight_crossovers([[1.0, 2.0]], ["max", "min"], [0.5, 0.5])
    assert table.empty


def test_identical_vendors_do_not_create_crossovers() -> None:
    x = np.vstack([WSM_X, WSM_X[2]])  # d is a twin of c
    table = weight_crossovers(x, ["max", "max"], [0.5, 0.5], "wsm", [*NAMES, "d"], ["p", "q"])
    assert len(table) == 4
    assert "d" not in set(table["winner_before"]) | set(table["winner_after"])


def test_single_criterion_cannot_move() -> None:
    result = weight_curves([[1.0], [2.0]], ["max"], [1.0])
    assert result.crossovers.empty and result.curves.empty
    assert result.winner == "A2"


@pytest.mark.parametrize(
    ("kwargs", "rule"),
    [
        ({"weights": [0.0, 0.0]}, "engine.weights_all_zero"),
        ({"weights": [1.2, -0.2]}, "engine.weight_negative"),
        ({"objectives": ["max", "up"]}, "engine.bad_objective"),
        ({"method": "nope"}, "engine.unknown_method"),
        ({"matrix": [[1.0, np.nan], [2.0, 3.0]]}, "engine.not_finite"),
        ({"matrix": [1.0, 2.0]}, "engine.matrix_shape"),
        ({"alternatives": ["a", "a", "b"]}, "engine.duplicate_name"),
        ({"criteria": ["p"]}, "engine.names_length"),
    ],
)
def test_bad_inputs_are_located(kwargs, rule) -> None:
    args = {
        "matrix": WSM_X,
        "objectives": ["max", "max"],
        "weights": [0.5, 0.5],
        "method": "wsm",
        "alternatives": None,
        "criteria": None,
    } | kwargs
    with pytest.raises(InputError) as err:
        weight_crossovers(**args)
    assert rule in {p.rule for p in err.value.problems}
    assert "engine." not in err.value.render("fr")


def test_not_finite_value_names_row_and_criterion() -> None:
    with pytest.raises(InputError) as err:
        weight_curves([[1.0, 2.0], [np.inf, 3.0]], ["max", "max"], [0.5, 0.5], criteria=["p", "q"])
    problem = err.value.problems[0]
    assert (problem.row, problem.field) == (2, "p")


def test_grid_must_be_at_least_three() -> None:
    with pytest.raises(InputError):
        weight_curves(WSM_X, ["max", "max"], [0.5, 0.5], grid=2)


def test_chart_marks_current_weight_and_crossovers_in_french() -> None:
    result = weight_curves(WSM_X, ["max", "max"], [0.5, 0.5], "wsm", NAMES, ["p", "q"])
    spec = curves_chart(result, "p", lang="fr", labels={"p": "Prix", "a": "Alpha"}).to_dict()
    title = spec["title"]
    assert "Prix" in title["text"] and "proportion" in " ".join(title["subtitle"])
    assert len(spec["layer"]) == 3
    assert "Alpha" in str(spec["datasets"])


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_crossovers_do_not_depend_on_vendor_order(seed: int) -> None:
    x, obj, w, alts, crits = random_problem(seed, m=4, n=3)
    perm = np.random.default_rng(seed).permutation(4)
    a = weight_crossovers(x, obj, w, "topsis", alts, crits)
    b = weight_crossovers(x[perm], obj, w, "topsis", [alts[i] for i in perm], crits)
    key = ["criterion", "weight"]
    a, b = a.sort_values(key).reset_index(drop=True), b.sort_values(key).reset_index(drop=True)
    assert a["weight"].to_numpy() == pytest.approx(b["weight"].to_numpy(), abs=1e-9)
    assert list(a["winner_after"]) == list(b["winner_after"])


@pytest.mark.parametrize("method", ["vikor", "electre2", "topsis"])
def test_curves_chart_draws_the_leader_highest_on_the_ranking_bars_scale(method: str) -> None:
    """Higher is better on the curves as on the ranking bars: 1 − Q for VIKOR (not −Q)."""
    x = np.array([[7.0, 2.0, 5.0], [3.0, 8.0, 4.0], [5.0, 5.0, 9.0], [6.0, 4.0, 2.0]])
    obj, w = ["max", "max", "min"], [0.4, 0.35, 0.25]
    result = weight_curves(x, obj, w, method, ["a", "b", "c", "d"], ["p", "q", "r"], grid=11)
    spec = curves_chart(result, "p", lang="en").to_dict()
    line = spec["layer"][0]
    rows = spec["datasets"][line["data"]["name"]]
    assert line["encoding"]["y"]["field"] == "shown"
    for weight in {r["weight"] for r in rows}:
        at = [r for r in rows if r["weight"] == weight]
        swept = sweep_weights(np.array(w), 0, [weight])[0]
        res = rank(x, obj, swept, method, ["a", "b", "c", "d"])
        best = {a for a, r in zip(res.alternatives, res.ranks, strict=True) if r == 1}
        highest = max(r["shown"] for r in at)
        assert {r["alternative"] for r in at if r["shown"] == pytest.approx(highest)} == best
        if method == "vikor":  # the same value as the ranking bars: 1 − Q
            q = dict(zip(res.alternatives, res.scores, strict=True))
            for r in at:
                assert r["shown"] == pytest.approx(1.0 - q[r["alternative"]], abs=1e-9)
    if method == "vikor":
        assert line["encoding"]["y"]["title"] == "1 − VIKOR score (higher is better)"


# ------------------------------------------------------------ changes on grid points, ties
# The cross-check case of issue 13. VIKOR (v = 0.5), objectives min, max, min, max. Sweeping
# C2 to t, the others keep their ratio 7 : 5 : 18 and share 1 - t, so w4 = 0.6 (1 - t) and
# w2 = t are equal at t = 0.375 exactly, a point of the default grid (step 0.005).
# Distances to the best value (best - x)/(best - worst) per criterion:
#   A1: 0, 0, 0, 1      A2: 0, 1, 1, 0.25      A3: 1, 1, 1, 0
# R (largest weighted distance): A1 = w4, A2 = w2 (w2 > w3, w2 > w4/4), A3 = max(w1, w2).
# Below 0.375, A1 has the largest R (R term 1) and A2 leads; above, A1 has the smallest R and
# S, so A1 leads (Q = 0). At 0.375 every R is equal: the top vendor changes there.
ISSUE_X = [[3, 5, 2, 1], [3, 4, 3, 4], [4, 4, 3, 5]]
ISSUE_OBJ = ["min", "max", "min", "max"]
ISSUE_W = [7 / 46, 16 / 46, 5 / 46, 18 / 46]


def test_a_change_exactly_on_a_grid_point_is_found() -> None:
    from erp_select.sensitivity.stability import stability_intervals

    table = weight_crossovers(ISSUE_X, ISSUE_OBJ, ISSUE_W, "vikor")
    c2 = table[table["criterion"] == "C2"]
    assert len(c2) == 1
    row = c2.iloc[0]
    assert row["weight"] == pytest.approx(0.375, abs=1e-12)
    assert (row["winner_before"], row["winner_after"]) == ("A2", "A1")
    assert top(ISSUE_X, ISSUE_OBJ, sweep_weights(np.array(ISSUE_W), 1, [0.374])[0], "vikor") == {
        "A2"
    }
    assert top(ISSUE_X, ISSUE_OBJ, sweep_weights(np.array(ISSUE_W), 1, [0.376])[0], "vikor") == {
        "A1"
    }
    stable = stability_intervals(ISSUE_X, ISSUE_OBJ, ISSUE_W, "vikor")
    assert stable.loc["C2", "winner_high"] == pytest.approx(row["weight"], abs=1e-12)


@pytest.mark.parametrize("perm", [[0, 1, 2], [2, 1, 0], [1, 0, 2], [1, 2, 0], [0, 2, 1]])
def test_a_tie_at_the_end_of_the_sweep_is_not_a_change(perm: list[int]) -> None:
    # With all the weight on C1 (t = 1), A1 and A2 tie (both 3 on a cost criterion): the
    # sweep ends in a tie, which is not a change of winner, whatever the row order.
    names = ["A1", "A2", "A3"]
    x = np.array(ISSUE_X, dtype=float)[perm]
    table = weight_crossovers(x, ISSUE_OBJ, ISSUE_W, "vikor", [names[i] for i in perm])
    assert ((table["weight"] > 0) & (table["weight"] < 1)).all()
    c1 = table[table["criterion"] == "C1"].sort_values("weight")
    assert c1["weight"].to_numpy() == pytest.approx([3 / 29, 84 / 227], abs=1e-9)
    assert list(zip(c1["winner_before"], c1["winner_after"], strict=True)) == [
        ("A3", "A2"),
        ("A2", "A1"),
    ]
    for row in c1.itertuples(index=False):  # both are real changes, confirmed by rank()
        for shift, who in ((-1e-6, row.winner_before), (1e-6, row.winner_after)):
            ww = sweep_weights(np.array(ISSUE_W), 0, [row.weight + shift])[0]
            assert top(x, ISSUE_OBJ, ww, "vikor", [names[i] for i in perm]) == {who}


def _crossover_set(table):
    rows = table.sort_values(["criterion", "weight"])
    return [
        (r.criterion, round(r.weight, 8), r.winner_before, r.winner_after)
        for r in rows.itertuples(index=False)
    ]


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 100_000),
    method=st.sampled_from(["vikor", "topsis", "wsm", "copras", "waspas", "spotis"]),
)
def test_permuting_rows_with_ties_gives_the_same_crossovers(seed: int, method: str) -> None:
    # small integer scores make ties, equal R or S in VIKOR and changes on grid points common
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(2, 6)), int(rng.integers(2, 5))
    x = rng.integers(1, 6, (m, n)).astype(float)
    obj = ["max" if k % 2 else "min" for k in range(n)]
    w = rng.integers(1, 20, n).astype(float)
    names = [f"v{i}" for i in range(m)]
    base = weight_crossovers(x, obj, w / w.sum(), method, names)
    for perm in (rng.permutation(m), np.arange(m)[::-1]):
        other = weight_crossovers(x[perm], obj, w / w.sum(), method, [names[i] for i in perm])
        assert _crossover_set(other) == _crossover_set(base)
    # a tie is never reported as a change, and every change is a real change
    assert (base["winner_before"] != base["winner_after"]).all()
    assert ((base["weight"] > 0) & (base["weight"] < 1)).all()


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("method", ["vikor", "topsis", "wpm", "copras", "moora", "edas"])
def test_each_crossover_is_a_stability_bound_where_the_winner_changes(
    seed: int, method: str
) -> None:
    # Between two consecutive crossovers the winner is constant; from the middle of that
    # stretch (a point of the same sweep line), the stability interval of the winner must
    # end exactly at the crossovers either side.
    from erp_select.sensitivity.stability import stability_intervals

    x, obj, w, alts, crits = random_problem(seed, m=5, n=3)
    table = weight_crossovers(x, obj, w, method, alts, crits)
    for j, crit in enumerate(crits):
        cuts = sorted(table.loc[table["criterion"] == crit, "weight"])
        ends = [0.0, *cuts, 1.0]
        for lo, hi in itertools.pairwise(ends):
            mid = sweep_weights(w, j, [(lo + hi) / 2])[0]
            stable = stability_intervals(x, obj, mid, method, alts, crits, k=1)
            assert stable.loc[crit, "winner_low"] == pytest.approx(lo, abs=1e-9)
            assert stable.loc[crit, "winner_high"] == pytest.approx(hi, abs=1e-9)
