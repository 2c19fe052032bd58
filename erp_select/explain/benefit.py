"""The benefit score: the ranking without its cost criteria, for value for money."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from erp_select.engine import rank
from erp_select.errors import InputError, Problem


@dataclass(frozen=True)
class BenefitScore:
    """Scores of the vendors by the same method on every criterion but the cost ones.

    Attributes
    ----------
    scores : Series
        The benefit score by vendor (input order), in the method's direction.
    higher_is_better : bool
        Direction of ``scores`` (False for VIKOR).
    weights : Series
        The weights used, by criterion: the ranking's weights of the non-cost criteria,
        renormalised to sum 1.
    cost_criteria : tuple of str
        The criteria left out (the cost ones).
    cost_share : float
        The weight the left-out criteria had in the ranking (0 to 1).
    """

    scores: pd.Series
    higher_is_better: bool
    weights: pd.Series
    cost_criteria: tuple[str, ...]
    cost_share: float


def benefit_score(
    matrix: npt.ArrayLike,
    objectives: Sequence[str],
    weights: npt.ArrayLike,
    method: str,
    alternatives: Sequence[str],
    criteria: Sequence[str],
    cost_criteria: Collection[str],
) -> BenefitScore:
    """Rank the vendors again without the cost criteria, the other weights renormalised.

    Plotting the full score against the cost counts the cost twice (it is inside the
    score); value-for-money analysis plots what is bought against what it costs.

    Parameters
    ----------
    matrix, objectives, weights, method, alternatives, criteria
        The ranking's problem, as in :func:`erp_select.engine.rank`.
    cost_criteria : collection of str
        Ids of the criteria that measure cost (left out).

    Returns
    -------
    BenefitScore

    Raises
    ------
    InputError
        ``analysis.benefit_no_criterion`` when every weighted criterion is a cost one;
        the engine's problems for a bad table.
    """
    x = np.asarray(matrix, dtype=float)
    w = np.asarray(weights, dtype=float).ravel()
    crits = [str(c) for c in criteria]
    drop = np.array([c in cost_criteria for c in crits], dtype=bool)
    keep = ~drop & (w > 0)
    total = float(w.sum())
    if not keep.any() or total <= 0:
        raise InputError([Problem(rule="analysis.benefit_no_criterion", field="criteria")])
    kept_w = w[keep] / float(w[keep].sum())
    kept = [c for c, k in zip(crits, keep, strict=True) if k]
    result = rank(
        x[:, keep],
        [o for o, k in zip(objectives, keep, strict=True) if k],
        kept_w,
        method=method,
        alternatives=list(alternatives),
        criteria=kept,
    )
    return BenefitScore(
        scores=pd.Series(result.scores, index=list(alternatives), name="benefit", dtype=float),
        higher_is_better=result.higher_is_better,
        weights=pd.Series(kept_w, index=kept, name="weight"),
        cost_criteria=tuple(c for c, d in zip(crits, drop, strict=True) if d),
        cost_share=float(w[drop].sum() / total),
    )
