"""Drawn tables scored at once agree with the engine's batch scorer, table by table."""

from __future__ import annotations

import numpy as np
import pytest

from erp_select.engine.batch import utilities
from erp_select.engine.drawn import DrawnTables
from erp_select.engine.registry import methods

OBJECTIVES = ["max", "min", "max", "min"]
SIGNS = np.array([1, -1, 1, -1])


def _tables(seed: int, tiny: bool, samples: int = 40) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = rng.uniform(-5.0, 20.0, (samples, 6, 4))
    x[::3, :, 1] = 7.5  # a constant criterion in some tables
    x[1::4, :, 2] = 0.0  # a criterion of zeros
    x[2::5, 3] = x[2::5, 0]  # twin vendors
    if tiny:  # values whose squares underflow: TOPSIS takes the general kernel
        x[5] = 1e-120 * rng.uniform(1.0, 2.0, (6, 4))
    return x


@pytest.mark.parametrize("tiny", [False, True])
@pytest.mark.parametrize("method", [m.key for m in methods()])
def test_drawn_tables_score_as_the_engine(method: str, tiny: bool) -> None:
    x = _tables(1, tiny)
    w = np.random.default_rng(2).dirichlet(np.ones(4), x.shape[0])
    w[::7, 0] = 0.0
    w[3] = [0.0, 1.0, 0.0, 0.0]  # only the constant criterion weighs in some tables
    drawn = DrawnTables(method, SIGNS, np.ascontiguousarray(x.transpose(1, 0, 2)))
    expected = utilities(method, x, OBJECTIVES, weights=w)
    assert drawn.utilities(w) == pytest.approx(expected, rel=1e-12, abs=1e-12)
    one = w[4]
    expected_one = utilities(method, x, OBJECTIVES, weights=np.tile(one, (x.shape[0], 1)))
    assert drawn.utilities(one) == pytest.approx(expected_one, rel=1e-12, abs=1e-12)


def test_shared_utilities_equal_the_checked_scorer_and_report_bad_weights() -> None:
    from erp_select.engine import Problem
    from erp_select.engine.scorer import shared_utilities
    from erp_select.errors import InputError

    x = _tables(4, tiny=False)[0]
    problem = Problem.of(x, OBJECTIVES, [0.25] * 4)
    w = np.random.default_rng(5).dirichlet(np.ones(4), 30) * 3.0  # rows not summing to 1
    for method in (m.key for m in methods()):
        scorer = shared_utilities(method, problem)
        assert np.array_equal(scorer(w), utilities(method, problem, weights=w))
        assert np.array_equal(scorer(w[3]), utilities(method, problem, weights=w[3]))
        with pytest.raises(InputError) as err:
            scorer(np.array([[0.5, -0.1, 0.3, 0.3]]))
        assert err.value.problems[0].rule == "engine.weight_negative"
