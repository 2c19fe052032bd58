"""Group means of judgments: pairwise matrices by geometric mean, weight vectors by mean."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from erp_select.errors import Problem
from erp_select.weights.checks import check, fail, problem

FloatArray = NDArray[np.float64]

VectorMean = Literal["arithmetic", "geometric"]


def checked_participant_weights(count: int, weights: Sequence[float] | None) -> FloatArray:
    """Each participant's weight in an aggregation (all 1 by default), checked."""
    if weights is None:
        return np.ones(count)
    values = list(weights)
    if len(values) != count:
        fail([problem("participants_mismatch", value=len(values), expected=count)])
    problems: list[Problem] = []
    for k, v in enumerate(values):
        if isinstance(v, bool) or not math.isfinite(float(v)) or float(v) < 0:
            problems.append(problem("negative", field=f"#{k + 1}", value=v, criterion=f"#{k + 1}"))
    check(problems)
    out = np.array(values, dtype=float)
    if out.sum() <= 0:
        fail([problem("zero_sum", field="participants", value=float(out.sum()))])
    return out


def aggregate_matrices(
    matrices: Sequence[ArrayLike], participant_weights: Sequence[float] | None = None
) -> FloatArray:
    """Aggregate pairwise matrices by their (weighted) element-wise geometric mean.

    ``g_ij = exp(Σ_k λ_k ln a_ij^(k) / Σ_k λ_k)`` over the participants ``k`` who
    answered the pair (NaN = unanswered). Because ``ln a_ji = -ln a_ij`` for each
    participant, ``g_ji = 1 / g_ij``: the result stays reciprocal (Aczél & Saaty 1983).
    A pair nobody answered stays NaN, for :func:`erp_select.weights.ahp.ahp` to complete.

    Parameters
    ----------
    matrices
        Square reciprocal matrices of the same size (NaN for unanswered pairs).
    participant_weights
        Non-negative weight per matrix (default: all equal).

    Returns
    -------
    numpy.ndarray
        The group matrix.

    Raises
    ------
    InputError
        No matrix, matrices of different shapes, a non-positive entry, or bad participant
        weights.
    """
    if len(matrices) == 0:
        fail([problem("empty", value=0)])
    arrays = [np.array(m, dtype=float) for m in matrices]
    shape = arrays[0].shape
    if len(shape) != 2 or shape[0] != shape[1]:
        fail([problem("not_square", value=str(shape))])
    problems: list[Problem] = []
    for k, a in enumerate(arrays):
        if a.shape != shape:
            problems.append(problem("shape_mismatch", field=f"#{k + 1}", value=str(a.shape)))
        elif np.any(~np.isnan(a) & ~(a > 0)) or np.any(np.isinf(a)):
            problems.append(problem("not_positive_matrix", field=f"#{k + 1}", value=None))
    check(problems)
    lam = checked_participant_weights(len(arrays), participant_weights)
    stack = np.stack(arrays)
    answered = ~np.isnan(stack) & (lam[:, None, None] > 0)
    logs = np.where(answered, np.log(np.where(answered, stack, 1.0)), 0.0)
    num = np.tensordot(lam, logs, axes=1)
    den = np.tensordot(lam, answered.astype(float), axes=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(den > 0, np.exp(num / np.where(den > 0, den, 1.0)), np.nan)
    np.fill_diagonal(out, 1.0)
    return np.asarray(out, dtype=np.float64)


def aggregate_vectors(
    vectors: Sequence[ArrayLike],
    participant_weights: Sequence[float] | None = None,
    how: VectorMean = "arithmetic",
) -> FloatArray:
    """Aggregate weight vectors by a weighted arithmetic or geometric mean.

    Each vector is first normalised to sum 1. The arithmetic mean is
    ``Σ_k λ_k w^(k) / Σ_k λ_k``; the geometric mean is ``Π_k (w^(k))^(λ_k / Σλ)``,
    renormalised to sum 1 (a criterion someone weighs 0 then gets 0).

    Parameters
    ----------
    vectors
        Non-negative weight vectors of the same length.
    participant_weights
        Non-negative weight per vector (default: all equal).
    how
        ``"arithmetic"`` (default) or ``"geometric"``.

    Returns
    -------
    numpy.ndarray
        The group weights (sum 1).

    Raises
    ------
    InputError
        No vector, vectors of different lengths, negative or non-finite entries, a vector
        summing to zero, bad participant weights, or a geometric mean that is zero
        everywhere.
    """
    if len(vectors) == 0:
        fail([problem("empty", value=0)])
    arrays = [np.array(v, dtype=float).ravel() for v in vectors]
    size = arrays[0].size
    problems: list[Problem] = []
    for k, a in enumerate(arrays):
        if a.size != size:
            problems.append(problem("shape_mismatch", field=f"#{k + 1}", value=a.size))
        elif not np.all(np.isfinite(a)) or np.any(a < 0):
            problems.append(problem("negative", field=f"#{k + 1}", value=None, criterion=k + 1))
        elif a.sum() <= 0:
            problems.append(problem("zero_sum", field=f"#{k + 1}", value=float(a.sum())))
    check(problems)
    if how not in ("arithmetic", "geometric"):
        fail([problem("unknown_aggregation", value=str(how))])
    lam = checked_participant_weights(len(arrays), participant_weights)
    stack = np.stack([a / a.sum() for a in arrays])
    share = lam / lam.sum()
    if how == "arithmetic":
        return np.asarray(share @ stack, dtype=np.float64)
    keep = share > 0
    with np.errstate(divide="ignore"):
        logs = np.log(stack[keep])
    geo = np.exp(share[keep] @ logs)
    total = float(geo.sum())
    if not total > 0:
        fail([problem("zero_sum", field="group", value=total)])
    return np.asarray(geo / total, dtype=np.float64)
