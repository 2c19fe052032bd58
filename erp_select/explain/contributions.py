"""Explain a ranking: each criterion's share of each vendor's result (WSM and TOPSIS).

Two methods decompose exactly:

* **Weighted sum** (``"wsm"``): the score is ``S_i = Σ_j w_j · r_ij`` with the engine's
  WSM normalisation ``r`` (``RankResult.normalised``), so ``w_j · r_ij`` is criterion
  ``j``'s part of vendor ``i``'s score, and the parts add up to the engine's score.
* **TOPSIS** (``"topsis"``): with ``r_ij = x_ij / ‖x_·j‖`` (vector normalisation), cost
  criteria negated as the engine does, ``v_ij = w_j · r_ij``, ideal ``v_j⁺ = max_i v_ij``
  and anti-ideal ``v_j⁻ = min_i v_ij``, the squared distances split by criterion:
  ``D⁺² = Σ_j (v_ij − v_j⁺)²`` and ``D⁻² = Σ_j (v_ij − v_j⁻)²``. Each criterion's share of
  each squared distance is exact. The per-criterion "net" part used by the head-to-head
  is ``(v_ij − v_j⁻)² − (v_ij − v_j⁺)²`` (sums to ``D⁻² − D⁺²``): it grows as the vendor
  moves towards the ideal on that criterion.

The normalised matrix and the weights used are the engine's own (``RankResult.normalised``
and ``RankResult.weights``), never derived again here. Both decompositions are cross-checked
against the engine's own result (score for WSM,
``ideal_distance`` / ``anti_ideal_distance`` for TOPSIS) every time they are computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from erp_select.engine import Problem, RankResult, rank
from erp_select.errors import InputError
from erp_select.errors import Problem as Finding
from erp_select.explain.decomposition import (
    Contributions,
    TopsisContributions,
    WsmContributions,
)
from erp_select.explain.frontier import value_for_money
from erp_select.explain.head_to_head import HeadToHead, head_to_head
from erp_select.model.problem import as_problem

SUPPORTED_METHODS: tuple[str, ...] = ("wsm", "topsis")
"""Methods whose result this module decomposes by criterion."""

__all__ = [
    "SUPPORTED_METHODS",
    "Contributions",
    "HeadToHead",
    "TopsisContributions",
    "WsmContributions",
    "contributions",
    "head_to_head",
    "topsis_contributions",
    "value_for_money",
    "wsm_contributions",
]

# --------------------------------------------------------------------------- helpers


def _check(name: str, ours: np.ndarray, engine: np.ndarray) -> float:
    """Return the largest relative deviation; raise if ours disagrees with the engine.

    A disagreement is a bug (our decomposition no longer mirrors the engine), never a user
    error, so it raises ``RuntimeError`` rather than showing a wrong explanation.
    """
    scale = max(1.0, float(np.max(np.abs(engine), initial=0.0)))
    deviation = float(np.max(np.abs(ours - engine), initial=0.0)) / scale
    if not np.isfinite(deviation) or deviation > 1e-6:
        raise RuntimeError(
            f"contributions: {name} disagrees with the engine (deviation {deviation:.3g})"
        )
    return deviation


# ---------------------------------------------------------------------- computation


@dataclass(frozen=True)
class _Setup:
    alts: pd.Index
    crits: pd.Index
    weights: pd.Series
    values: pd.DataFrame
    normalised: np.ndarray
    dropped: tuple[str, ...]
    neutral: bool


def _setup(result: RankResult, problem: Problem) -> _Setup:
    """Names, the weights the engine used and its normalised matrix, from its result."""
    alts = pd.Index([str(a) for a in result.alternatives], name="alternative")
    crits = pd.Index([str(c) for c in result.criteria], name="criterion")
    assert result.weights is not None and result.normalised is not None  # wsm, topsis
    used = np.asarray(result.weights, dtype=float)
    dropped = np.zeros(used.shape, dtype=bool) if result.neutral else used == 0
    return _Setup(
        alts=alts,
        crits=crits,
        weights=pd.Series(used, index=crits, name="weight"),
        values=pd.DataFrame(problem.values, index=alts, columns=crits),
        normalised=np.asarray(result.normalised, dtype=float),
        dropped=tuple(str(c) for c, d in zip(crits, dropped, strict=True) if d),
        neutral=result.neutral,
    )


def wsm_contributions(
    matrix: Problem | Any,
    objectives: Sequence[Any] | None = None,
    weights: np.ndarray | Sequence[float] | None = None,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
) -> WsmContributions:
    """Split each vendor's weighted-sum score into one part per criterion.

    Parameters
    ----------
    matrix : Problem
        The ranking's problem (or the plain form of :func:`erp_select.engine.rank`:
        ``matrix, objectives, weights, alternatives, criteria``).

    Returns
    -------
    WsmContributions
        Parts ``w_j · r_ij`` whose row sums equal ``rank(..., method="wsm").scores``, with
        ``r`` the engine's own normalised matrix.

    Raises
    ------
    InputError
        Bad input, as the engine rejects it.
    """
    stated = as_problem(matrix, objectives, weights, alternatives, criteria)
    result = rank(stated, method="wsm")
    su = _setup(result, stated)
    alts, crits = su.alts, su.crits
    # Nothing to compare: the engine gives every vendor the best score, i.e. r = 1 everywhere.
    r = np.ones_like(su.normalised) if su.neutral else su.normalised
    parts = r * su.weights.to_numpy()
    deviation = _check("WSM score", parts.sum(axis=1), np.asarray(result.scores, dtype=float))
    return WsmContributions(
        weights=su.weights,
        values=su.values,
        dropped=su.dropped,
        neutral=su.neutral,
        normalised=pd.DataFrame(r, index=alts, columns=crits),
        parts=pd.DataFrame(parts, index=alts, columns=crits),
        scores=pd.Series(np.asarray(result.scores, dtype=float), index=alts, name="score"),
        ranks=pd.Series(np.asarray(result.ranks, dtype=np.int64), index=alts, name="rank"),
        deviation=deviation,
        higher_is_better=bool(result.higher_is_better),
    )


def topsis_contributions(
    matrix: Problem | Any,
    objectives: Sequence[Any] | None = None,
    weights: np.ndarray | Sequence[float] | None = None,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
) -> TopsisContributions:
    """Split each vendor's TOPSIS distances (squared) into one term per criterion.

    Parameters
    ----------
    matrix : Problem
        The ranking's problem (or the plain form of :func:`erp_select.engine.rank`).

    Returns
    -------
    TopsisContributions
        Terms whose row sums are ``D⁺²`` and ``D⁻²``; ``D⁺``/``D⁻`` equal the engine's
        ``intermediate["ideal_distance"]`` / ``["anti_ideal_distance"]``.

    Raises
    ------
    InputError
        Bad input, as the engine rejects it.
    """
    stated = as_problem(matrix, objectives, weights, alternatives, criteria)
    result = rank(stated, method="topsis")
    su = _setup(result, stated)
    alts, crits = su.alts, su.crits
    r = su.normalised
    # Nothing to compare: every vendor sits on the ideal (and the anti-ideal), closeness 1.
    v = np.zeros_like(r) if su.neutral else r * su.weights.to_numpy()
    v_plus = v.max(axis=0)
    v_minus = v.min(axis=0)
    plus_terms = (v - v_plus) ** 2
    minus_terms = (v - v_minus) ** 2
    d_plus = np.sqrt(plus_terms.sum(axis=1))
    d_minus = np.sqrt(minus_terms.sum(axis=1))
    zeros = np.zeros(len(alts))
    engine_plus = np.asarray(result.intermediate.get("ideal_distance", zeros), dtype=float)
    engine_minus = np.asarray(result.intermediate.get("anti_ideal_distance", zeros), dtype=float)
    deviation = max(_check("D+", d_plus, engine_plus), _check("D-", d_minus, engine_minus))

    def frame(a: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(a, index=alts, columns=crits)

    return TopsisContributions(
        weights=su.weights,
        values=su.values,
        dropped=su.dropped,
        neutral=su.neutral,
        normalised=frame(r),
        weighted=frame(v),
        ideal=pd.Series(v_plus, index=crits, name="ideal"),
        anti_ideal=pd.Series(v_minus, index=crits, name="anti_ideal"),
        ideal_terms=frame(plus_terms),
        anti_ideal_terms=frame(minus_terms),
        parts=frame(minus_terms - plus_terms),
        d_plus=pd.Series(d_plus, index=alts, name="d_plus"),
        d_minus=pd.Series(d_minus, index=alts, name="d_minus"),
        scores=pd.Series(np.asarray(result.scores, dtype=float), index=alts, name="score"),
        ranks=pd.Series(np.asarray(result.ranks, dtype=np.int64), index=alts, name="rank"),
        deviation=deviation,
        higher_is_better=bool(result.higher_is_better),
    )


def contributions(
    matrix: Problem | Any,
    objectives: Sequence[Any] | None = None,
    weights: np.ndarray | Sequence[float] | None = None,
    method: str = "topsis",
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
) -> Contributions:
    """Decompose the result of ``method`` (``"wsm"`` or ``"topsis"``) by criterion.

    Parameters
    ----------
    matrix : Problem
        The ranking's problem (or the plain form of :func:`erp_select.engine.rank`:
        ``matrix, objectives, weights, alternatives, criteria``).
    method : str
        ``"wsm"`` or ``"topsis"`` (default).

    Returns
    -------
    WsmContributions or TopsisContributions

    Raises
    ------
    InputError
        ``explain.unsupported_method`` for another method, or bad input.
    """
    key = str(method).strip().lower()
    if key == "wsm":
        return wsm_contributions(matrix, objectives, weights, alternatives, criteria)
    if key == "topsis":
        return topsis_contributions(matrix, objectives, weights, alternatives, criteria)
    raise InputError(
        [
            Finding(
                rule="explain.unsupported_method",
                field="method",
                value=method,
                params={"method": method, "supported": ", ".join(SUPPORTED_METHODS)},
            )
        ]
    )
