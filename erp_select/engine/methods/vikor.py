"""VIKOR: compromise of group utility and individual regret on distances to the best value."""

from __future__ import annotations

import numpy as np

from erp_select.engine._core import BoolArray, FloatArray, IntArray
from erp_select.engine.methods._base import Method, Outcome, Prepared
from erp_select.engine.methods._kernels import minmax, rescale01, wdot

#: Strategy weight of the group utility against the individual regret (v).
VIKOR_V = 0.5


def run(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """VIKOR (v = 0.5) on the raw values; its own scaling is the distance to the best value."""
    from skcriteria.agg.vikor import VIKOR

    from erp_select.engine.methods._library import decision_matrix, floats

    dm = decision_matrix(x, signs, w, alts, crits)
    result = VIKOR(v=VIKOR_V, use_compromise_set=False).evaluate(dm)
    q = floats(result.e_.q_k)
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
        "S": floats(result.e_.s_k),
        "R": floats(result.e_.r_k),
        "Q": q,
        "compromise_set": members,
    }
    return q, intermediate, notes


def prepare(x: FloatArray, signs: IntArray, varying: BoolArray) -> Prepared:
    """Distance to the best value, (best − x)/(best − worst), in [0, 1]."""
    distance = np.where(varying[:, None, :], 1.0 - minmax(x, signs, varying), 0.0)
    return {"distance": distance}


def score(p: Prepared, w: FloatArray) -> FloatArray:
    """Q, the mix of the rescaled group utility S and individual regret R."""
    d = p["distance"]
    s = wdot(w, d)
    r = (w[:, None, :] * d).max(axis=-1)
    q: FloatArray = VIKOR_V * rescale01(s) + (1.0 - VIKOR_V) * rescale01(r)
    return q


METHOD = Method(
    key="vikor",
    normalisation="distance to best (min-max)",
    higher_is_better=False,
    neutral_score=0.0,
    shift="none",
    run=run,
    prepare=prepare,
    score=score,
)
