"""COPRAS: sum-normalised shares, benefit shares added and cost shares entered inversely."""

from __future__ import annotations

import numpy as np

from erp_select.engine._core import BoolArray, FloatArray, IntArray
from erp_select.engine.methods._base import Method, Outcome, Prepared
from erp_select.engine.methods._kernels import safe_div, wdot


def run(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """Sum normalisation, then COPRAS; without any cost criterion, Q reduces to S+."""
    from skcriteria.agg.copras import COPRAS
    from skcriteria.preprocessing.scalers import SumScaler

    from erp_select.engine.methods._library import decision_matrix, floats

    dm = SumScaler(target="matrix").transform(decision_matrix(x, signs, w, alts, crits))
    if np.any(signs < 0):
        result = COPRAS().evaluate(dm)
        return (
            floats(result.e_.score),
            {
                "S_plus": floats(result.e_.S_max),
                "S_minus": floats(result.e_.S_min),
                "significance": floats(result.e_.significances),
            },
            [],
        )
    # scikit-criteria refuses a problem without cost criteria; the COPRAS formula then
    # reduces to Q = S+ (the cost term vanishes), computed here on the library's scaling.
    s_plus = dm.matrix.to_numpy(dtype=np.float64) @ w
    utility = 100.0 * s_plus / s_plus.max()
    return (
        utility,
        {"S_plus": s_plus, "S_minus": np.zeros_like(s_plus), "significance": s_plus},
        [("engine.note.copras_no_cost", {})],
    )


def prepare(x: FloatArray, signs: IntArray, varying: BoolArray) -> Prepared:
    """Shares ``x / Σx`` and the benefit/cost masks."""
    total = x.sum(axis=-2, keepdims=True)
    share = safe_div(x, total, varying[:, None, :] & (total != 0), 0.0)
    benefit = (signs > 0).astype(np.float64)
    return {"share": share, "benefit": benefit[None, :], "cost": 1.0 - benefit[None, :]}


def score(p: Prepared, w: FloatArray) -> FloatArray:
    """Utility degree (% of the best vendor) of every sample."""
    w_plus = w * p["benefit"][0]
    w_minus = w * p["cost"][0]
    s_plus = wdot(w_plus, p["share"])
    s_minus = wdot(w_minus, p["share"])
    has_cost = (w_minus.sum(axis=1) > 0)[:, None] & np.all(s_minus > 0, axis=1, keepdims=True)
    safe_minus = np.where(has_cost, s_minus, 1.0)
    min_minus = safe_minus.min(axis=1, keepdims=True)
    dividend = min_minus * safe_minus.sum(axis=1, keepdims=True)
    divisor = safe_minus * (min_minus / safe_minus).sum(axis=1, keepdims=True)
    significance = np.where(has_cost, s_plus + dividend / divisor, s_plus)
    utility: FloatArray = significance / significance.max(axis=1, keepdims=True) * 100.0
    return utility


METHOD = Method(
    key="copras",
    normalisation="sum",
    higher_is_better=True,
    neutral_score=100.0,
    shift="copras",
    run=run,
    keeps_constant=True,
    prepare=prepare,
    score=score,
)
