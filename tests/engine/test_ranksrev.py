"""Tests for erp_select.engine.ranksrev: plain results, reproducibility and known cases."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from erp_select.engine.ranksrev import RankReversalResult, rank_reversal_check
from erp_select.errors import InputError


def _chain() -> np.ndarray:
    # A1 dominates A2 dominates A3 dominates A4 on every criterion
    return np.array(
        [[9.0, 1.0, 8.0], [7.0, 2.0, 6.0], [5.0, 4.0, 5.0], [2.0, 6.0, 1.0]], dtype=float
    )


def test_result_holds_only_plain_values() -> None:
    res = rank_reversal_check(_chain(), ["max", "min", "max"], [0.4, 0.3, 0.3], method="topsis")
    assert isinstance(res, RankReversalResult)
    for f in dataclasses.fields(res):
        value = getattr(res, f.name)
        assert not type(value).__module__.startswith("skcriteria"), f.name
    assert isinstance(res.changes, pd.DataFrame)
    assert list(res.changes.columns) == [
        "mutated",
        "iteration",
        "best_kept",
        "order_kept",
        "new_best",
    ]


@pytest.mark.parametrize("method", ["topsis", "wsm", "vikor", "spotis", "electre2"])
def test_a_dominance_chain_shows_no_reversal(method: str) -> None:
    # every pair is ordered by dominance, and worsening a vendor no further than the next
    # one keeps the chain: no monotone method may reverse it
    res = rank_reversal_check(_chain(), ["max", "min", "max"], [0.4, 0.3, 0.3], method=method)
    assert res.best == ["A1"]
    assert res.mutations == 3 * 3  # three non-best vendors, repeat = 3
    assert res.best_kept_rate == 1.0 and res.mean_best_displacement == 0.0
    assert res.transitive and res.pairwise_consistent and res.passed


def test_condorcet_profile_is_a_cycle_for_the_min_max_weighted_sum() -> None:
    # With two vendors, min-max rescaling turns each criterion into 0/1, so the weighted
    # sum becomes a weighted majority vote: the Condorcet profile below makes B beat A,
    # C beat B and A beat C (a classic intransitivity of pairwise majority).
    matrix = [[1.0, 2.0, 3.0], [2.0, 3.0, 1.0], [3.0, 1.0, 2.0]]
    res = rank_reversal_check(matrix, ["max"] * 3, [1, 1, 1], method="wsm")
    assert not res.transitive
    assert not res.passed
    assert res.transitivity_break_rate > 0
    assert "engine.note.reversal_cycle" in [n.key for n in res.notes]


def test_same_seed_same_result() -> None:
    rng = np.random.default_rng(4)
    matrix = rng.uniform(1, 10, size=(6, 4))
    args = (matrix, ["max", "min", "max", "max"], [0.3, 0.2, 0.3, 0.2])
    one = rank_reversal_check(*args, method="topsis", seed=3)
    two = rank_reversal_check(*args, method="topsis", seed=3)
    assert one.best_kept_rate == two.best_kept_rate
    pd.testing.assert_frame_equal(one.changes, two.changes)


@pytest.mark.timeout(120)
def test_identical_vendors_do_not_hang() -> None:
    # scikit-criteria draws noise until it is non-zero: with a vendor equal to its
    # successor that would loop for ever; the engine skips such a mutation instead
    matrix = [[5.0, 5.0], [3.0, 2.0], [3.0, 2.0], [1.0, 1.0]]
    res = rank_reversal_check(matrix, ["max", "max"], [1, 1], method="wsm")
    assert res.best == ["A1"]
    assert res.best_kept_rate == 1.0


def test_too_few_vendors_is_skipped_with_a_note() -> None:
    res = rank_reversal_check([[1.0, 2.0], [2.0, 1.0]], ["max", "max"], [1, 1])
    assert res.passed and res.mutations == 0
    assert [n.key for n in res.notes] == ["engine.note.reversal_too_few"]
    assert "3" in res.notes[0].render("fr")


def test_bad_inputs_are_input_errors() -> None:
    with pytest.raises(InputError):
        rank_reversal_check([[1.0, np.nan], [2.0, 1.0], [0, 0]], ["max", "max"], [1, 1])
    with pytest.raises(InputError):
        rank_reversal_check(_chain(), ["max", "min", "max"], [1, 1, 1], method="nope")
    with pytest.raises(InputError) as exc:
        rank_reversal_check(_chain(), ["max", "min", "max"], [1, 1, 1], repeat=0)
    assert exc.value.problems[0].rule == "engine.rank_reversal_repeat"
