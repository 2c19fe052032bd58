"""Tests of "what it takes": smallest weight change and smallest value change to come first."""

from __future__ import annotations

import numpy as np
import pytest

from erp_select.engine import rank
from erp_select.errors import InputError
from erp_select.sensitivity.what_it_takes import what_it_takes

# Columns already on [0, 1] (min 0, max 1), so the engine's WSM scores are dot products
# as long as a changed value stays inside [0, 1].
TWO = np.array([[1.0, 0.0], [0.0, 1.0], [0.617, 0.617]])
NAMES = ["a", "b", "c"]


def first(matrix, objectives, weights, who, method="topsis", names=None) -> bool:
    res = rank(matrix, objectives, weights, method=method, alternatives=names)
    return bool(res.ranks[res.alternatives.index(who)] == 1)


def test_weight_change_two_criteria_closed_form() -> None:
    # w = (0.3, 0.7): B = 0.7 wins; C (0.617) wins for 0.383 < w1 < 0.617, so the nearest
    # weights are (0.383, 0.617): L2 = 0.083·√2, L1 = 0.166.
    result = what_it_takes(TWO, ["max", "max"], [0.3, 0.7], "wsm", NAMES, ["p", "q"])
    assert result.winner == "b"
    c = result.weight_changes.loc["c"]
    assert bool(c["possible"])
    assert c["l2"] == pytest.approx(0.083 * np.sqrt(2), abs=1e-5)
    assert c["l1"] == pytest.approx(0.166, abs=1e-5)
    assert result.new_weights.loc["c"].to_numpy() == pytest.approx([0.383, 0.617], abs=1e-5)
    assert c["single_criterion"] in {"p", "q"}
    assert result.weight_changes.loc["a", "l2"] == pytest.approx(0.317 * np.sqrt(2), abs=1e-5)


def test_weight_change_three_criteria_is_the_projection_on_the_hyperplane() -> None:
    # Weighted sum is linear: C overtakes B on the plane (c - b)·w = 0. The nearest point of
    # that plane within Σw = 1 is w0 - (d·w0)/|d'|² d' with d' = d - mean(d); the distance
    # is |d·w0| / |d'|. (C also beats A there, and the point is inside the simplex.)
    x = np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 0.0], [0.5, 0.5, 1.0]])
    w0 = np.array([0.2, 0.65, 0.15])
    d = x[2] - x[1]
    dp = d - d.mean()
    expected_point = w0 - (d @ w0) / (dp @ dp) * dp
    result = what_it_takes(x, ["max"] * 3, w0, "wsm", NAMES, challengers=["c"])
    assert result.weight_changes.loc["c", "l2"] == pytest.approx(
        abs(d @ w0) / np.sqrt(dp @ dp), abs=1e-5
    )
    assert result.new_weights.loc["c"].to_numpy() == pytest.approx(expected_point, abs=1e-4)


def test_value_change_closed_form() -> None:
    # With w = (0.3, 0.7): C = 0.3·0.617 + 0.7·x overtakes B (0.7) at x = (0.7 - 0.1851)/0.7
    # on q, and C = 0.3·x + 0.4319 at x = 0.2681/0.3 on p; q is the smaller move.
    result = what_it_takes(TWO, ["max", "max"], [0.3, 0.7], "wsm", NAMES, ["p", "q"])
    table = result.value_changes.set_index(["challenger", "criterion"])
    q = table.loc[("c", "q")]
    assert q["required"] == pytest.approx((0.7 - 0.3 * 0.617) / 0.7, rel=1e-5)
    assert q["change_pct"] == pytest.approx(q["required"] / 0.617 - 1, rel=1e-9)
    assert table.loc[("c", "p"), "required"] == pytest.approx((0.7 - 0.7 * 0.617) / 0.3, rel=1e-5)
    best = result.best_value_changes.loc["c"]
    assert best["criterion"] == "q"
    # A's value on p is already the column maximum: raising it cannot help (range [0, 2])
    assert not bool(table.loc[("a", "p"), "possible"])
    assert (table.loc[("a", "p"), "range_low"], table.loc[("a", "p"), "range_high"]) == (0.0, 2.0)
    # A is the minimum of q: raising its 0 moves the column minimum, so by hand: for
    # x > 0.617 the minimum is C's 0.617 and A = 0.3 + 0.7 (x - 0.617)/(1 - 0.617), which
    # passes B = 0.7 at x = 0.617 + (4/7)(1 - 0.617).
    assert table.loc[("a", "q"), "required"] == pytest.approx(0.617 + 4 / 7 * 0.383, rel=1e-5)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_applying_the_change_makes_the_challenger_first_and_less_does_not(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.uniform(1.0, 10.0, (5, 3))
    obj = ["max", "min", "max"]
    w = rng.dirichlet(np.ones(3))
    alts = [f"v{i}" for i in range(5)]
    result = what_it_takes(x, obj, w, "topsis", alts)
    checked = 0
    for who, row in result.weight_changes.iterrows():
        if not row["possible"]:
            continue
        new = result.new_weights.loc[who].to_numpy()
        assert first(x, obj, new, who, names=alts)
        assert not first(x, obj, w + 0.9 * (new - w), who, names=alts)
        checked += 1
    for row in result.value_changes.itertuples(index=False):
        if not row.possible:
            continue
        i, j = alts.index(row.challenger), ["C1", "C2", "C3"].index(row.criterion)
        changed = x.copy()
        changed[i, j] = row.required
        assert first(changed, obj, w, row.challenger, names=alts)
        changed[i, j] = row.current + 0.9 * row.change
        assert not first(changed, obj, w, row.challenger, names=alts)
        assert row.change * (1 if row.objective == "max" else -1) > 0
        checked += 1
    assert checked >= 4


def test_impossible_cases() -> None:
    # d is dominated by c: no weights put it first under a weighted sum; nothing on a
    # zero-weight criterion changes anything; a tight search range can forbid a change.
    x = np.vstack([TWO, [0.3, 0.3]])
    result = what_it_takes(
        x,
        ["max", "max"],
        [1.0, 0.0],
        "wsm",
        [*NAMES, "d"],
        ["p", "q"],
        value_bounds={"p": (0.0, 0.5)},
    )
    assert not bool(result.weight_changes.loc["d", "possible"])
    assert result.new_weights.loc["d"].isna().all()
    table = result.value_changes.set_index(["challenger", "criterion"])
    assert not table.loc[("b", "q"), "possible"] and not table.loc[("c", "q"), "possible"]
    assert not table.loc[("d", "p"), "possible"]  # needs p above 1, searched up to 0.5
    assert table.loc[("d", "p"), "range_high"] == 0.5
    assert "d" not in result.best_value_changes.index


def test_identical_to_winner_needs_nothing() -> None:
    x = np.vstack([TWO, TWO[1]])
    result = what_it_takes(x, ["max", "max"], [0.3, 0.7], "wsm", [*NAMES, "b2"], challengers=["b2"])
    assert result.weight_changes.loc["b2", "l2"] == 0.0


def test_bad_inputs() -> None:
    with pytest.raises(InputError) as err:
        what_it_takes(TWO, ["max", "max"], [0.3, 0.7], challengers=["zz"])
    assert err.value.problems[0].rule == "sensitivity.unknown_alternative"
    with pytest.raises(InputError) as err:
        what_it_takes(TWO, ["max", "max"], [0.3, 0.7], value_bounds={"C1": (2.0, 1.0)})
    assert err.value.problems[0].rule == "sensitivity.bad_bounds"
    with pytest.raises(InputError) as err:
        what_it_takes(TWO, ["max", "max"], [0.3, 0.7], value_bounds={"nope": (0.0, 1.0)})
    assert err.value.problems[0].rule == "sensitivity.unknown_criterion"
