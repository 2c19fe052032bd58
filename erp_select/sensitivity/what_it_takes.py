"""What it takes: the smallest weight change, or value change, that puts a challenger first."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from erp_select.errors import InputError
from erp_select.errors import Problem as Finding
from erp_select.model.problem import Problem
from erp_select.sensitivity._common import (
    FloatArray,
    Inputs,
    check_inputs,
    first_root,
    leaders,
    score,
)
from erp_select.sensitivity._common import (
    problem as finding,
)
from erp_select.sensitivity.blocks import small_algebra
from erp_select.sensitivity.curves import DEFAULT_GRID
from erp_select.sensitivity.weight_search import (
    OVERSHOOT,
    SEGMENT_GRID,
    nearest_weights,
    single_weight,
)


@dataclass(frozen=True)
class WhatItTakes:
    """What each challenger needs to come first.

    Attributes
    ----------
    winner
        Current top vendor.
    weight_changes
        Index challenger: ``possible`` (bool), ``l2`` and ``l1`` (Euclidean and total
        absolute distance between the current and the new weights), ``max_shift`` (the
        largest move of one weight), ``single_criterion`` and ``single_weight`` (the one
        weight that, moved alone with the others in proportion, puts it first with the
        smallest move; NaN/None if none does).
    new_weights
        Index challenger, columns criteria: the nearest weights found that put it first
        (NaN when impossible).
    value_changes
        One row per (challenger, criterion): ``objective``, ``current``, ``required``,
        ``change`` (``required - current``), ``change_pct`` (relative to ``current``,
        NaN if it is 0), ``change_of_range`` (relative to the criterion's range across
        vendors), ``possible``, ``range_low``, ``range_high`` (the range searched).
    best_value_changes
        For each challenger, the possible value change that is smallest relative to the
        criterion's range (index challenger, same columns as ``value_changes``).
    current_weights
        The weights analysed, indexed by criterion (``None`` when built by hand without
        them), so that a move of ``single_weight`` can be told from where it starts.
    """

    winner: str
    weight_changes: pd.DataFrame
    new_weights: pd.DataFrame
    value_changes: pd.DataFrame
    best_value_changes: pd.DataFrame
    current_weights: pd.Series | None = None


def _value_range(
    inputs: Inputs, j: int, x0: float, bounds: Mapping[str, tuple[float, float]]
) -> tuple[float, float]:
    col = inputs.matrix[:, j]
    span = float(col.max() - col.min()) or max(abs(x0), 1.0)
    if inputs.criteria[j] in bounds:
        lo, hi = bounds[inputs.criteria[j]]
        return float(lo), float(hi)
    if inputs.objectives[j] == "max":
        return float(col.min()), float(col.max() + span)
    lo = float(col.min() - span)
    if col.min() >= 0:
        lo = max(lo, 0.0)
    return lo, float(col.max())


def _value_change(
    inputs: Inputs, c: int, j: int, bounds: Mapping[str, tuple[float, float]]
) -> dict[str, object]:
    x0 = float(inputs.matrix[c, j])
    lo, hi = _value_range(inputs, j, x0, bounds)
    target = hi if inputs.objectives[j] == "max" else lo
    col = inputs.matrix[:, j]
    scale = float(col.max() - col.min()) or max(abs(x0), 1.0)
    others = [k for k in range(inputs.m) if k != c]

    def margins(xs: FloatArray) -> FloatArray:
        mats = np.broadcast_to(inputs.matrix, (xs.size, inputs.m, inputs.n)).copy()
        mats[:, c, j] = xs
        w = np.broadcast_to(inputs.weights, (xs.size, inputs.n)).copy()
        u = score(inputs, w, mats)
        if not others:
            return np.full(xs.size, np.inf)
        return np.asarray(u[:, c] - np.max(u[:, others], axis=1), dtype=np.float64)

    row: dict[str, object] = {
        "challenger": inputs.alternatives[c],
        "criterion": inputs.criteria[j],
        "objective": inputs.objectives[j],
        "current": x0,
        "required": math.nan,
        "change": math.nan,
        "change_pct": math.nan,
        "change_of_range": math.nan,
        "possible": False,
        "range_low": lo,
        "range_high": hi,
    }
    if (inputs.objectives[j] == "max" and target <= x0) or (
        inputs.objectives[j] == "min" and target >= x0
    ):
        target = x0
    xs = np.linspace(x0, target, SEGMENT_GRID)
    values = -margins(xs)
    root = first_root(lambda x: float(-margins(np.array([x]))[0]), xs, values)
    if root is None:
        return row
    required = None
    for factor in (OVERSHOOT, 1e-5, 1e-4, 1e-3):
        x = x0 + (root - x0) * (1 + factor) if root != x0 else x0
        x = min(max(x, min(lo, x0)), max(hi, x0))
        if margins(np.array([x]))[0] > 0:
            required = x
            break
    if required is None:
        return row
    change = required - x0
    row.update(
        required=required,
        change=change,
        change_pct=change / abs(x0) if x0 != 0 else math.nan,
        change_of_range=abs(change) / scale,
        possible=True,
    )
    return row


def _check_bounds(
    inputs: Inputs, value_bounds: Mapping[str, tuple[float, float]] | None
) -> dict[str, tuple[float, float]]:
    problems: list[Finding] = []
    out: dict[str, tuple[float, float]] = {}
    for key, pair in (value_bounds or {}).items():
        if key not in inputs.criteria:
            problems.append(finding("unknown_criterion", field="value_bounds", value=key))
            continue
        try:
            lo, hi = (float(pair[0]), float(pair[1]))
        except (TypeError, ValueError, IndexError):
            problems.append(finding("bad_bounds", field=key, value=str(pair)))
            continue
        if not (math.isfinite(lo) and math.isfinite(hi) and lo <= hi):
            problems.append(finding("bad_bounds", field=key, value=str(pair)))
            continue
        out[key] = (lo, hi)
    if problems:
        raise InputError(problems)
    return out


@small_algebra
def what_it_takes(
    matrix: Problem | npt.ArrayLike,
    objectives: Sequence[Any] | None = None,
    weights: npt.ArrayLike | None = None,
    method: str = "topsis",
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    challengers: Sequence[str] | None = None,
    value_bounds: Mapping[str, tuple[float, float]] | None = None,
    seed: int = 0,
) -> WhatItTakes:
    """For each challenger, the smallest change of the weights, or of one value, to come first.

    **Weights.** The nearest weight vector on the simplex (Euclidean, L2, distance — smooth,
    so a gradient optimiser applies; the L1 distance of the answer is reported too) where
    the challenger is strictly first. It is found by optimisation, not guaranteed global:
    candidates where the challenger wins are gathered from the one-at-a-time sweeps, the
    simplex vertices and 4 000 uniform samples; the nearest are pulled back to the exact
    crossing on the segment from the current weights (Brent's method), polished with SLSQP
    under the constraints "challenger ahead of every other vendor", and pulled back again.
    So no shorter move *in the same direction* works: 90 % of the change does not put the
    challenger first. "Impossible" means no candidate at all made it first.

    **Values.** Separately, for each criterion, the challenger's own value is moved in the
    improving direction (up for ``"max"``, down for ``"min"``) until it is first, by
    Brent's method on its utility margin. The range searched is ``value_bounds[criterion]``
    when given, else up to the column maximum plus the column range (``"max"``), or down to
    the column minimum minus the range, floored at 0 for non-negative columns (``"min"``).

    Parameters
    ----------
    matrix, method
        As in :func:`erp_select.sensitivity.curves.weight_curves`.
    challengers
        Ids of the vendors to analyse (default: every vendor but the winner).
    value_bounds
        Optional ``{criterion: (low, high)}`` ranges for the value search.
    seed
        Seed of the uniform candidate samples.

    Returns
    -------
    WhatItTakes
        Weight and value changes per challenger.
    """
    inputs = check_inputs(matrix, objectives, weights, method, alternatives, criteria)
    bounds = _check_bounds(inputs, value_bounds)
    base = score(inputs, inputs.weights[None, :])
    a = int(leaders(inputs, base)[0])
    if challengers is None:
        chosen = [i for i in range(inputs.m) if i != a]
    else:
        unknown = [c for c in challengers if c not in inputs.alternatives]
        if unknown:
            raise InputError(
                [finding("unknown_alternative", field="challengers", value=c) for c in unknown]
            )
        chosen = [inputs.alternatives.index(c) for c in challengers]
    rng = np.random.default_rng(seed)
    ts = np.linspace(0.0, 1.0, DEFAULT_GRID)
    sweeps_w = [inputs.sweep(j, ts) for j in range(inputs.n)]
    sweeps_u = [score(inputs, sw) for sw in sweeps_w] if inputs.n > 1 else []
    sweep_points = np.vstack(sweeps_w) if inputs.n > 1 else inputs.weights[None, :]
    rows = []
    new_weights = np.full((len(chosen), inputs.n), np.nan)
    value_rows: list[dict[str, object]] = []
    for r, c in enumerate(chosen):
        found = nearest_weights(inputs, c, rng, sweep_points)
        single = single_weight(inputs, c, sweeps_u, ts) if inputs.n > 1 else None
        if found is not None:
            new_weights[r] = found
            diff = found - inputs.weights
        rows.append(
            {
                "challenger": inputs.alternatives[c],
                "possible": found is not None,
                "l2": float(np.linalg.norm(diff)) if found is not None else math.nan,
                "l1": float(np.abs(diff).sum()) if found is not None else math.nan,
                "max_shift": float(np.abs(diff).max()) if found is not None else math.nan,
                "single_criterion": inputs.criteria[single[0]] if single else None,
                "single_weight": single[1] if single else math.nan,
            }
        )
        for j in range(inputs.n):
            value_rows.append(_value_change(inputs, c, j, bounds))
    names = [inputs.alternatives[c] for c in chosen]
    weight_changes = pd.DataFrame(
        rows,
        columns=[
            "challenger",
            "possible",
            "l2",
            "l1",
            "max_shift",
            "single_criterion",
            "single_weight",
        ],
    ).set_index("challenger")
    value_changes = pd.DataFrame(
        value_rows,
        columns=[
            "challenger",
            "criterion",
            "objective",
            "current",
            "required",
            "change",
            "change_pct",
            "change_of_range",
            "possible",
            "range_low",
            "range_high",
        ],
    )
    possible = value_changes[value_changes["possible"].astype(bool)]
    if len(possible):
        best = possible.loc[possible.groupby("challenger", sort=False)["change_of_range"].idxmin()]
    else:
        best = possible
    return WhatItTakes(
        winner=inputs.alternatives[a],
        weight_changes=weight_changes,
        new_weights=pd.DataFrame(new_weights, index=names, columns=list(inputs.criteria)),
        value_changes=value_changes,
        best_value_changes=best.set_index("challenger"),
        current_weights=pd.Series(inputs.weights, index=list(inputs.criteria), dtype=float),
    )
