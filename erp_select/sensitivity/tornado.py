"""Tornado: the winner's utility margin when each weight moves up or down by a relative step."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from erp_select.errors import InputError
from erp_select.model.problem import Problem
from erp_select.sensitivity._common import (
    check_inputs,
    leaders,
    margin_over_rest,
    score,
    sweep_weights,
)
from erp_select.sensitivity._common import (
    problem as finding,
)
from erp_select.sensitivity.blocks import small_algebra


def _finite_or_nan(value: float) -> float:
    return value if math.isfinite(value) else math.nan


@small_algebra
def tornado(
    matrix: Problem | npt.ArrayLike,
    objectives: Sequence[Any] | None = None,
    weights: npt.ArrayLike | None = None,
    method: str = "topsis",
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    delta: float = 0.2,
) -> pd.DataFrame:
    """Margin of the current winner over the best other vendor when each weight moves ±delta.

    Criterion ``j``'s weight becomes ``w_j (1 - delta)`` and ``min(1, w_j (1 + delta))``
    (a relative move: a zero weight stays zero), the others rescaled in proportion as in
    :func:`erp_select.sensitivity.curves.weight_curves`. The margin is the winner's utility
    minus the best utility among the other vendors (at the current weights, the margin over
    the runner-up); a negative margin means the winner has lost first place.

    Parameters
    ----------
    matrix, method
        As in :func:`erp_select.sensitivity.curves.weight_curves`.
    delta
        Relative move of each weight, in ``(0, 1]`` (default 20 %).

    Returns
    -------
    pandas.DataFrame
        One row per criterion, sorted by ``swing`` (largest first): ``criterion``,
        ``weight``, ``weight_low``, ``weight_high``, ``margin_low``, ``margin_high``,
        ``base_margin``, ``swing`` (``|margin_high - margin_low|``), ``leader_low``,
        ``leader_high`` (top vendor at each end) and ``winner``. With no other distinct
        vendor the margins are NaN and the swing 0.
    """
    if not isinstance(delta, int | float) or not 0 < float(delta) <= 1:
        raise InputError([finding("bad_delta", field="delta", value=delta)])
    inputs = check_inputs(matrix, objectives, weights, method, alternatives, criteria)
    base = score(inputs, inputs.weights[None, :])
    a = int(leaders(inputs, base)[0])
    # no other distinct vendor (one vendor, or twins only): no margin, nothing swings
    base_margin = _finite_or_nan(float(margin_over_rest(inputs, base, a)[0]))
    w = inputs.weights
    rows = []
    for j in range(inputs.n):
        lows = float(w[j] * (1 - delta))
        highs = float(min(1.0, w[j] * (1 + delta)))
        if inputs.n == 1:
            lows = highs = float(w[j])
        if inputs.n == 1:
            ws = np.vstack([w, w])
        else:
            ws = np.vstack([sweep_weights(w, j, [lows]), sweep_weights(w, j, [highs])])
        utils = score(inputs, ws)
        margins = [_finite_or_nan(float(v)) for v in margin_over_rest(inputs, utils, a)]
        swing = abs(margins[1] - margins[0])
        lead = leaders(inputs, utils)
        rows.append(
            {
                "criterion": inputs.criteria[j],
                "weight": float(w[j]),
                "weight_low": lows,
                "weight_high": highs,
                "margin_low": margins[0],
                "margin_high": margins[1],
                "base_margin": base_margin,
                "swing": swing if math.isfinite(swing) else 0.0,
                "leader_low": inputs.alternatives[int(lead[0])],
                "leader_high": inputs.alternatives[int(lead[1])],
                "winner": inputs.alternatives[a],
            }
        )
    out = pd.DataFrame(rows)
    return out.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
