"""Stability intervals: how far each weight moves before the winner or the top-k order changes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from erp_select.model.problem import Problem
from erp_select.sensitivity._common import (
    FloatArray,
    Inputs,
    check_inputs,
    check_positive_int,
    first_root,
    masked,
    score,
)
from erp_select.sensitivity.blocks import small_algebra
from erp_select.sensitivity.curves import DEFAULT_GRID


def _order_margin(inputs: Inputs, utils: FloatArray, tracked: list[int]) -> FloatArray:
    """Smallest gap keeping ``tracked`` (best first) in order and ahead of every other vendor.

    Positive exactly where the tracked vendors are the top ``len(tracked)`` in that order,
    each strictly ahead of the next. Twins (identical vendors) are counted once.
    """
    u = masked(inputs, np.atleast_2d(utils))
    gaps = [u[:, tracked[p]] - u[:, tracked[p + 1]] for p in range(len(tracked) - 1)]
    rest = inputs.rest(*tracked)
    if rest.size:
        gaps.append(u[:, tracked[-1]] - np.max(u[:, rest], axis=1))
    if not gaps:
        return np.full(u.shape[0], np.inf)
    return np.asarray(np.min(np.stack(gaps, axis=1), axis=1), dtype=np.float64)


def _interval(
    inputs: Inputs, j: int, tracked: list[int], grid: FloatArray, utils: FloatArray
) -> tuple[float, float]:
    """Range of criterion ``j``'s weight around the current one keeping ``tracked`` in order."""
    w0 = float(inputs.weights[j])

    def gap(x: float) -> float:
        return float(_order_margin(inputs, score(inputs, inputs.sweep(j, [x])), tracked)[0])

    values = _order_margin(inputs, utils, tracked)
    up = grid > w0
    down = grid < w0
    g0 = gap(w0)
    if g0 <= 0:  # already tied at the current weights
        return w0, w0
    up_grid = np.concatenate([[w0], grid[up]])
    up_vals = np.concatenate([[g0], values[up]])
    hi = first_root(gap, up_grid, up_vals)
    down_grid = np.concatenate([[w0], grid[down][::-1]])
    down_vals = np.concatenate([[g0], values[down][::-1]])
    lo = first_root(gap, down_grid, down_vals)
    return (0.0 if lo is None else lo), (1.0 if hi is None else hi)


@small_algebra
def stability_intervals(
    matrix: Problem | npt.ArrayLike,
    objectives: Sequence[Any] | None = None,
    weights: npt.ArrayLike | None = None,
    method: str = "topsis",
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    k: int = 3,
    grid: int = DEFAULT_GRID,
) -> pd.DataFrame:
    """For each criterion, the weight range (others in proportion) keeping the winner and top-k.

    The sweep is the same as :func:`erp_select.sensitivity.curves.weight_curves`:
    ``w_k(t) = w_k (1 - t) / (1 - w_j)``. The bounds are the nearest weights either side of
    the current one where the winner (or the order of the first ``k`` vendors, including
    who is in them) changes, found by Brent's method on the smallest utility gap between
    consecutive vendors of the tracked order, bracketed by a grid of ``grid`` points.

    Parameters
    ----------
    matrix, method
        As in :func:`erp_select.sensitivity.curves.weight_curves`.
    k
        Length of the top order to keep (capped at the number of distinct vendors).
    grid
        Number of grid points bracketing the roots.

    Returns
    -------
    pandas.DataFrame
        Indexed by criterion: ``current_weight``, ``winner_low``, ``winner_high`` (the
        winner stays first for weights strictly inside), ``topk_low``, ``topk_high``,
        ``k``, ``winner`` and ``top_k`` (ids joined by ``" > "``).
    """
    check_positive_int(k, "k")
    check_positive_int(grid, "grid", minimum=3)
    inputs = check_inputs(matrix, objectives, weights, method, alternatives, criteria)
    return _stability(inputs, k, grid)


def _stability(inputs: Inputs, k: int = 3, grid: int = DEFAULT_GRID) -> pd.DataFrame:
    from erp_select.engine.batch import ranks_from_scores

    # rank by the engine's tie rule, equals by name: the order never depends on the rows'
    base_ranks = ranks_from_scores(score(inputs, inputs.weights[None, :])[0])
    order = sorted(
        (int(i) for i in inputs.distinct),
        key=lambda i: (int(base_ranks[i]), inputs.alternatives[i]),
    )
    kk = min(k, len(order))
    top = order[:kk]
    ts = np.linspace(0.0, 1.0, grid)
    rows = []
    for j in range(inputs.n):
        w0 = float(inputs.weights[j])
        if inputs.n == 1:
            lo1 = hi1 = lok = hik = w0
        else:
            utils = score(inputs, inputs.sweep(j, ts))
            lo1, hi1 = _interval(inputs, j, top[:1], ts, utils)
            lok, hik = _interval(inputs, j, top, ts, utils)
        rows.append(
            {
                "criterion": inputs.criteria[j],
                "current_weight": w0,
                "winner_low": lo1,
                "winner_high": hi1,
                "topk_low": lok,
                "topk_high": hik,
                "k": kk,
                "winner": inputs.alternatives[top[0]],
                "top_k": " > ".join(inputs.alternatives[i] for i in top),
            }
        )
    return pd.DataFrame(rows).set_index("criterion")
