"""WASPAS: half weighted sum, half weighted product of the ratios to the best vendor."""

from __future__ import annotations

import numpy as np

from erp_select.engine._core import FloatArray, IntArray
from erp_select.engine.methods import wpm
from erp_select.engine.methods._base import Method, Outcome, Prepared
from erp_select.engine.methods._kernels import wdot

#: Share of the weighted sum in the score (lambda).
WASPAS_LAMBDA = 0.5


def run(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """Ratio to the best (x/max, min/x), then WASPAS with lambda = 0.5."""
    from skcriteria.agg.waspas import WASPAS
    from skcriteria.preprocessing.invert_objectives import BenefitCostInverter

    from erp_select.engine.methods._library import decision_matrix, floats

    dm = BenefitCostInverter().transform(decision_matrix(x, signs, w, alts, crits))
    result = WASPAS(lambda_value=WASPAS_LAMBDA).evaluate(dm)
    wsm = floats(result.e_.wsm_scores)
    wpm_scores = np.power(10.0, floats(result.e_.log10_wpm_scores))
    return floats(result.e_.score), {"wsm_score": wsm, "wpm_score": wpm_scores}, []


def score(p: Prepared, w: FloatArray) -> FloatArray:
    """``λ · Σ w r + (1 − λ) · Π r^w`` of every sample."""
    wsm = wdot(w, p["ratio"])
    product = np.exp(wdot(w, p["log"]))
    mixed: FloatArray = WASPAS_LAMBDA * wsm + (1.0 - WASPAS_LAMBDA) * product
    return mixed


METHOD = Method(
    key="waspas",
    normalisation="ratio to best (x/max, min/x)",
    higher_is_better=True,
    neutral_score=1.0,
    shift="positive",
    run=run,
    keeps_constant=True,
    prepare=wpm.prepare,
    score=score,
)
