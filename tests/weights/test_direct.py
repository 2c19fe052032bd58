"""Direct points and swing weighting: normalisation shown, bad values refused."""

from __future__ import annotations

import numpy as np
import pytest

from erp_select.errors import InputError
from erp_select.weights import direct_weights, swing_weights


def test_points_are_normalised_with_the_sum_shown() -> None:
    w, report = direct_weights({"fit": 30, "cost": 20, "risk": 50})
    np.testing.assert_allclose(w, [0.3, 0.2, 0.5])
    assert report.total == 100
    assert report.points == {"fit": 30.0, "cost": 20.0, "risk": 50.0}
    assert report.weights == pytest.approx({"fit": 0.3, "cost": 0.2, "risk": 0.5})


def test_percentages_not_adding_to_100_are_rescaled() -> None:
    w, report = direct_weights({"a": 40, "b": 40, "c": 40})
    np.testing.assert_allclose(w, [1 / 3] * 3)
    assert report.total == 120


def test_a_zero_point_criterion_gets_zero() -> None:
    w, _ = direct_weights({"a": 0, "b": 5})
    np.testing.assert_allclose(w, [0.0, 1.0])


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf"), "10", True])
def test_bad_points_are_named(bad: object) -> None:
    with pytest.raises(InputError) as exc:
        direct_weights({"a": 1, "b": bad})  # type: ignore[dict-item]
    (p,) = exc.value.problems
    assert (p.rule, p.field) == ("weights.negative", "b")


def test_zero_sum_and_empty() -> None:
    with pytest.raises(InputError) as exc:
        direct_weights({"a": 0, "b": 0})
    assert exc.value.problems[0].rule == "weights.zero_sum"
    with pytest.raises(InputError) as exc:
        direct_weights({})
    assert exc.value.problems[0].rule == "weights.empty"


def test_swing_weights() -> None:
    # Swings 100, 60, 40 (sum 200) → 0.5, 0.3, 0.2 (von Winterfeldt & Edwards 1986).
    w, report = swing_weights({"fit": 100, "cost": 60, "risk": 40})
    np.testing.assert_allclose(w, [0.5, 0.3, 0.2])
    assert report.total == 200
    assert report.anchors == ("fit",)


def test_swing_ties_at_the_top() -> None:
    w, report = swing_weights({"a": 100, "b": 100, "c": 0})
    np.testing.assert_allclose(w, [0.5, 0.5, 0.0])
    assert report.anchors == ("a", "b")


@pytest.mark.parametrize(
    ("swings", "rule", "field"),
    [
        ({"a": 100, "b": 120}, "weights.swing_out_of_range", "b"),
        ({"a": 100, "b": -5}, "weights.swing_out_of_range", "b"),
        ({"a": 80, "b": 50}, "weights.swing_no_anchor", "a, b"),
        ({}, "weights.empty", None),
    ],
)
def test_bad_swings(swings: dict[str, float], rule: str, field: str | None) -> None:
    with pytest.raises(InputError) as exc:
        swing_weights(swings)
    (p,) = exc.value.problems
    assert (p.rule, p.field) == (rule, field)
