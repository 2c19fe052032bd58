"""Search of the weights that put a challenger first: nearest on the simplex, or one weight."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from erp_select.sensitivity._common import (
    FloatArray,
    Inputs,
    first_root,
    margin_over_rest,
    score,
)
from erp_select.sensitivity.blocks import one_blas_thread
from erp_select.sensitivity.sampling import sample_simplex

#: Relative overshoot past the exact tie, so that the challenger is strictly first.
OVERSHOOT = 1e-6
#: Uniform weight samples used to find where a challenger can win at all.
SEARCH_SAMPLES = 4000
#: Starting points polished by SLSQP.
STARTS = 6
#: Step of the forward differences of the constraints (SLSQP's default, √ε).
FD_STEP = float(np.sqrt(np.finfo(np.float64).eps))
#: Grid points along a segment or a value range (the root is then found exactly).
SEGMENT_GRID = 65


def margin_at_weights(inputs: Inputs, c: int, w: FloatArray) -> FloatArray:
    """Margin of ``c`` over the others at each weight vector (rounding below 0 clipped)."""
    return margin_over_rest(inputs, score(inputs, np.clip(np.atleast_2d(w), 0.0, None)), c)


def _first_win_on_segment(
    inputs: Inputs, c: int, start: FloatArray, end: FloatArray
) -> float | None:
    """Smallest ``s`` in [0, 1] where ``c`` is first at ``start + s (end - start)``."""
    s = np.linspace(0.0, 1.0, SEGMENT_GRID)
    pts = start[None, :] + s[:, None] * (end - start)[None, :]
    values = -margin_at_weights(inputs, c, pts)

    def func(x: float) -> float:
        return float(-margin_at_weights(inputs, c, start + x * (end - start))[0])

    return first_root(func, s, values)


def _nudge(inputs: Inputs, c: int, start: FloatArray, d: FloatArray, s: float) -> float | None:
    """Move just past the tie at ``start + s d`` until ``c`` is strictly first."""
    for factor in (OVERSHOOT, 1e-5, 1e-4, 1e-3):
        x = min(1.0, s * (1 + factor) + factor * 1e-3)
        if margin_at_weights(inputs, c, start + x * d)[0] > 0:
            return x
    return None


def _polish(inputs: Inputs, c: int, w0: FloatArray, start: FloatArray) -> FloatArray:
    """Nearest point (Euclidean) to ``w0`` on the simplex where ``c`` is first, by SLSQP."""
    from scipy.optimize import minimize

    rest = inputs.rest(c)

    def gaps_of(ws: FloatArray) -> FloatArray:
        u = score(inputs, np.clip(ws, 0.0, 1.0))
        return np.asarray(u[:, [c]] - u[:, rest], dtype=np.float64)

    def gaps(w: FloatArray) -> FloatArray:
        out: FloatArray = gaps_of(np.asarray(w, dtype=np.float64)[None, :])[0]
        return out

    def gaps_jacobian(w: FloatArray) -> FloatArray:
        """Forward differences of the gaps, every criterion's step scored in one batch
        (the steps SLSQP takes by default: √ε, backwards where it would pass 1)."""
        x = np.clip(np.asarray(w, dtype=np.float64), 0.0, 1.0)
        step = np.where(x + FD_STEP > 1.0, -FD_STEP, FD_STEP)
        moved = x + step
        dx = moved - x
        points = np.vstack([x, np.where(np.eye(x.size, dtype=bool), moved, x)])
        values = gaps_of(points)
        return np.asarray((values[1:] - values[0]).T / dx, dtype=np.float64)

    with one_blas_thread():
        res = _minimize(minimize, inputs.n, w0, start, gaps, gaps_jacobian)
    w: FloatArray = np.clip(np.asarray(res.x, dtype=np.float64), 0.0, None)
    return w / float(w.sum())


def _minimize(
    minimize: Any,
    n: int,
    w0: FloatArray,
    start: FloatArray,
    gaps: Callable[[FloatArray], FloatArray],
    gaps_jacobian: Callable[[FloatArray], FloatArray],
) -> Any:
    """SLSQP from ``start`` to the nearest point to ``w0`` with every gap non-negative."""
    return minimize(
        lambda w: float(np.sum((w - w0) ** 2)),
        start,
        jac=lambda w: 2.0 * (w - w0),
        method="SLSQP",
        bounds=[(0.0, 1.0)] * n,
        constraints=[
            {"type": "eq", "fun": lambda w: float(np.sum(w) - 1.0), "jac": lambda w: np.ones(n)},
            {"type": "ineq", "fun": gaps, "jac": gaps_jacobian},
        ],
        options={"maxiter": 200, "ftol": 1e-12},
    )


def _settle(inputs: Inputs, c: int, w0: FloatArray, point: FloatArray) -> FloatArray | None:
    """First weights on the ray from ``w0`` through ``point`` where ``c`` is strictly first.

    The ray is followed up to twice ``point`` or the edge of the simplex; the crossing is
    located exactly, then passed by a relative :data:`OVERSHOOT`.
    """
    d = point - w0
    if not np.any(d):
        return None
    falling = d < 0
    reach = float(np.min(w0[falling] / -d[falling])) if falling.any() else 2.0
    end = w0 + min(reach, 2.0) * d
    s = _first_win_on_segment(inputs, c, w0, end)
    if s is None:
        return None
    x = _nudge(inputs, c, w0, end - w0, s)
    if x is None:
        return None
    out: FloatArray = np.clip(w0 + x * (end - w0), 0.0, None)
    return out / float(out.sum())


def nearest_weights(
    inputs: Inputs, c: int, rng: np.random.Generator, sweep_points: FloatArray
) -> FloatArray | None:
    """Nearest weights to the current ones where ``c`` is first, or ``None`` if none found.

    Candidates where ``c`` is first come from the one-at-a-time sweeps, the simplex
    vertices and uniform samples; the closest are pulled back along the segment to the
    current weights (exact crossing), polished by SLSQP, and the best is pulled back
    again so that no smaller move along the same direction would do.
    """
    w0 = inputs.weights
    if margin_at_weights(inputs, c, w0)[0] > 0:
        return w0.copy()
    cands = np.vstack(
        [sweep_points, np.eye(inputs.n), sample_simplex(rng, SEARCH_SAMPLES, inputs.n)]
    )
    wins = cands[margin_at_weights(inputs, c, cands) > 0]
    if wins.shape[0] == 0:
        return None
    dist = np.linalg.norm(wins - w0[None, :], axis=1)
    best: FloatArray | None = None
    best_dist = math.inf
    for idx in np.argsort(dist)[:STARTS]:
        end = wins[idx]
        s = _first_win_on_segment(inputs, c, w0, end)
        if s is None:
            continue
        start = w0 + s * (end - w0)
        for point in (end, _polish(inputs, c, w0, start)):
            cand = _settle(inputs, c, w0, point)
            if cand is None:
                continue
            norm = float(np.linalg.norm(cand - w0))
            if norm < best_dist:
                best, best_dist = cand, norm
    return best


def single_weight(
    inputs: Inputs, c: int, sweeps: list[FloatArray], ts: FloatArray
) -> tuple[int, float] | None:
    """The criterion whose weight alone (others in proportion) puts ``c`` first soonest."""
    found: tuple[int, float] | None = None
    for j in range(inputs.n if inputs.n > 1 else 0):
        w0 = float(inputs.weights[j])
        values = -margin_over_rest(inputs, sweeps[j], c)

        def func(x: float, j: int = j) -> float:
            w = inputs.sweep(j, [x])
            return float(-margin_at_weights(inputs, c, w)[0])

        g0 = func(w0)
        for mask, flip in ((ts > w0, False), (ts < w0, True)):
            grid = ts[mask][::-1] if flip else ts[mask]
            vals = values[mask][::-1] if flip else values[mask]
            root = first_root(func, np.concatenate([[w0], grid]), np.concatenate([[g0], vals]))
            if root is None:
                continue
            if found is None or abs(root - w0) < abs(found[1] - inputs.weights[found[0]]):
                found = (j, root)
    return found
