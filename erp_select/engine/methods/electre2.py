"""ELECTRE II: outranking on min–max values (Gomes et al. variant), no closed batch form."""

from __future__ import annotations

from erp_select.engine._core import FloatArray, IntArray
from erp_select.engine.methods._base import Method, Outcome


def run(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Outcome:
    """Min–max onto [0, 1] with cost criteria reversed, then ELECTRE II (default thresholds)."""
    from skcriteria.agg.electre import ELECTRE2
    from skcriteria.preprocessing.invert_objectives import MinMaxInverter

    from erp_select.engine.methods._library import decision_matrix, floats

    dm = MinMaxInverter().transform(decision_matrix(x, signs, w, alts, crits))
    result = ELECTRE2().evaluate(dm)
    return (
        floats(result.e_.score),
        {
            "ranking_direct": floats(result.e_.ranking_direct),
            "ranking_inverted": floats(result.e_.ranking_inverted),
        },
        [],
    )


METHOD = Method(
    key="electre2",
    normalisation="min-max",
    higher_is_better=False,
    neutral_score=1.0,
    shift="none",
    run=run,
)
