"""Tests for erp_select.engine.batch: agreement with rank() sample by sample, tie rule,
degenerate samples, memory-sized runs and bad inputs."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from erp_select.engine import method_info, methods, rank
from erp_select.engine.batch import batch_scores, ranks_from_scores, utilities
from erp_select.errors import InputError

ALL = [info.key for info in methods()]
BATCHED = [info.key for info in methods() if info.batchable]


def _per_sample(method: str, matrix: np.ndarray, objectives: Any, weights: np.ndarray) -> Any:
    results = [
        rank(matrix if matrix.ndim == 2 else matrix[s], objectives, weights[s], method)
        for s in range(len(weights))
    ]
    return np.array([r.scores for r in results]), np.array([r.ranks for r in results])


def _weights(rng: np.random.Generator, samples: int, n: int) -> np.ndarray:
    w = rng.dirichlet(np.ones(n), size=samples) * rng.uniform(0.5, 3.0, size=(samples, 1))
    w[0, 0] = 0.0  # a zero weight in some samples
    w[1, : n - 1] = 0.0  # a single weighted criterion
    return w


@pytest.mark.parametrize("method", ALL)
@pytest.mark.parametrize("seed", range(3))
def test_shared_matrix_matches_rank_sample_by_sample(method: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, n = 7, 5
    matrix = rng.uniform(-2.0, 10.0, size=(m, n)) if seed == 2 else rng.uniform(1.0, 10.0, (m, n))
    matrix[:, 3] = np.round(matrix[:, 3])  # some ties inside a criterion
    matrix[2, 1] = 0.0  # a zero value (a free item when it is a cost)
    objectives = ["max", "min", "max", "min", "max"]
    samples = 25 if method_info(method).batchable else 6
    weights = _weights(rng, samples, n)
    got = batch_scores(method, matrix, objectives, weights)
    expected, expected_ranks = _per_sample(method, matrix, objectives, weights)
    assert got.shape == (samples, m)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)
    ranks = ranks_from_scores(got, method_info(method).higher_is_better)
    assert (ranks == expected_ranks).all()


@pytest.mark.parametrize("method", ALL)
def test_one_matrix_per_sample_matches_rank(method: str) -> None:
    rng = np.random.default_rng(11)
    samples, m, n = (12 if method_info(method).batchable else 4), 6, 4
    matrices = rng.uniform(0.5, 20.0, size=(samples, m, n))
    matrices[3, :, 2] = 4.0  # a constant criterion in one sample only
    matrices[2, 0, :] = matrices[2, 1, :]  # identical vendors in one sample
    matrices[1, :, 0] -= 10.0  # negative values in one sample (shifted where needed)
    weights = _weights(rng, samples, n)
    objectives = [1, -1, 1, -1]
    got = batch_scores(method, matrices, objectives, weights)
    expected, expected_ranks = _per_sample(method, matrices, objectives, weights)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)
    assert (ranks_from_scores(got, method_info(method).higher_is_better) == expected_ranks).all()


@pytest.mark.parametrize("method", ALL)
def test_samples_where_nothing_discriminates_match_rank(method: str) -> None:
    matrix = np.array([[1.0, 5.0, 2.0], [2.0, 5.0, 1.0], [3.0, 5.0, 3.0]])
    weights = np.array([[0.0, 1.0, 0.0], [0.2, 0.6, 0.2]])  # sample 1: only the constant one
    got = batch_scores(method, matrix, ["max", "min", "max"], weights)
    expected, _ = _per_sample(method, matrix, ["max", "min", "max"], weights)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)
    assert len(set(got[0])) == 1


@pytest.mark.parametrize("method", ALL)
def test_single_vendor(method: str) -> None:
    got = batch_scores(method, np.array([[1.0, 2.0]]), ["max", "min"], np.ones((3, 2)))
    expected, _ = _per_sample(method, np.array([[1.0, 2.0]]), ["max", "min"], np.ones((3, 2)))
    np.testing.assert_allclose(got, expected)
    assert (ranks_from_scores(got) == 1).all()


@pytest.mark.parametrize("method", BATCHED)
def test_utilities_are_oriented_higher_is_better(method: str) -> None:
    rng = np.random.default_rng(5)
    matrix = rng.uniform(1, 10, size=(5, 3))
    weights = rng.dirichlet(np.ones(3), size=8)
    scores = batch_scores(method, matrix, ["max", "min", "max"], weights)
    util = utilities(method, matrix, ["max", "min", "max"], weights)
    sign = 1.0 if method_info(method).higher_is_better else -1.0
    np.testing.assert_array_equal(util, sign * scores)
    assert (ranks_from_scores(util, True) == ranks_from_scores(scores, sign > 0)).all()


def test_one_dimensional_weights_are_one_sample() -> None:
    matrix = np.array([[1.0, 2.0], [2.0, 1.0], [0.5, 0.5]])
    got = batch_scores("topsis", matrix, ["max", "max"], np.array([1.0, 3.0]))
    np.testing.assert_allclose(got[0], rank(matrix, ["max", "max"], [1, 3]).scores, rtol=1e-12)


def test_ranks_from_scores_competition_rule() -> None:
    scores = np.array([[0.5, 0.9, 0.5, 0.1], [1.0, 1.0 + 1e-14, 0.0, 2.0]])
    assert ranks_from_scores(scores).tolist() == [[2, 1, 2, 4], [2, 2, 4, 1]]
    assert ranks_from_scores(scores[0], higher_is_better=False).tolist() == [2, 4, 2, 1]
    assert ranks_from_scores(np.zeros((2, 3))).tolist() == [[1, 1, 1], [1, 1, 1]]
    assert ranks_from_scores(scores).dtype == np.int64


@pytest.mark.parametrize("method", ["topsis", "vikor", "copras"])
def test_large_sample_keeps_its_shape(method: str) -> None:
    # S = 100 000 samples of 30 vendors × 12 criteria: chunked, no (S, m, n) temporary
    rng = np.random.default_rng(0)
    matrix = rng.uniform(1, 100, size=(30, 12))
    weights = rng.dirichlet(np.ones(12), size=100_000)
    objectives = ["max"] * 8 + ["min"] * 4
    got = batch_scores(method, matrix, objectives, weights)
    assert got.shape == (100_000, 30) and np.isfinite(got).all()
    for s in (0, 54_321, 99_999):
        np.testing.assert_allclose(
            got[s], rank(matrix, objectives, weights[s], method).scores, rtol=1e-9, atol=1e-12
        )


@pytest.mark.parametrize(
    ("weights", "rule", "row"),
    [
        (np.array([[0.5, 0.5], [0.0, 0.0]]), "engine.weights_all_zero", 2),
        (np.array([[0.5, -0.5], [0.1, 0.9]]), "engine.weight_negative", 1),
        (np.array([[0.5, np.nan], [0.1, 0.9]]), "engine.weight_not_finite", 1),
        (np.array([[0.5, np.inf]]), "engine.weight_not_finite", 1),
        (np.ones((2, 3)), "engine.batch_weights_shape", None),
        (np.ones((2, 2, 2)), "engine.batch_weights_shape", None),
        ([["a", "b"]], "engine.weight_not_numeric", None),
    ],
)
def test_bad_weight_samples_are_located(weights: Any, rule: str, row: int | None) -> None:
    with pytest.raises(InputError) as exc:
        batch_scores("topsis", np.array([[1.0, 2.0], [2.0, 1.0]]), ["max", "max"], weights)
    problems = [p for p in exc.value.problems if p.rule == rule]
    assert problems, [p.rule for p in exc.value.problems]
    assert problems[0].row == row
    assert "errors." not in exc.value.render("fr")


@pytest.mark.parametrize(
    ("matrix", "rule"),
    [
        (np.array([[1.0, np.nan], [2.0, 1.0]]), "engine.batch_matrix_not_finite"),
        (np.ones((3, 2, 2)), "engine.batch_matrix_shape"),  # 3 matrices for 2 samples
        (np.ones(4), "engine.batch_matrix_shape"),
        (np.ones((2, 3)), "engine.batch_weights_shape"),  # 3 criteria, weights for 2
        ([["x", 1.0], [2.0, 1.0]], "engine.not_numeric"),
    ],
)
def test_bad_matrices_are_rejected(matrix: Any, rule: str) -> None:
    with pytest.raises(InputError) as exc:
        batch_scores("wsm", matrix, ["max", "max"], np.ones((2, 2)))
    assert rule in [p.rule for p in exc.value.problems]


def test_bad_method_and_objectives() -> None:
    with pytest.raises(InputError) as exc:
        batch_scores("best", np.ones((2, 2)), ["max", "max"], np.ones((1, 2)))
    assert exc.value.problems[0].rule == "engine.unknown_method"
    with pytest.raises(InputError) as exc:
        batch_scores("topsis", np.ones((2, 2)), ["max", "up"], np.ones((1, 2)))
    assert exc.value.problems[0].rule == "engine.bad_objective"


# ----------------------------------------------------------------- prepared-table cache


def test_repeated_batches_on_one_table_match_rank_and_leave_the_input_writable() -> None:
    """The shared-table cache gives the same scores as ``rank()`` call after call.

    The second and third batches reuse the prepared table; a changed table (one cell
    edited in place) must not be served from the cache.
    """
    rng = np.random.default_rng(7)
    x = rng.uniform(1.0, 9.0, size=(6, 4))
    objectives = ["max", "min", "max", "max"]
    w = rng.dirichlet(np.ones(4), size=5)
    for method in ("topsis", "wsm", "vikor", "copras", "edas", "waspas"):
        first = batch_scores(method, x, objectives, w)
        again = batch_scores(method, x, objectives, w[::-1])
        for s in range(w.shape[0]):
            expected = rank(x, objectives, w[s], method=method).scores
            np.testing.assert_allclose(first[s], expected, atol=1e-9)
            np.testing.assert_allclose(again[w.shape[0] - 1 - s], expected, atol=1e-9)
    assert x.flags.writeable
    x[0, 0] = 50.0
    edited = batch_scores("topsis", x, objectives, w[:1])
    np.testing.assert_allclose(
        edited[0], rank(x, objectives, w[0], method="topsis").scores, atol=1e-9
    )


# ---------------------------------------------------------------- constant criteria (issue 13)
# X = [[9, 4, 2], [9, 9, 6], [9, 8, 7]], min, min, max, w = [4, 4, 3]: C1 is the same for
# every vendor. WASPAS (λ = 0.5, ratios x/max and min/x) and COPRAS keep it, as published;
# the closed forms must give the literature's values, and the same as rank().
_CX = np.array([[9.0, 4.0, 2.0], [9.0, 9.0, 6.0], [9.0, 8.0, 7.0]])
_CSIGNS = np.array([-1, -1, 1])


def test_batch_keeps_constant_criteria_like_the_published_formulas() -> None:
    q = np.array([4.0, 4.0, 3.0]) / 11.0
    r = np.where(_CSIGNS > 0, _CX / _CX.max(axis=0), _CX.min(axis=0) / _CX)
    waspas = 0.5 * (q * r).sum(axis=1) + 0.5 * np.prod(r**q, axis=1)
    d = q * _CX / _CX.sum(axis=0)
    s_plus, s_minus = d[:, 2], d[:, :2].sum(axis=1)
    big_q = s_plus + s_minus.min() * s_minus.sum() / (s_minus * (s_minus.min() / s_minus).sum())
    copras = 100.0 * big_q / big_q.max()
    weights = np.array([[4.0, 4.0, 3.0]])
    for method, expected in (("waspas", waspas), ("copras", copras)):
        got = batch_scores(method, _CX, ["min", "min", "max"], weights)[0]
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)


@pytest.mark.parametrize("method", ALL)
@pytest.mark.parametrize("value", [7.0, 0.0, -3.0])
def test_constant_criteria_are_treated_as_rank_treats_them(method: str, value: float) -> None:
    rng = np.random.default_rng(5)
    samples, m, n = (15 if method_info(method).batchable else 4), 5, 4
    matrix = rng.uniform(1.0, 10.0, size=(m, n))
    matrix[:, 1] = value  # one constant criterion in the shared table
    weights = _weights(rng, samples, n)
    objectives = ["max", "min", "min", "max"]
    got = batch_scores(method, matrix, objectives, weights)
    expected, expected_ranks = _per_sample(method, matrix, objectives, weights)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)
    assert (ranks_from_scores(got, method_info(method).higher_is_better) == expected_ranks).all()
    matrices = np.repeat(matrix[None], samples, axis=0)
    matrices[0, :, 3] = 2.5  # and one more in a single sample
    got = batch_scores(method, matrices, objectives, weights)
    expected, _ = _per_sample(method, matrices, objectives, weights)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)
