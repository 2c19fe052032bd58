"""Rank-based weights against their closed forms, with ties, and bad rankings."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erp_select.errors import InputError
from erp_select.weights import position_weights, rank_weights


def test_roc_n4_closed_form() -> None:
    # Rank-order centroid, w_k = (1/n) Σ_{i=k..n} 1/i (Barron & Barrett 1996), n = 4:
    # 25/48, 13/48, 7/48, 3/48 = 0.5208, 0.2708, 0.1458, 0.0625.
    w, report = rank_weights({"fit": 1, "cost": 2, "risk": 3, "vendor": 4})
    np.testing.assert_allclose(w, [0.5208, 0.2708, 0.1458, 0.0625], atol=5e-5)
    np.testing.assert_allclose(w, [25 / 48, 13 / 48, 7 / 48, 3 / 48], rtol=1e-12)
    assert report.method == "roc"
    assert report.weights["risk"] == pytest.approx(7 / 48)


def test_roc_exact_fractions_for_n_up_to_8() -> None:
    for n in range(1, 9):
        exact = [sum(Fraction(1, i) for i in range(k, n + 1)) / n for k in range(1, n + 1)]
        np.testing.assert_allclose(position_weights(n, "roc"), [float(x) for x in exact])


def test_rank_sum_and_reciprocal_closed_forms() -> None:
    # Rank sum: 2(n+1-k)/(n(n+1)) → 4/10, 3/10, 2/10, 1/10 for n = 4.
    np.testing.assert_allclose(position_weights(4, "rank_sum"), [0.4, 0.3, 0.2, 0.1])
    # Rank reciprocal: (1/k)/Σ1/i, Σ = 25/12 → 12/25, 6/25, 4/25, 3/25.
    np.testing.assert_allclose(position_weights(4, "reciprocal"), [0.48, 0.24, 0.16, 0.12])


def test_ties_share_the_average_of_their_positions() -> None:
    # a and b tie for first: they occupy positions 1 and 2 of ROC n = 3
    # (11/18, 5/18, 2/18) and each get (11/18 + 5/18)/2 = 4/9; c keeps 1/9.
    w, report = rank_weights({"a": 1, "b": 1, "c": 2})
    np.testing.assert_allclose(w, [4 / 9, 4 / 9, 1 / 9])
    assert report.positions == {"a": (1, 2), "b": (1, 2), "c": (3,)}


def test_competition_and_dense_ranks_mean_the_same() -> None:
    dense = rank_weights({"a": 2, "b": 1, "c": 2, "d": 3}, "rank_sum")[0]
    competition = rank_weights({"a": 2, "b": 1, "c": 2, "d": 4}, "rank_sum")[0]
    np.testing.assert_allclose(dense, competition)
    # b first (0.4); a, c share positions 2-3 ((0.3 + 0.2)/2 = 0.25); d last (0.1).
    np.testing.assert_allclose(dense, [0.25, 0.4, 0.25, 0.1])


def test_everything_tied_is_equal_weights() -> None:
    w, _ = rank_weights([1, 1, 1, 1, 1], "reciprocal")
    np.testing.assert_allclose(w, [0.2] * 5)


def test_sequence_input_gets_default_ids() -> None:
    _, report = rank_weights([2, 1])
    assert report.ids == ("c1", "c2")
    assert report.weights["c2"] == pytest.approx(0.75)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.integers(1, 6), min_size=1, max_size=12),
    st.sampled_from(["roc", "rank_sum", "reciprocal"]),
)
def test_weights_sum_to_one_and_follow_the_ranking(ranks: list[int], method: str) -> None:
    w, _ = rank_weights(ranks, method)  # type: ignore[arg-type]
    assert w.sum() == pytest.approx(1.0)
    for i in range(len(ranks)):
        for j in range(len(ranks)):
            if ranks[i] < ranks[j]:
                assert w[i] > w[j]
            elif ranks[i] == ranks[j]:
                assert w[i] == pytest.approx(w[j])


@pytest.mark.parametrize("bad", [0, -1, 1.5, "1", True, float("nan")])
def test_bad_rank_is_named(bad: object) -> None:
    with pytest.raises(InputError) as exc:
        rank_weights({"a": 1, "b": bad})  # type: ignore[dict-item]
    (p,) = exc.value.problems
    assert (p.rule, p.field) == ("weights.bad_rank", "b")


def test_empty_and_unknown_method() -> None:
    with pytest.raises(InputError) as exc:
        rank_weights({})
    assert exc.value.problems[0].rule == "weights.empty"
    with pytest.raises(InputError) as exc:
        rank_weights({"a": 1}, "borda")  # type: ignore[arg-type]
    assert exc.value.problems[0].rule == "weights.unknown_rank_method"
