"""Objective (data-driven) weights against scikit-criteria and against hand formulas."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
import skcriteria as skc
from skcriteria.preprocessing.scalers import CenitDistanceMatrixScaler
from skcriteria.preprocessing.weighters import CRITIC, EntropyWeighter, StdWeighter

from erp_select.engine.objective import OBJECTIVE_KIND, objective_label, objective_weights
from erp_select.errors import InputError

# Vendors × criteria: coverage (benefit), TCO in k€ (cost), reviews (benefit), months (cost).
MATRIX = np.array(
    [
        [82.0, 310.0, 4.1, 9.0],
        [64.0, 190.0, 4.4, 6.0],
        [91.0, 420.0, 3.8, 12.0],
        [70.0, 250.0, 4.6, 7.0],
        [55.0, 160.0, 3.9, 5.0],
    ]
)
OBJECTIVES = ["benefit", "cost", "benefit", "cost"]
SKC_OBJECTIVES = [max, min, max, min]


def skc_weights(
    transformers: list[object], matrix: np.ndarray, objectives: list[object]
) -> np.ndarray:
    dm = skc.mkdm(matrix.tolist(), objectives)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # CRITIC warns about minimised criteria
        for tr in transformers:
            dm = tr.transform(dm)  # type: ignore[attr-defined]
    return dm.weights.to_numpy()


def hand_entropy(x: list[list[float]]) -> list[float]:
    m, n = len(x), len(x[0])
    d = []
    for j in range(n):
        col = [x[i][j] for i in range(m)]
        total = sum(col)
        e = -sum((v / total) * math.log(v / total) for v in col if v > 0) / math.log(m)
        d.append(1 - e)
    return [v / sum(d) for v in d]


def hand_critic(x: list[list[float]], benefit: list[bool]) -> list[float]:
    # Diakoulaki, Mavrotas & Papayannakis (1995), Computers & OR 22(7), 763–770:
    # scale to [0, 1] towards the best value, C_j = σ_j Σ_k (1 − r_jk), w = C / ΣC.
    m, n = len(x), len(x[0])
    cols = []
    for j in range(n):
        col = [x[i][j] for i in range(m)]
        lo, hi = min(col), max(col)
        cols.append([(v - lo) / (hi - lo) if benefit[j] else (hi - v) / (hi - lo) for v in col])
    means = [sum(c) / m for c in cols]
    sd = [math.sqrt(sum((v - mu) ** 2 for v in c) / m) for c, mu in zip(cols, means, strict=True)]

    def r(a: int, b: int) -> float:
        cov = sum((cols[a][i] - means[a]) * (cols[b][i] - means[b]) for i in range(m)) / m
        return cov / (sd[a] * sd[b])

    c = [sd[j] * sum(1 - r(j, k) for k in range(n)) for j in range(n)]
    return [v / sum(c) for v in c]


# --- against scikit-criteria -----------------------------------------------------------


def test_entropy_matches_scikit_criteria() -> None:
    ours = objective_weights(MATRIX, OBJECTIVES, "entropy")
    ref = skc_weights([EntropyWeighter()], MATRIX, SKC_OBJECTIVES)
    np.testing.assert_allclose(ours, ref, atol=1e-9)


def test_critic_matches_scikit_criteria() -> None:
    ours = objective_weights(MATRIX, OBJECTIVES, "critic")
    ref = skc_weights([CRITIC()], MATRIX, SKC_OBJECTIVES)
    np.testing.assert_allclose(ours, ref, atol=1e-9)


def test_std_matches_scikit_criteria_after_scaling() -> None:
    ours = objective_weights(MATRIX, OBJECTIVES, "std")
    ref = skc_weights([CenitDistanceMatrixScaler(), StdWeighter()], MATRIX, SKC_OBJECTIVES)
    np.testing.assert_allclose(ours, ref, atol=1e-9)


# --- against hand formulas on a small matrix -------------------------------------------

SMALL = [[1.0, 30.0, 2.0], [2.0, 10.0, 2.0], [4.0, 20.0, 5.0]]


def test_entropy_hand_formula() -> None:
    ours = objective_weights(SMALL, ["benefit", "cost", "benefit"], "entropy")
    np.testing.assert_allclose(ours, hand_entropy(SMALL), atol=1e-12)


def test_entropy_extreme_column_by_hand() -> None:
    # Column 1 = (1, 0, 0): entropy 0, divergence 1. Column 2 = (1, 1, 2): p = (¼, ¼, ½),
    # E = (2·¼ ln 4 + ½ ln 2) / ln 3 = 1.5 ln 2 / ln 3, divergence 1 − E.
    d2 = 1 - 1.5 * math.log(2) / math.log(3)
    ours = objective_weights([[1, 1], [0, 1], [0, 2]], ["benefit", "benefit"], "entropy")
    np.testing.assert_allclose(ours, [1 / (1 + d2), d2 / (1 + d2)], atol=1e-12)


def test_critic_hand_formula() -> None:
    ours = objective_weights(SMALL, ["benefit", "cost", "benefit"], "critic")
    np.testing.assert_allclose(ours, hand_critic(SMALL, [True, False, True]), atol=1e-12)


def test_std_hand_formula() -> None:
    scaled = [[0.0, 0.0, 0.0], [1 / 3, 1.0, 0.0], [1.0, 0.5, 1.0]]  # min-max towards best
    sd = [float(np.std([row[j] for row in scaled])) for j in range(3)]
    ours = objective_weights(SMALL, ["benefit", "cost", "benefit"], "std")
    np.testing.assert_allclose(ours, np.array(sd) / sum(sd), atol=1e-12)


def test_std_does_not_depend_on_units() -> None:
    euros = MATRIX.copy()
    euros[:, 1] *= 1000  # k€ → €
    np.testing.assert_allclose(
        objective_weights(euros, OBJECTIVES, "std"),
        objective_weights(MATRIX, OBJECTIVES, "std"),
        atol=1e-12,
    )


# --- degenerate data ------------------------------------------------------------------


@pytest.mark.parametrize("method", ["entropy", "critic", "std"])
def test_constant_criterion_gets_zero(method: str) -> None:
    x = np.column_stack([MATRIX, np.full(5, 7.0)])
    w = objective_weights(x, [*OBJECTIVES, "benefit"], method)  # type: ignore[arg-type]
    assert w[-1] == 0.0
    assert w.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(w[:-1], objective_weights(MATRIX, OBJECTIVES, method), atol=1e-12)  # type: ignore[arg-type]


def test_single_informative_criterion_gets_everything() -> None:
    w = objective_weights([[1, 5], [2, 5], [3, 5]], ["benefit", "cost"], "critic")
    np.testing.assert_allclose(w, [1.0, 0.0])


def test_dataframe_columns_name_the_criteria() -> None:
    frame = pd.DataFrame({"fit": [1.0, 2.0], "risk": [1.0, float("nan")]})
    with pytest.raises(InputError) as exc:
        objective_weights(frame, ["benefit", "cost"], "entropy")
    assert [(p.rule, p.field) for p in exc.value.problems] == [
        ("weights.objective_not_finite", "risk")
    ]


@pytest.mark.parametrize(
    ("matrix", "objectives", "method", "rule"),
    [
        (MATRIX, OBJECTIVES, "topsis", "weights.objective_unknown_method"),
        ([[1.0, 2.0]], ["benefit", "cost"], "entropy", "weights.objective_too_few"),
        ([1.0, 2.0], ["benefit"], "entropy", "weights.objective_shape"),
        ([["a", "b"], ["c", "d"]], ["benefit", "cost"], "entropy", "weights.objective_not_numeric"),
        (MATRIX, ["benefit"], "entropy", "weights.objective_length"),
        (MATRIX, ["benefit", "cost", "up", "cost"], "critic", "weights.objective_bad_direction"),
        (
            [[1.0, -2.0], [2.0, 3.0]],
            ["benefit", "benefit"],
            "entropy",
            "weights.objective_negative",
        ),
        ([[1.0, 2.0], [1.0, 2.0]], ["benefit", "benefit"], "std", "weights.objective_no_spread"),
        (
            [[1.0, 2.0], [2.0, 3.0]],
            ["benefit", "benefit"],
            "critic",
            "weights.objective_degenerate",
        ),
    ],
)
def test_bad_inputs(matrix: object, objectives: list[str], method: str, rule: str) -> None:
    with pytest.raises(InputError) as exc:
        objective_weights(matrix, objectives, method)  # type: ignore[arg-type]
    assert exc.value.problems[0].rule == rule


def test_label_says_data_driven_not_preferences() -> None:
    assert OBJECTIVE_KIND == "data-driven"
    en = objective_label("entropy", "en")
    fr = objective_label("critic", "fr")
    assert "Data-driven" in en and "not from your priorities" in en
    assert "données" in fr and "pas vos priorités" in fr
    assert (
        objective_weights.__doc__ is not None and "not** what matters" in objective_weights.__doc__
    )
