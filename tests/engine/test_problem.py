"""The Problem value object: checked once, one vocabulary, taken by every analysis."""

from __future__ import annotations

import numpy as np
import pytest

from erp_select import api
from erp_select.engine import Problem, rank
from erp_select.engine.batch import batch_scores
from erp_select.errors import InputError
from erp_select.explain.contributions import contributions
from erp_select.sensitivity.curves import weight_crossovers
from erp_select.sensitivity.smaa import run_smaa

X = [[250.0, 16.0, 12.0], [200.0, 16.0, 8.0], [300.0, 32.0, 16.0]]


def test_of_checks_and_normalises_once() -> None:
    problem = Problem.of(X, ["cost", "benefit", 1], [2, 1, 1], ["a", "b", "c"])
    assert problem.objectives == ("min", "max", "max")
    assert problem.signs.tolist() == [-1, 1, 1]
    np.testing.assert_allclose(problem.weights, [0.5, 0.25, 0.25])
    assert problem.criteria == ("C1", "C2", "C3")
    assert (problem.m, problem.n) == (3, 3)
    assert problem.low is None and problem.high is None


def test_of_reports_every_mistake_at_once_in_the_engine_vocabulary() -> None:
    with pytest.raises(InputError) as caught:
        Problem.of([[1.0, "x"], [2.0, 3.0]], ["max", "up"], [1, -1])
    rules = {p.rule for p in caught.value.problems}
    assert rules == {"engine.not_numeric", "engine.bad_objective", "engine.weight_negative"}


def test_ranges_are_checked_with_the_problem() -> None:
    with pytest.raises(InputError) as caught:
        Problem.of([[1.0], [2.0]], ["max"], [1], low=[[1.5], [2.0]])
    assert [p.rule for p in caught.value.problems] == ["sensitivity.bad_range"]
    with_nan = Problem.of([[1.0], [2.0]], ["max"], [1], low=[[0.5], [np.nan]])
    assert with_nan.low is not None and with_nan.high is not None
    assert with_nan.low.tolist() == [[0.5], [2.0]] and with_nan.high.tolist() == [[1.0], [2.0]]


def test_a_problem_and_its_plain_form_give_the_same_figures() -> None:
    problem = Problem.of(X, ["min", "max", "max"], [0.5, 0.3, 0.2])
    plain = (X, ["min", "max", "max"], [0.5, 0.3, 0.2])
    for method in ("topsis", "vikor", "wsm"):
        np.testing.assert_array_equal(
            rank(problem, method=method).scores, rank(*plain, method=method).scores
        )
    samples = np.array([[0.2, 0.3, 0.5], [0.6, 0.2, 0.2]])
    np.testing.assert_array_equal(
        batch_scores("wsm", problem, weights=samples), batch_scores("wsm", X, plain[1], samples)
    )
    assert weight_crossovers(problem, method="wsm").equals(weight_crossovers(*plain, "wsm"))
    a = run_smaa(problem, n=300, seed=4).acceptability
    b = run_smaa(*plain, n=300, seed=4).acceptability
    assert a.equals(b)
    assert api.rank(problem).equals(api.rank(*plain))


def test_mixing_a_problem_with_plain_arguments_is_refused() -> None:
    problem = Problem.of(X, ["min", "max", "max"], [0.5, 0.3, 0.2])
    with pytest.raises(TypeError):
        rank(problem, ["max", "max", "max"])


def test_smaa_problem_carries_the_ranges_and_uniform_ignores_weights() -> None:
    low = np.array(X) * 0.9
    high = np.array(X) * 1.1
    problem = Problem.of(X, ["min", "max", "max"], [0.5, 0.3, 0.2], low=low, high=high)
    plain = run_smaa(X, ["min", "max", "max"], [0.5, 0.3, 0.2], n=200, seed=1, low=low, high=high)
    found = run_smaa(problem, n=200, seed=1)
    assert found.uncertain_cells == plain.uncertain_cells == 9
    assert found.acceptability.equals(plain.acceptability)
    uniform = run_smaa(problem, n=200, seed=1, uniform=True)
    assert uniform.weight_model == "uniform"
    assert uniform.acceptability.equals(
        run_smaa(X, ["min", "max", "max"], None, n=200, seed=1, low=low, high=high).acceptability
    )


def test_rank_result_carries_the_normalised_matrix_and_the_weights_used() -> None:
    # By hand. WSM min–max, cost reversed: C1 (250, 200, 300) → (0.5, 1, 0);
    # C2 (16, 16, 32) → (0, 0, 1); C3 (12, 8, 16) → (0.5, 0, 1).
    problem = Problem.of(X, ["min", "max", "max"], [0.5, 0.3, 0.2])
    wsm = rank(problem, method="wsm")
    assert wsm.normalised is not None and wsm.weights is not None
    np.testing.assert_allclose(wsm.normalised, [[0.5, 0, 0.5], [1, 0, 0], [0, 1, 1]])
    np.testing.assert_allclose(wsm.weights, [0.5, 0.3, 0.2])
    # TOPSIS: x / ‖x‖, cost negated; ‖C1‖ = √(250² + 200² + 300²) = √192500.
    topsis = rank(problem, method="topsis")
    assert topsis.normalised is not None
    np.testing.assert_allclose(topsis.normalised[:, 0], -np.array([250, 200, 300]) / 192500**0.5)
    # A constant criterion is left out of WSM: weight 0 there, the others renormalised.
    constant = rank(Problem.of([[1.0, 5.0], [2.0, 5.0]], ["max", "max"], [1, 1]), method="wsm")
    assert constant.weights is not None
    np.testing.assert_allclose(constant.weights, [1.0, 0.0])
    # Methods without a matrix to show leave it out.
    assert rank(problem, method="vikor").normalised is None


def test_contributions_split_the_engines_own_normalised_matrix() -> None:
    problem = Problem.of(X, ["min", "max", "max"], [0.5, 0.3, 0.2])
    found = contributions(problem, method="wsm")
    # parts = w · r by hand: a = 0.25 + 0 + 0.1, b = 0.5, c = 0 + 0.3 + 0.2
    np.testing.assert_allclose(found.parts.sum(axis=1), [0.35, 0.5, 0.5])
