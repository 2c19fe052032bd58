"""Value for money: the vendors on the efficient frontier of score against 5-year cost."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from erp_select.errors import InputError, Problem


def value_for_money(
    scores: np.ndarray | Sequence[float],
    costs: np.ndarray | Sequence[float],
    alternatives: Sequence[str] | None = None,
    higher_is_better: bool = True,
) -> pd.DataFrame:
    """Mark the vendors on the efficient (Pareto) frontier of score against 5-year cost.

    A vendor is dominated when another has a score at least as good **and** a cost at
    most as high, one of the two strictly. Identical vendors do not dominate each other.

    Parameters
    ----------
    scores : array-like, shape (m,)
        The method's scores.
    costs : array-like, shape (m,)
        Five-year total cost of ownership (finite, ≥ 0).
    alternatives : sequence of str, optional
        Vendor ids (default ``A1..Am``).
    higher_is_better : bool
        Direction of ``scores`` (False for VIKOR).

    Returns
    -------
    DataFrame
        Index alternatives (input order); columns ``score``, ``cost``, ``efficient``
        (bool) and ``dominated_by`` (comma-separated ids of the dominating vendors).

    Raises
    ------
    InputError
        ``explain.length_mismatch``, ``explain.cost_invalid``, ``explain.score_invalid``.
    """
    s = np.asarray(scores, dtype=float).ravel()
    c = np.asarray(costs, dtype=float).ravel()
    m = s.size
    names = [str(a) for a in alternatives] if alternatives is not None else None
    if names is None:
        names = [f"A{i + 1}" for i in range(m)]
    problems: list[Problem] = []
    if c.size != m or len(names) != m:
        problems.append(
            Problem(
                rule="explain.length_mismatch",
                field="costs",
                params={"scores": m, "costs": c.size, "alternatives": len(names)},
            )
        )
        raise InputError(problems)
    for i, name in enumerate(names):
        if not np.isfinite(c[i]) or c[i] < 0:
            problems.append(Problem(rule="explain.cost_invalid", field=name, value=float(c[i])))
        if not np.isfinite(s[i]):
            problems.append(Problem(rule="explain.score_invalid", field=name, value=float(s[i])))
    if problems:
        raise InputError(problems)
    u = s if higher_is_better else -s
    # dominates[k, i]: vendor k dominates vendor i.
    at_least = (u[:, None] >= u[None, :]) & (c[:, None] <= c[None, :])
    strictly = (u[:, None] > u[None, :]) | (c[:, None] < c[None, :])
    dominates = at_least & strictly
    efficient = ~dominates.any(axis=0)
    dominated_by = [", ".join(names[k] for k in np.flatnonzero(dominates[:, i])) for i in range(m)]
    return pd.DataFrame(
        {"score": s, "cost": c, "efficient": efficient, "dominated_by": dominated_by},
        index=pd.Index(names, name="alternative"),
    )
