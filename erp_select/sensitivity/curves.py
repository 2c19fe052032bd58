"""One-at-a-time weight curves: scores as one weight sweeps 0→1, and exact winner crossovers."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from erp_select.model.problem import Problem
from erp_select.sensitivity._common import (
    FloatArray,
    Inputs,
    IntArray,
    check_inputs,
    check_positive_int,
    leaders,
    margin_over_rest,
    masked,
    score,
    strict_leaders,
)
from erp_select.sensitivity.blocks import small_algebra

#: Default number of grid points per sweep (the grid only brackets; roots are exact).
DEFAULT_GRID = 201


@dataclass(frozen=True)
class WeightCurves:
    """Result of the one-at-a-time sweeps.

    Attributes
    ----------
    method
        Method key used to score.
    curves
        Tidy table: ``criterion``, ``weight`` (of that criterion), ``alternative``,
        ``utility`` (higher is better), ``leader`` (bool: in first place at that weight;
        every vendor of a tie for first place is marked).
    crossovers
        One row per change of the top vendor: ``criterion``, ``current_weight``,
        ``weight`` (exact to the last bit), ``winner_before`` (alone first just below that
        weight), ``winner_after`` (alone first just above it), ``utility`` (the top
        utility at that weight: where the two curves meet, or the new winner's level after
        a jump). A tie is not a change; the rows do not depend on the vendors' order.
    current_weights
        The weights analysed, indexed by criterion.
    winner
        Top vendor at the current weights.
    """

    method: str
    curves: pd.DataFrame
    crossovers: pd.DataFrame
    current_weights: pd.Series
    winner: str


def _sweep_tops(inputs: Inputs, j: int, xs: FloatArray) -> tuple[IntArray, FloatArray]:
    """Strict leader (or -1 for a tie) and top utility at each weight ``xs`` of criterion j."""
    utils = score(inputs, inputs.sweep(j, xs))
    return strict_leaders(inputs, utils), masked(inputs, utils).max(axis=1)


def _leader_beside(inputs: Inputs, j: int, x: float, limit: float) -> tuple[float, int] | None:
    """The first weight next to ``x`` (towards ``limit``) with a strict leader, and who."""
    direction = 1.0 if limit > x else -1.0
    steps = np.array([1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-3])
    xs = x + direction * steps
    xs = xs[(xs - x) * direction < (limit - x) * direction]
    xs = np.append(xs, limit)
    tops, _ = _sweep_tops(inputs, j, xs)
    found = np.flatnonzero(tops >= 0)
    if found.size == 0:
        return None
    return float(xs[found[0]]), int(tops[found[0]])


def _end_of_lead(inputs: Inputs, j: int, lo: float, hi: float, a: int) -> float:
    """The first weight in ``(lo, hi]`` where vendor ``a`` no longer leads, to the last bit.

    ``a`` leads at ``lo``, not at ``hi``. The bracket is cut in 16 at each step and the first
    cut where ``a`` is not strictly ahead of every other vendor kept, so a change at a jump
    (VIKOR's Q when every R or every S is equal) is found as well as a smooth crossing.
    """
    for _ in range(64):
        xs = np.linspace(lo, hi, 17)[1:-1]
        xs = np.unique(xs[(xs > lo) & (xs < hi)])
        if xs.size == 0:
            break
        utils = score(inputs, inputs.sweep(j, xs))
        behind = np.flatnonzero(~(margin_over_rest(inputs, utils, a) > 0))
        if behind.size == 0:
            lo = float(xs[-1])
        else:
            k = int(behind[0])
            hi = float(xs[k])
            lo = float(xs[k - 1]) if k > 0 else lo
    return hi


def _crossings(
    inputs: Inputs, j: int, grid: FloatArray, utils: FloatArray
) -> list[tuple[float, int, int, float]]:
    """Weights of criterion ``j`` where the top vendor changes, with who before and after.

    A change is a weight where the vendor strictly first just below differs from the one
    strictly first just above (the engine's tie rule; twins count once). A tie is not a
    change: a vendor that is caught up and then leads again, or a tie at either end of the
    sweep, gives no row. Nothing depends on the order of the vendors' rows.
    """
    lead = strict_leaders(inputs, utils)
    known = [(float(t), int(v)) for t, v in zip(grid, lead, strict=True) if v >= 0]
    if lead[0] < 0:  # a tie at weight 0: the sweep starts with the leader just after it
        start = _leader_beside(inputs, j, float(grid[0]), float(grid[1]))
        known = ([start] if start is not None else []) + known
    if lead[-1] < 0:  # a tie at weight 1: the sweep ends with the leader just before it
        end = _leader_beside(inputs, j, float(grid[-1]), float(grid[-2]))
        known = known + ([end] if end is not None else [])
    known.sort()
    events: list[tuple[float, int, int, float]] = []
    for (lo, a), (hi, b) in itertools.pairwise(known):
        if a == b:
            continue
        for _ in range(2 * inputs.m + 2):
            root = _end_of_lead(inputs, j, lo, hi, a)
            beside = _leader_beside(inputs, j, root, hi) if root < hi else None
            after_x, after = beside if beside is not None else (hi, b)
            if after != a:
                level = float(_sweep_tops(inputs, j, np.array([root]))[1][0])
                events.append((root, a, after, level))
                if after == b:
                    break
                a = after
            if after_x >= hi:
                break
            lo = after_x
    return events


@small_algebra
def weight_curves(
    matrix: Problem | npt.ArrayLike,
    objectives: Sequence[Any] | None = None,
    weights: npt.ArrayLike | None = None,
    method: str = "topsis",
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    grid: int = DEFAULT_GRID,
) -> WeightCurves:
    """Sweep each criterion's weight from 0 to 1 (others in proportion) and find crossovers.

    For criterion ``j`` at weight ``t`` the others become ``w_k (1 - t) / (1 - w_j)``; when
    ``w_j = 1`` they share ``1 - t`` equally. Every vendor is scored on a grid of ``grid``
    weights in one batch; each change of the vendor alone in first place between two grid
    points (or on one) is then located to the last bit by cutting the bracket in 16 until no
    float lies inside, which finds smooth crossings and jumps of the score alike.

    Parameters
    ----------
    matrix
        The checked :class:`erp_select.engine.Problem`; or the plain form documented in
        ``docs/api.md``: ``matrix`` holds the ``(m, n)`` raw values, ``objectives`` (``"max"`` or
        ``"min"`` per criterion, also ``"benefit"``/``"cost"``, 1/−1), ``weights``
        (non-negative, positive sum, normalised to sum 1), ``alternatives`` and
        ``criteria`` (ids, default ``A1…``, ``C1…``), checked by ``Problem.of``.
    method
        Method key of :mod:`erp_select.engine`.
    grid
        Number of grid points (at least 3); it brackets the roots, it does not round them.

    Returns
    -------
    WeightCurves
        Curves, crossovers, current weights and current winner.
    """
    check_positive_int(grid, "grid", minimum=3)
    inputs = check_inputs(matrix, objectives, weights, method, alternatives, criteria)
    return _weight_curves(inputs, grid)


def _weight_curves(inputs: Inputs, grid: int = DEFAULT_GRID) -> WeightCurves:
    ts = np.linspace(0.0, 1.0, grid)
    base = score(inputs, inputs.weights[None, :])
    winner = inputs.alternatives[int(leaders(inputs, base)[0])]
    utilities: list[FloatArray] = []
    leading: list[npt.NDArray[np.bool_]] = []
    rows: list[dict[str, Any]] = []
    sweeps = range(inputs.n) if inputs.n > 1 else range(0)
    for j in sweeps:
        utils = score(inputs, inputs.sweep(j, ts))
        utilities.append(utils.reshape(-1))
        leading.append(strict_leaders(inputs, utils, ties=True).reshape(-1))
        for root, a, b, level in _crossings(inputs, j, ts, utils):
            rows.append(
                {
                    "criterion": inputs.criteria[j],
                    "current_weight": float(inputs.weights[j]),
                    "weight": root,
                    "winner_before": inputs.alternatives[a],
                    "winner_after": inputs.alternatives[b],
                    "utility": level,
                }
            )
    columns = ["criterion", "weight", "alternative", "utility", "leader"]
    if utilities:  # one frame for every sweep (a frame per sweep cost more than the sweeps)
        per_sweep = ts.size * inputs.m
        names = np.array(inputs.alternatives, dtype=object)
        curves = pd.DataFrame(
            {
                "criterion": np.repeat(np.array(inputs.criteria, dtype=object)[sweeps], per_sweep),
                "weight": np.tile(np.repeat(ts, inputs.m), len(sweeps)),
                "alternative": np.tile(names, ts.size * len(sweeps)),
                "utility": np.concatenate(utilities),
                "leader": np.concatenate(leading),
            }
        )
    else:
        curves = pd.DataFrame(columns=columns)
    crossovers = pd.DataFrame(
        rows,
        columns=[
            "criterion",
            "current_weight",
            "weight",
            "winner_before",
            "winner_after",
            "utility",
        ],
    )
    return WeightCurves(
        method=inputs.method,
        curves=curves,
        crossovers=crossovers,
        current_weights=pd.Series(inputs.weights, index=list(inputs.criteria), name="weight"),
        winner=winner,
    )


@small_algebra
def weight_crossovers(
    matrix: Problem | npt.ArrayLike,
    objectives: Sequence[Any] | None = None,
    weights: npt.ArrayLike | None = None,
    method: str = "topsis",
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Weights at which the top vendor changes, per criterion (others rescaled in proportion).

    Parameters
    ----------
    matrix, method
        As in :func:`weight_curves`.

    Returns
    -------
    pandas.DataFrame
        One row per crossover, sorted by criterion then weight, with columns
        ``criterion``, ``current_weight``, ``weight`` (exact crossover weight),
        ``winner_before``, ``winner_after`` (top vendor just below / above that weight),
        and ``distance`` (``weight - current_weight``). A criterion whose weight can move
        from 0 to 1 without changing the winner has no row.
    """
    result = weight_curves(matrix, objectives, weights, method, alternatives, criteria)
    out = result.crossovers.copy()
    out["distance"] = out["weight"] - out["current_weight"]
    return out.reset_index(drop=True)
