"""The public weight sweep: closed form, rows summing to 1, located errors for bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erp_select.errors import InputError
from erp_select.sensitivity import _common
from erp_select.sensitivity.weights import sweep_weights


def test_closed_form_proportional_rescaling() -> None:
    # w = (0.5, 0.3, 0.2); criterion 0 set to 0.2 leaves 0.8 shared 3:2 -> 0.48, 0.32.
    out = sweep_weights([0.5, 0.3, 0.2], 0, [0.2, 1.0, 0.0])
    np.testing.assert_allclose(out[0], [0.2, 0.48, 0.32], atol=1e-12)
    np.testing.assert_allclose(out[1], [1.0, 0.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(out[2], [0.0, 0.6, 0.4], atol=1e-12)


def test_all_weight_on_one_criterion_shares_the_rest_equally() -> None:
    out = sweep_weights([0.0, 1.0, 0.0], 1, 0.4)
    np.testing.assert_allclose(out, [[0.3, 0.4, 0.3]], atol=1e-12)


def test_old_private_name_still_importable_and_equal() -> None:
    w = np.array([0.1, 0.6, 0.3])
    np.testing.assert_array_equal(
        _common.sweep_weights(w, 2, [0.5]), sweep_weights(list(w), 2, [0.5])
    )


@settings(max_examples=40, deadline=None)
@given(
    raw=st.lists(st.floats(0.01, 10.0), min_size=2, max_size=8),
    data=st.data(),
)
def test_rows_sum_to_one_and_keep_ratios(raw: list[float], data: st.DataObject) -> None:
    w = np.array(raw) / sum(raw)
    j = data.draw(st.integers(0, len(raw) - 1))
    ts = data.draw(st.lists(st.floats(0.0, 1.0), min_size=1, max_size=5))
    out = sweep_weights(w, j, ts)
    np.testing.assert_allclose(out.sum(axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(out[:, j], ts)
    others = [k for k in range(len(raw)) if k != j]
    for row, x in zip(out, ts, strict=True):
        if x < 1.0:
            np.testing.assert_allclose(row[others] / row[others].sum(), w[others] / w[others].sum())


@pytest.mark.parametrize(
    ("weights", "j", "t", "rule"),
    [
        (["a", "b"], 0, [0.5], "sensitivity.weights_not_numeric"),
        ([0.5, -0.1, 0.6], 0, [0.5], "sensitivity.weight_negative"),
        ([0.5, float("nan"), 0.5], 0, [0.5], "sensitivity.weight_negative"),
        ([0.5, 0.4], 0, [0.5], "sensitivity.weights_sum"),
        ([0.5, 0.5], 2, [0.5], "sensitivity.unknown_criterion"),
        ([0.5, 0.5], -1, [0.5], "sensitivity.unknown_criterion"),
        ([0.5, 0.5], 0, [1.5], "sensitivity.bad_sweep"),
        ([0.5, 0.5], 0, [float("inf")], "sensitivity.bad_sweep"),
        ([], 0, [0.5], "sensitivity.weights_not_numeric"),
    ],
)
def test_bad_inputs_are_located(weights: list[object], j: int, t: list[float], rule: str) -> None:
    with pytest.raises(InputError) as info:
        sweep_weights(weights, j, t)  # type: ignore[arg-type]
    rules = [p.rule for p in info.value.problems]
    assert rule in rules
    for lang in ("fr", "en"):
        assert all(line and "sensitivity." not in line for line in info.value.lines(lang))
