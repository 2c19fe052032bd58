"""The benefit score: the ranking without its cost criteria, for value for money."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from erp_select.engine.rerank import rerank
from erp_select.errors import InputError, Problem
from erp_select.model.problem import Problem as RankingProblem
from erp_select.model.problem import as_problem


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
    matrix: RankingProblem | npt.ArrayLike,
    objectives: Sequence[str] | None = None,
    weights: npt.ArrayLike | None = None,
    method: str = "topsis",
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    cost_criteria: Collection[str] = (),
) -> BenefitScore:
    """Rank the vendors again without the cost criteria, the other weights renormalised.

    Plotting the full score against the cost counts the cost twice (it is inside the
    score); value-for-money analysis plots what is bought against what it costs.

    Parameters
    ----------
    matrix, method
        The ranking's problem (a :class:`erp_select.engine.Problem`, or its plain form
        ``matrix, objectives, weights, alternatives, criteria``) and method, as in
        :func:`erp_select.engine.rank`.
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
    stated = as_problem(matrix, objectives, weights, alternatives, criteria)
    w = stated.weights
    crits = list(stated.criteria)
    drop = np.array([c in cost_criteria for c in crits], dtype=bool)
    keep = ~drop & (w > 0)
    total = float(w.sum())
    if not keep.any() or total <= 0:
        raise InputError([Problem(rule="analysis.benefit_no_criterion", field="criteria")])
    kept_w = w[keep] / float(w[keep].sum())
    kept = [c for c, k in zip(crits, keep, strict=True) if k]
    benefit = RankingProblem.of(
        stated.values[:, keep], stated.signs[keep], kept_w, stated.alternatives, kept
    )
    result = rerank(benefit, method=method)
    return BenefitScore(
        scores=pd.Series(
            result.scores, index=list(stated.alternatives), name="benefit", dtype=float
        ),
        higher_is_better=result.higher_is_better,
        weights=pd.Series(kept_w, index=kept, name="weight"),
        cost_criteria=tuple(c for c, d in zip(crits, drop, strict=True) if d),
        cost_share=float(w[drop].sum() / total),
    )
