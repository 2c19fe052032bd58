"""Weighted sum: min–max value scores (cost criteria reversed), added with their weights."""

from __future__ import annotations

from erp_select.engine._core import BoolArray, FloatArray, IntArray
from erp_select.engine.methods._base import Method, Outcome, Prepared
from erp_select.engine.methods._kernels import minmax, minmax_table, wdot


def run(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """Min–max onto [0, 1] with cost criteria reversed, then the weighted sum."""
    from skcriteria.agg.simple import WeightedSumModel
    from skcriteria.preprocessing.invert_objectives import MinMaxInverter

    from erp_select.engine.methods._library import decision_matrix, floats

    dm = MinMaxInverter().transform(decision_matrix(x, signs, w, alts, crits))
    result = WeightedSumModel().evaluate(dm)
    return floats(result.e_.score), {}, []


def prepare(x: FloatArray, signs: IntArray, varying: BoolArray) -> Prepared:
    """Min–max value scores."""
    return {"value": minmax(x, signs, varying)}


def score(p: Prepared, w: FloatArray) -> FloatArray:
    """Weighted sum of the value scores."""
    return wdot(w, p["value"])


METHOD = Method(
    key="wsm",
    normalisation="min-max",
    higher_is_better=True,
    neutral_score=1.0,
    shift="none",
    run=run,
    prepare=prepare,
    score=score,
    normalise=minmax_table,
)
