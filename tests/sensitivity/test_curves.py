"""Tests of the one-at-a-time weight curves and their exact crossovers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erp_select.engine import rank
from erp_select.errors import InputError
from erp_select.sensitivity._common import sweep_weights
from erp_select.sensitivity.curves import curves_chart, weight_crossovers, weight_curves

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
    assert "Prix" in title["text"] and "proportion" in title["subtitle"]
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
