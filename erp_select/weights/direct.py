"""Weights from points given directly and from swing ratings, normalised with the sums shown."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from erp_select.errors import Problem
from erp_select.weights.checks import check, fail, problem

FloatArray = NDArray[np.float64]

SWING_TOP = 100.0


@dataclass(frozen=True)
class DirectReport:
    """The normalisation of direct points: each share is its points over the total.

    Attributes
    ----------
    ids
        Criterion ids, in the order given.
    points
        The points (or percentages) as entered.
    total
        Their sum.
    weights
        ``points / total`` by criterion id (sum 1).
    """

    ids: tuple[str, ...]
    points: dict[str, float]
    total: float
    weights: dict[str, float]


@dataclass(frozen=True)
class SwingReport:
    """Swing weighting: each weight is its swing rating over the sum of the ratings.

    Attributes
    ----------
    ids
        Criterion ids, in the order given.
    swings
        Ratings 0–100 of each criterion's swing from worst to best (the top one is 100).
    total
        Sum of the ratings.
    weights
        ``swing / total`` by criterion id (sum 1).
    anchors
        The criteria rated 100 (the most important swing).
    """

    ids: tuple[str, ...]
    swings: dict[str, float]
    total: float
    weights: dict[str, float]
    anchors: tuple[str, ...]


def _numbers(values: Mapping[str, float], lo: float, hi: float, key: str) -> list[Problem]:
    problems: list[Problem] = []
    for cid, v in values.items():
        ok = not isinstance(v, bool) and isinstance(v, int | float | np.integer | np.floating)
        if not ok or not math.isfinite(float(v)) or not lo <= float(v) <= hi:
            problems.append(problem(key, field=str(cid), value=v, criterion=str(cid)))
    return problems


def direct_weights(points: Mapping[str, float]) -> tuple[FloatArray, DirectReport]:
    """Normalise points (or percentages) given to criteria of one level into weights.

    ``w_i = p_i / Σ p``: 30, 20, 50 points give 0.3, 0.2, 0.5; percentages that do not add
    up to 100 are rescaled the same way. The report shows the points, their sum and the
    shares.

    Parameters
    ----------
    points
        Criterion id → points (≥ 0, finite).

    Returns
    -------
    tuple[numpy.ndarray, DirectReport]
        The weights in the order of ``points`` and the normalisation.

    Raises
    ------
    InputError
        No criteria, a negative or non-finite value, or points summing to zero.
    """
    if not points:
        fail([problem("empty", value=0)])
    check(_numbers(points, 0.0, math.inf, "negative"))
    ids = tuple(str(k) for k in points)
    values = np.array([float(points[k]) for k in points], dtype=np.float64)
    total = float(values.sum())
    if total <= 0:
        fail([problem("zero_sum", field=", ".join(ids), value=total)])
    shares = values / total
    report = DirectReport(
        ids=ids,
        points={k: float(v) for k, v in zip(ids, values, strict=True)},
        total=total,
        weights={k: float(v) for k, v in zip(ids, shares, strict=True)},
    )
    return shares, report


def swing_weights(swings: Mapping[str, float]) -> tuple[FloatArray, SwingReport]:
    """Turn swing ratings into weights.

    The user imagines every criterion at its worst level and rates the swing to its best
    level: the most valuable swing gets 100, the others 0–100 relative to it. The weights
    are the ratings over their sum (von Winterfeldt & Edwards 1986).

    Parameters
    ----------
    swings
        Criterion id → rating in 0…100; at least one is exactly 100.

    Returns
    -------
    tuple[numpy.ndarray, SwingReport]
        The weights in the order of ``swings`` and the normalisation.

    Raises
    ------
    InputError
        No criteria, a rating outside 0–100, or no rating of 100.
    """
    if not swings:
        fail([problem("empty", value=0)])
    check(_numbers(swings, 0.0, SWING_TOP, "swing_out_of_range"))
    ids = tuple(str(k) for k in swings)
    values = np.array([float(swings[k]) for k in swings], dtype=np.float64)
    if values.max() != SWING_TOP:
        fail([problem("swing_no_anchor", field=", ".join(ids), value=float(values.max()))])
    total = float(values.sum())
    weights = values / total
    report = SwingReport(
        ids=ids,
        swings={k: float(v) for k, v in zip(ids, values, strict=True)},
        total=total,
        weights={k: float(v) for k, v in zip(ids, weights, strict=True)},
        anchors=tuple(k for k, v in zip(ids, values, strict=True) if v == SWING_TOP),
    )
    return weights, report
