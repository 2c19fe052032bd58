"""EDAS: positive and negative distances from the average solution, divided by the average."""

from __future__ import annotations

import numpy as np

from erp_select.engine._core import BoolArray, FloatArray, IntArray
from erp_select.engine.methods._base import Method, Outcome, Prepared
from erp_select.engine.methods._kernels import safe_div, wdot


def run(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """EDAS on the raw values: distances from the column average, divided by the average."""
    from skcriteria.agg.edas import EDAS

    from erp_select.engine.methods._library import decision_matrix, floats

    result = EDAS().evaluate(decision_matrix(x, signs, w, alts, crits))
    return floats(result.e_.score), {}, []


def prepare(x: FloatArray, signs: IntArray, varying: BoolArray) -> Prepared:
    """Positive (PDA) and negative (NDA) distances from the average."""
    avg = x.mean(axis=-2, keepdims=True)
    diff = x - avg
    above = np.maximum(0.0, diff)
    below = np.maximum(0.0, -diff)
    ok = varying[:, None, :] & (avg != 0)
    good = np.where(signs > 0, above, below)
    bad = np.where(signs > 0, below, above)
    return {"pda": safe_div(good, avg, ok, 0.0), "nda": safe_div(bad, avg, ok, 0.0)}


def score(p: Prepared, w: FloatArray) -> FloatArray:
    """Mean of the normalised weighted PDA and the complement of the normalised NDA."""
    sp = wdot(w, p["pda"])
    sn = wdot(w, p["nda"])
    max_sp = sp.max(axis=1, keepdims=True)
    max_sn = sn.max(axis=1, keepdims=True)
    nsp = sp / np.where(max_sp != 0, max_sp, 1e-5)
    nsn = 1.0 - sn / np.where(max_sn != 0, max_sn, 1e-5)
    result: FloatArray = 0.5 * (nsp + nsn)
    return result


METHOD = Method(
    key="edas",
    normalisation="ratio to the average",
    higher_is_better=True,
    neutral_score=1.0,
    shift="non_negative",
    run=run,
    prepare=prepare,
    score=score,
)
