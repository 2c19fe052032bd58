"""The parts the analyses keep per problem give the numbers computed afresh, bit for bit."""

from __future__ import annotations

import numpy as np

from erp_select.sensitivity._common import check_inputs, masked, sweep_weights


def test_kept_sweeps_and_rests_equal_fresh_ones() -> None:
    x = np.random.default_rng(0).uniform(1, 10, (5, 4))
    x[3] = x[1]  # a twin of vendor 1
    inputs = check_inputs(x, ["max", "min", "max", "max"], [0.1, 0.2, 0.3, 0.4], "topsis")
    ts = np.linspace(0.0, 1.0, 11)
    for j in range(4):
        for _ in range(2):  # the second call reads the kept parts
            assert np.array_equal(inputs.sweep(j, ts), sweep_weights(inputs.weights, j, ts))
    # by hand: distinct vendors 0, 1, 2, 4 (3 is 1's twin)
    assert inputs.rest(0).tolist() == [1, 2, 4]
    assert inputs.rest(3).tolist() == [0, 2, 4]
    assert inputs.rest(0, 1).tolist() == [2, 4]
    u = np.arange(10.0).reshape(2, 5)
    assert masked(inputs, u)[:, 3].tolist() == [-np.inf, -np.inf]
    assert u[:, 3].tolist() == [3.0, 8.0]  # the caller's array is left alone


def test_without_twins_masked_reads_the_utilities_as_they_are() -> None:
    x = np.random.default_rng(1).uniform(1, 10, (4, 3))
    inputs = check_inputs(x, ["max"] * 3, [0.2, 0.3, 0.5], "topsis")
    u = np.random.default_rng(2).random((3, 4))
    assert np.array_equal(masked(inputs, u), u)
    assert inputs.twins is None
