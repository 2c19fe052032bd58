"""The NumPy re-rank gives scikit-criteria's ranking: ranks, ties, notes, intermediates, scores."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from erp_select.analysis import reuse
from erp_select.analysis.parts import prepare
from erp_select.engine import RankResult, _skc, methods, rank
from erp_select.engine._core import TIE_RTOL
from erp_select.engine.rerank import FAST_METHODS, rerank, too_close
from erp_select.model.problem import as_problem
from erp_select.pipeline import analyse
from erp_select.report.demo import demo_project

ALL = [m.key for m in methods()]
#: Largest relative gap between a kernel score and the library's (a hundredth of the band).
ROUNDING = 1e-15 * 1000


def _same(fast: RankResult, reference: RankResult) -> None:
    """Everything of the two results is equal; the scores to rounding."""
    assert fast.method == reference.method
    assert fast.alternatives == reference.alternatives
    assert fast.ranks.tolist() == reference.ranks.tolist()
    assert fast.higher_is_better == reference.higher_is_better
    assert fast.neutral == reference.neutral
    scale = max(float(np.abs(reference.scores).max()), 1.0)
    np.testing.assert_allclose(fast.scores, reference.scores, rtol=0, atol=ROUNDING * scale)
    assert [(n.key, n.params) for n in fast.notes] == [(n.key, n.params) for n in reference.notes]
    assert fast.intermediate.keys() == reference.intermediate.keys()
    for name, values in reference.intermediate.items():
        np.testing.assert_allclose(fast.intermediate[name], values, rtol=1e-12, atol=1e-12)
    pairs = ((fast.normalised, reference.normalised), (fast.weights, reference.weights))
    for mine, theirs in pairs:
        assert (mine is None) == (theirs is None)
        if mine is not None and theirs is not None:
            np.testing.assert_array_equal(mine, theirs)


_values = st.one_of(st.integers(0, 6).map(float), st.floats(-50, 100, allow_nan=False))


@st.composite
def _tables(draw: st.DrawFn) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Small tables; integer values make exact ties, repeated rows make tied vendors, and
    zero weights and constant columns come up often."""
    m = draw(st.integers(2, 7))
    n = draw(st.integers(1, 5))
    rows = draw(st.lists(st.lists(_values, min_size=n, max_size=n), min_size=m, max_size=m))
    copies = draw(st.lists(st.integers(0, m - 1), max_size=2))
    rows = rows + [list(rows[i]) for i in copies]  # tied vendors
    objectives = draw(st.lists(st.sampled_from(["max", "min"]), min_size=n, max_size=n))
    weights = draw(
        st.lists(
            st.one_of(st.just(0.0), st.floats(0.0, 10.0, allow_nan=False)), min_size=n, max_size=n
        ).filter(lambda w: sum(w) > 1e-3)
    )
    return np.array(rows, dtype=float), objectives, np.array(weights)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=_tables(), method=st.sampled_from(ALL))
def test_rerank_is_the_library_ranking_on_any_table(
    table: tuple[np.ndarray, list[str], np.ndarray], method: str
) -> None:
    matrix, objectives, weights = table
    fast = rerank(as_problem(matrix, objectives, weights), method)
    _same(fast, rank(matrix, objectives, weights, method))


@pytest.mark.parametrize("method", ALL)
@pytest.mark.parametrize("seed", range(3))
def test_rerank_is_the_library_ranking_on_larger_random_tables(method: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, n = 30, 15
    matrix = rng.uniform(0.0, 100.0, size=(m, n))
    matrix[5] = matrix[2]  # two tied vendors
    matrix[:, 3] = 7.0  # a constant criterion
    signs = rng.choice([1, -1], size=n)
    weights = rng.dirichlet(np.ones(n))
    weights[4] = 0.0  # a criterion without weight
    _same(rerank(as_problem(matrix, signs, weights), method), rank(matrix, signs, weights, method))


@pytest.mark.parametrize("method", ALL)
def test_the_example_project_ranks_the_same_by_the_kept_path(method: str) -> None:
    """The app's path (kept evaluation, NumPy re-rank) and the pipeline's (scikit-criteria)
    give the same ranking, with the vendors the must-haves exclude left out of both."""
    reuse.clear()
    project = demo_project().model_copy(update={"method": method})
    kept = prepare(project)
    fresh = analyse(kept.project)
    assert kept.analysis.screening.excluded, "the example excludes some vendors"
    assert kept.analysis.screening.kept == fresh.screening.kept
    assert kept.analysis.result is not None and fresh.result is not None
    _same(kept.analysis.result, fresh.result)
    assert kept.analysis.order() == fresh.order()


@pytest.mark.parametrize("method", sorted(FAST_METHODS))
def test_the_kernel_methods_never_call_the_library(
    method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any) -> Any:
        raise AssertionError("scikit-criteria was called")

    monkeypatch.setattr(_skc, "RUNNERS", dict.fromkeys(_skc.RUNNERS, refuse))
    rng = np.random.default_rng(3)
    table = as_problem(rng.uniform(1, 9, size=(6, 4)), [1, -1, 1, 1], [1, 2, 3, 4])
    result = rerank(table, method)
    assert sorted(result.ranks.tolist()) == [1, 2, 3, 4, 5, 6]


def test_a_gap_at_the_tie_tolerance_is_left_to_the_library(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Two vendors whose WSM scores differ by the tie tolerance itself: rounding decides.
    gap = TIE_RTOL
    scores = np.array([1.0, 1.0 - gap, 0.5])
    assert too_close(scores, True)
    assert not too_close(np.array([1.0, 1.0, 0.5]), True)  # an exact tie is certain
    assert not too_close(np.array([1.0, 1.0 - 100 * gap, 0.5]), True)  # so is a clear gap
    assert too_close(np.zeros(3), True)
    called: list[str] = []
    original = _skc.RUNNERS["wsm"]

    def counted(*args: Any) -> Any:
        called.append("wsm")
        return original(*args)

    monkeypatch.setattr(_skc, "RUNNERS", {**_skc.RUNNERS, "wsm": counted})
    # min–max WSM on one criterion: the scores are the normalised values themselves
    matrix = np.array([[1.0], [1.0 - gap], [0.0]])
    result = rerank(as_problem(matrix, ["max"], [1.0]), "wsm")
    assert called == ["wsm"]
    _same(result, rank(matrix, ["max"], [1.0], "wsm"))
