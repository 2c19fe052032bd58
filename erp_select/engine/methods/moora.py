"""MOORA ratio system: vector-normalised benefits added, costs subtracted, with weights."""

from __future__ import annotations

from erp_select.engine._core import BoolArray, FloatArray, IntArray
from erp_select.engine.methods._base import Method, Outcome, Prepared
from erp_select.engine.methods._kernels import vector, wdot


def run(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """Vector normalisation, then the MOORA ratio system (benefits added, costs subtracted)."""
    from skcriteria.agg.moora import RatioMOORA
    from skcriteria.preprocessing.scalers import VectorScaler

    from erp_select.engine.methods._library import decision_matrix, floats

    dm = VectorScaler(target="matrix").transform(decision_matrix(x, signs, w, alts, crits))
    result = RatioMOORA().evaluate(dm)
    return floats(result.e_.score), {}, []


def prepare(x: FloatArray, signs: IntArray, varying: BoolArray) -> Prepared:
    """Vector-normalised values, negated on cost criteria."""
    return {"ratio": vector(x, signs, varying)}


def score(p: Prepared, w: FloatArray) -> FloatArray:
    """Weighted sum of the signed ratios."""
    return wdot(w, p["ratio"])


METHOD = Method(
    key="moora",
    normalisation="vector",
    higher_is_better=True,
    neutral_score=0.0,
    shift="none",
    run=run,
    keeps_constant=True,
    prepare=prepare,
    score=score,
)
