"""SPOTIS: weighted distance to the ideal point, bounds taken from the data."""

from __future__ import annotations

import numpy as np

from erp_select.engine._core import BoolArray, FloatArray, IntArray
from erp_select.engine.methods._base import Method, Outcome, Prepared
from erp_select.engine.methods._kernels import safe_div, wdot


def run(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """SPOTIS with bounds taken from the data (each criterion's observed min and max)."""
    from skcriteria.agg.spotis import SPOTIS

    from erp_select.engine.methods._library import decision_matrix, floats

    bounds = np.column_stack((x.min(axis=0), x.max(axis=0)))
    result = SPOTIS().evaluate(decision_matrix(x, signs, w, alts, crits), bounds=bounds)
    return floats(result.e_.score), {}, []


def prepare(x: FloatArray, signs: IntArray, varying: BoolArray) -> Prepared:
    """``|x − ideal| / range`` of every value."""
    lo = x.min(axis=-2, keepdims=True)
    hi = x.max(axis=-2, keepdims=True)
    ideal = np.where(signs > 0, hi, lo)
    return {"distance": safe_div(np.abs(x - ideal), hi - lo, varying[:, None, :], 0.0)}


def score(p: Prepared, w: FloatArray) -> FloatArray:
    """Weighted distance to the ideal point."""
    return wdot(w, p["distance"])


METHOD = Method(
    key="spotis",
    normalisation="range of the data (bounds = observed min/max)",
    higher_is_better=False,
    neutral_score=0.0,
    shift="none",
    run=run,
    prepare=prepare,
    score=score,
)
