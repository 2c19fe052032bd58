"""Weights from a ranking of criteria (rank-order centroid, rank sum, reciprocal), with ties."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from erp_select.errors import Problem
from erp_select.model.judgments import RankVariant
from erp_select.weights.checks import check, fail, problem

FloatArray = NDArray[np.float64]

RANK_METHODS: tuple[RankVariant, ...] = ("roc", "rank_sum", "reciprocal")


@dataclass(frozen=True, eq=False)
class RankReport:
    """How a ranking became weights.

    Attributes
    ----------
    ids
        Criterion ids, in the order given.
    weights
        Weight by criterion id (sum 1).
    method
        ``"roc"``, ``"rank_sum"`` or ``"reciprocal"``.
    ranks
        The ranks as given (1 = most important; equal ranks are ties).
    positions
        The positions ``1…n`` each criterion occupies once the ranking is sorted; tied
        criteria share a block of consecutive positions.
    position_weights
        The method's weight of each position ``1…n`` (before ties are averaged).
    """

    ids: tuple[str, ...]
    weights: dict[str, float]
    method: RankVariant
    ranks: dict[str, int]
    positions: dict[str, tuple[int, ...]]
    position_weights: FloatArray


def position_weights(n: int, method: RankVariant = "roc") -> FloatArray:
    """Return the weights of positions ``1…n`` under a rank-based method.

    - ``roc`` (rank-order centroid, Barron & Barrett 1996): ``w_k = (1/n) Σ_{i=k..n} 1/i``;
    - ``rank_sum``: ``w_k = 2 (n + 1 - k) / (n (n + 1))``;
    - ``reciprocal`` (rank reciprocal): ``w_k = (1/k) / Σ_{i=1..n} 1/i``.

    Parameters
    ----------
    n
        Number of ranked criteria (≥ 1).
    method
        One of ``RANK_METHODS``.

    Returns
    -------
    numpy.ndarray
        ``n`` decreasing weights summing to 1.
    """
    if n < 1:
        fail([problem("empty", value=n)])
    k = np.arange(1, n + 1, dtype=float)
    if method == "roc":
        tail = np.cumsum((1.0 / k)[::-1])[::-1]
        return np.asarray(tail / n, dtype=np.float64)
    if method == "rank_sum":
        return np.asarray(2.0 * (n + 1 - k) / (n * (n + 1)), dtype=np.float64)
    if method == "reciprocal":
        inv = 1.0 / k
        return np.asarray(inv / inv.sum(), dtype=np.float64)
    fail([problem("unknown_rank_method", value=str(method), known=", ".join(RANK_METHODS))])


def rank_weights(
    ranks: Mapping[str, int] | Sequence[int], method: RankVariant = "roc"
) -> tuple[FloatArray, RankReport]:
    """Turn a ranking of criteria (ties allowed) into weights.

    Only the order of the ranks matters: ``{a: 1, b: 1, c: 2}`` and ``{a: 1, b: 1, c: 3}``
    both say "a and b tie for first, then c". Sorted by rank, the criteria fill positions
    ``1…n``; tied criteria occupy a block of consecutive positions and **each gets the
    average of the weights of the positions in its block**, so the weights still sum to 1
    and tied criteria weigh the same.

    Parameters
    ----------
    ranks
        Criterion id → rank (1 = most important), or a sequence of ranks (ids are then
        ``c1, c2, …``).
    method
        ``"roc"`` (rank-order centroid, default), ``"rank_sum"`` or ``"reciprocal"``.

    Returns
    -------
    tuple[numpy.ndarray, RankReport]
        The weights, in the order of ``ranks``, and how they were obtained.

    Raises
    ------
    InputError
        No criteria, a rank that is not a whole number ≥ 1, or an unknown method.
    """
    if isinstance(ranks, Mapping):
        items = [(str(k), v) for k, v in ranks.items()]
    else:
        items = [(f"c{i + 1}", v) for i, v in enumerate(ranks)]
    if not items:
        fail([problem("empty", value=0)])
    if method not in RANK_METHODS:
        fail([problem("unknown_rank_method", value=str(method), known=", ".join(RANK_METHODS))])
    problems: list[Problem] = []
    clean: dict[str, int] = {}
    for cid, value in items:
        ok = (
            not isinstance(value, bool)
            and isinstance(value, int | float | np.integer | np.floating)
            and math.isfinite(float(value))
            and float(value) == int(value)
            and int(value) >= 1
        )
        if not ok:
            problems.append(problem("bad_rank", field=cid, value=value, criterion=cid))
        else:
            clean[cid] = int(value)
    check(problems)

    n = len(items)
    pos_w = position_weights(n, method)
    order = sorted(clean, key=lambda c: clean[c])  # stable: ties keep input order
    positions: dict[str, tuple[int, ...]] = {}
    start = 0
    while start < n:
        end = start
        while end + 1 < n and clean[order[end + 1]] == clean[order[start]]:
            end += 1
        block = tuple(range(start + 1, end + 2))
        for cid in order[start : end + 1]:
            positions[cid] = block
        start = end + 1
    weights = {cid: float(np.mean([pos_w[p - 1] for p in positions[cid]])) for cid in clean}
    vector = np.array([weights[cid] for cid, _ in items], dtype=np.float64)
    report = RankReport(
        ids=tuple(cid for cid, _ in items),
        weights=weights,
        method=method,
        ranks=clean,
        positions=positions,
        position_weights=pos_w,
    )
    return vector, report
