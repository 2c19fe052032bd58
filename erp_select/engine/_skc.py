"""Run each ranking method through scikit-criteria on a cleaned problem."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import skcriteria as skc
from skcriteria.agg.copras import COPRAS
from skcriteria.agg.edas import EDAS
from skcriteria.agg.electre import ELECTRE2
from skcriteria.agg.moora import RatioMOORA
from skcriteria.agg.simple import WeightedProductModel, WeightedSumModel
from skcriteria.agg.spotis import SPOTIS
from skcriteria.agg.topsis import TOPSIS
from skcriteria.agg.vikor import VIKOR
from skcriteria.agg.waspas import WASPAS
from skcriteria.preprocessing.invert_objectives import (
    BenefitCostInverter,
    MinMaxInverter,
    NegateMinimize,
)
from skcriteria.preprocessing.scalers import SumScaler, VectorScaler

from erp_select.engine._core import VIKOR_V, WASPAS_LAMBDA, FloatArray, IntArray

#: What a runner returns: scores (m,), per-alternative intermediates, notes as (key, params).
Outcome = tuple[FloatArray, dict[str, np.ndarray], list[tuple[str, dict[str, object]]]]
Runner = Callable[[FloatArray, IntArray, FloatArray, list[str], list[str]], Outcome]


def _dm(x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]) -> Any:
    return skc.mkdm(
        matrix=x,
        objectives=[int(s) for s in signs],
        weights=w,
        alternatives=alts,
        criteria=crits,
    )


def _floats(values: Any) -> FloatArray:
    out: FloatArray = np.asarray(values, dtype=np.float64).reshape(-1)
    return out


def run_topsis(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """Vector normalisation, negate cost criteria, then TOPSIS (Euclidean distances)."""
    dm = _dm(x, signs, w, alts, crits)
    dm = NegateMinimize().transform(VectorScaler(target="matrix").transform(dm))
    result = TOPSIS().evaluate(dm)
    weighted = dm.matrix.to_numpy(dtype=np.float64) * w
    ideal = _floats(result.e_.ideal)
    anti = _floats(result.e_.anti_ideal)
    d_ideal = np.sqrt(((weighted - ideal) ** 2).sum(axis=1))
    d_anti = np.sqrt(((weighted - anti) ** 2).sum(axis=1))
    return (
        _floats(result.e_.similarity),
        {"ideal_distance": d_ideal, "anti_ideal_distance": d_anti},
        [],
    )


def run_wsm(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """Min–max onto [0, 1] with cost criteria reversed, then the weighted sum."""
    dm = MinMaxInverter().transform(_dm(x, signs, w, alts, crits))
    result = WeightedSumModel().evaluate(dm)
    return _floats(result.e_.score), {}, []


def run_wpm(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """Ratio to the best (x/max, min/x), then the weighted product (reported as a product)."""
    dm = BenefitCostInverter().transform(_dm(x, signs, w, alts, crits))
    result = WeightedProductModel().evaluate(dm)
    log10_score = _floats(result.e_.score)
    return np.power(10.0, log10_score), {"log10_score": log10_score}, []


def run_waspas(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """Ratio to the best (x/max, min/x), then WASPAS with lambda = 0.5."""
    dm = BenefitCostInverter().transform(_dm(x, signs, w, alts, crits))
    result = WASPAS(lambda_value=WASPAS_LAMBDA).evaluate(dm)
    wsm = _floats(result.e_.wsm_scores)
    wpm = np.power(10.0, _floats(result.e_.log10_wpm_scores))
    return _floats(result.e_.score), {"wsm_score": wsm, "wpm_score": wpm}, []


def run_vikor(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """VIKOR (v = 0.5) on the raw values; its own scaling is the distance to the best value."""
    result = VIKOR(v=VIKOR_V, use_compromise_set=False).evaluate(_dm(x, signs, w, alts, crits))
    q = _floats(result.e_.q_k)
    members = np.zeros(len(alts), dtype=bool)
    members[np.asarray(result.e_.compromise_set, dtype=np.int64)] = True
    notes: list[tuple[str, dict[str, object]]] = []
    if members.sum() > 1:
        notes.append(
            (
                "engine.note.vikor_compromise_set",
                {
                    "alternatives": [a for a, keep in zip(alts, members, strict=True) if keep],
                    "advantage": bool(result.e_.acceptable_advantage),
                    "stability": bool(result.e_.acceptable_stability),
                },
            )
        )
    intermediate: dict[str, np.ndarray] = {
        "S": _floats(result.e_.s_k),
        "R": _floats(result.e_.r_k),
        "Q": q,
        "compromise_set": members,
    }
    return q, intermediate, notes


def run_spotis(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """SPOTIS with bounds taken from the data (each criterion's observed min and max)."""
    bounds = np.column_stack((x.min(axis=0), x.max(axis=0)))
    result = SPOTIS().evaluate(_dm(x, signs, w, alts, crits), bounds=bounds)
    return _floats(result.e_.score), {}, []


def run_moora(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """Vector normalisation, then the MOORA ratio system (benefits added, costs subtracted)."""
    dm = VectorScaler(target="matrix").transform(_dm(x, signs, w, alts, crits))
    result = RatioMOORA().evaluate(dm)
    return _floats(result.e_.score), {}, []


def run_copras(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """Sum normalisation, then COPRAS; without any cost criterion, Q reduces to S+."""
    dm = SumScaler(target="matrix").transform(_dm(x, signs, w, alts, crits))
    if np.any(signs < 0):
        result = COPRAS().evaluate(dm)
        return (
            _floats(result.e_.score),
            {
                "S_plus": _floats(result.e_.S_max),
                "S_minus": _floats(result.e_.S_min),
                "significance": _floats(result.e_.significances),
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


def run_edas(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """EDAS on the raw values: distances from the column average, divided by the average."""
    result = EDAS().evaluate(_dm(x, signs, w, alts, crits))
    return _floats(result.e_.score), {}, []


def run_electre2(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """Min–max onto [0, 1] with cost criteria reversed, then ELECTRE II (default thresholds)."""
    dm = MinMaxInverter().transform(_dm(x, signs, w, alts, crits))
    result = ELECTRE2().evaluate(dm)
    return (
        _floats(result.e_.score),
        {
            "ranking_direct": _floats(result.e_.ranking_direct),
            "ranking_inverted": _floats(result.e_.ranking_inverted),
        },
        [],
    )


RUNNERS: dict[str, Runner] = {
    "topsis": run_topsis,
    "wsm": run_wsm,
    "wpm": run_wpm,
    "vikor": run_vikor,
    "spotis": run_spotis,
    "moora": run_moora,
    "waspas": run_waspas,
    "copras": run_copras,
    "edas": run_edas,
    "electre2": run_electre2,
}
