"""TOPSIS: closeness to the ideal vendor after vector normalisation, cost criteria negated."""

from __future__ import annotations

import numpy as np

from erp_select.engine._core import BoolArray, FloatArray, IntArray
from erp_select.engine.methods._base import Method, Outcome, Prepared
from erp_select.engine.methods._kernels import safe_div, vector, vector_table, wdot


def run(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """Vector normalisation, negate cost criteria, then TOPSIS (Euclidean distances)."""
    from skcriteria.agg.topsis import TOPSIS
    from skcriteria.preprocessing.invert_objectives import NegateMinimize
    from skcriteria.preprocessing.scalers import VectorScaler

    from erp_select.engine.methods._library import decision_matrix, floats

    dm = decision_matrix(x, signs, w, alts, crits)
    dm = NegateMinimize().transform(VectorScaler(target="matrix").transform(dm))
    result = TOPSIS().evaluate(dm)
    weighted = dm.matrix.to_numpy(dtype=np.float64) * w
    ideal = floats(result.e_.ideal)
    anti = floats(result.e_.anti_ideal)
    d_ideal = np.sqrt(((weighted - ideal) ** 2).sum(axis=1))
    d_anti = np.sqrt(((weighted - anti) ** 2).sum(axis=1))
    return (
        floats(result.e_.similarity),
        {"ideal_distance": d_ideal, "anti_ideal_distance": d_anti},
        [],
    )


def prepare(x: FloatArray, signs: IntArray, varying: BoolArray) -> Prepared:
    """Squared gaps to the ideal and anti-ideal of every vector-normalised value."""
    r = vector(x, signs, varying)
    return {
        "to_ideal": (r - r.max(axis=-2, keepdims=True)) ** 2,
        "to_anti": (r - r.min(axis=-2, keepdims=True)) ** 2,
    }


def score(p: Prepared, w: FloatArray) -> FloatArray:
    """Relative closeness ``D⁻ / (D⁺ + D⁻)`` of every sample."""
    w2 = w**2
    d_ideal = np.sqrt(np.maximum(wdot(w2, p["to_ideal"]), 0.0))
    d_anti = np.sqrt(np.maximum(wdot(w2, p["to_anti"]), 0.0))
    return safe_div(d_anti, d_ideal + d_anti, d_ideal + d_anti > 0, 0.0)


METHOD = Method(
    key="topsis",
    normalisation="vector",
    higher_is_better=True,
    neutral_score=1.0,
    shift="none",
    run=run,
    prepare=prepare,
    score=score,
    normalise=vector_table,
)
