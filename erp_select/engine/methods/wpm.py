"""Weighted product: ratios to the best vendor (x/max, min/x), each raised to its weight."""

from __future__ import annotations

import numpy as np

from erp_select.engine._core import BoolArray, FloatArray, IntArray
from erp_select.engine.methods._base import Method, Outcome, Prepared
from erp_select.engine.methods._kernels import ratio, wdot


def run(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """Ratio to the best (x/max, min/x), then the weighted product (reported as a product)."""
    from skcriteria.agg.simple import WeightedProductModel
    from skcriteria.preprocessing.invert_objectives import BenefitCostInverter

    from erp_select.engine.methods._library import decision_matrix, floats

    dm = BenefitCostInverter().transform(decision_matrix(x, signs, w, alts, crits))
    result = WeightedProductModel().evaluate(dm)
    log10_score = floats(result.e_.score)
    return np.power(10.0, log10_score), {"log10_score": log10_score}, []


def prepare(x: FloatArray, signs: IntArray, varying: BoolArray) -> Prepared:
    """Ratios to the best and their logarithms (shared with WASPAS)."""
    ratios = ratio(x, signs, varying)
    return {"ratio": ratios, "log": np.log(ratios)}


def score(p: Prepared, w: FloatArray) -> FloatArray:
    """Weighted product ``Π r^w`` of every sample."""
    return np.exp(wdot(w, p["log"]))


METHOD = Method(
    key="wpm",
    normalisation="ratio to best (x/max, min/x)",
    higher_is_better=True,
    neutral_score=1.0,
    shift="positive",
    run=run,
    keeps_constant=True,
    prepare=prepare,
    score=score,
)
