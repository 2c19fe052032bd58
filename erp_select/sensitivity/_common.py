"""Shared plumbing of the sensitivity analyses: input checks, weight sweeps, batch scoring."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from erp_select.errors import InputError, Problem

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Tolerance on the sum of the weights (they must add up to 1).
WEIGHT_SUM_TOL = 1e-6
#: Largest number of matrix cells scored in one call of the batch scorer.
CHUNK_CELLS = 4_000_000
#: Colour-blind-safe palette (Okabe & Ito, 2008), black left out.
OKABE_ITO = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#999999",
]


@dataclass(frozen=True)
class Inputs:
    """A checked decision problem: values, directions, weights, method and names.

    ``reps`` maps each vendor to the first vendor with exactly the same values (itself
    when it has no twin): twins tie under every weight vector, so the analyses follow
    one of them and report it by its name.
    """

    matrix: FloatArray
    objectives: tuple[str, ...]
    weights: FloatArray
    method: str
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    reps: IntArray

    @property
    def m(self) -> int:
        """Number of vendors."""
        return int(self.matrix.shape[0])

    @property
    def n(self) -> int:
        """Number of criteria."""
        return int(self.matrix.shape[1])

    @property
    def distinct(self) -> IntArray:
        """Indices of the vendors that are the first of their group of twins."""
        return np.flatnonzero(self.reps == np.arange(self.m)).astype(np.int64)


def problem(key: str, **kwargs: Any) -> Problem:
    """Build a :class:`Problem` of the sensitivity domain (``sensitivity.<key>``)."""
    return Problem(rule=f"sensitivity.{key}", **kwargs)


def _method_keys() -> set[str] | None:
    try:
        from erp_select.engine import methods
    except ImportError:  # pragma: no cover - engine always present once installed
        return None
    return {info.key for info in methods()}


def check_inputs(
    matrix: npt.ArrayLike,
    objectives: Sequence[str],
    weights: npt.ArrayLike | None,
    method: str,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
) -> Inputs:
    """Check a decision problem and return it as arrays; raise ``InputError`` when wrong.

    ``weights=None`` stands for equal weights (used by analyses that sample weights).
    """
    problems: list[Problem] = []
    try:
        values = np.asarray(matrix, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError([problem("matrix_not_numeric", field="matrix")]) from None
    if values.ndim != 2 or values.shape[0] < 1 or values.shape[1] < 1:
        raise InputError(
            [problem("matrix_shape", field="matrix", params={"shape": str(values.shape)})]
        )
    m, n = values.shape
    alts = tuple(str(a) for a in alternatives) if alternatives is not None else None
    crits = tuple(str(c) for c in criteria) if criteria is not None else None
    if alts is not None and len(alts) != m:
        problems.append(
            problem("names_length", field="alternatives", params={"got": len(alts), "expected": m})
        )
    if crits is not None and len(crits) != n:
        problems.append(
            problem("names_length", field="criteria", params={"got": len(crits), "expected": n})
        )
    for label, names in (("alternatives", alts), ("criteria", crits)):
        if names is not None and len(set(names)) != len(names):
            dup = next(x for x in names if names.count(x) > 1)
            problems.append(problem("names_duplicate", field=label, value=dup))
    alts = alts if alts is not None and len(alts) == m else tuple(f"A{i + 1}" for i in range(m))
    crits = crits if crits is not None and len(crits) == n else tuple(f"C{j + 1}" for j in range(n))
    bad = np.argwhere(~np.isfinite(values))
    for i, j in bad[:20]:
        problems.append(
            problem("not_finite", row=int(i) + 1, field=crits[j], value=float(values[i, j]))
        )
    objs = tuple(str(o) for o in objectives)
    if len(objs) != n:
        problems.append(
            problem("names_length", field="objectives", params={"got": len(objs), "expected": n})
        )
    for j, obj in enumerate(objs):
        if obj not in ("max", "min"):
            problems.append(problem("bad_objective", field=crits[j] if j < n else None, value=obj))
    if weights is None:
        w = np.full(n, 1.0 / n)
    else:
        try:
            w = np.asarray(weights, dtype=np.float64).reshape(-1)
        except (TypeError, ValueError):
            raise InputError([*problems, problem("weights_not_numeric", field="weights")]) from None
        if w.shape != (n,):
            problems.append(
                problem("names_length", field="weights", params={"got": w.size, "expected": n})
            )
        else:
            for j in range(n):
                if not math.isfinite(w[j]) or w[j] < 0:
                    problems.append(problem("weight_negative", field=crits[j], value=float(w[j])))
            total = float(np.sum(w))
            if math.isfinite(total) and abs(total - 1.0) > WEIGHT_SUM_TOL:
                problems.append(problem("weights_sum", field="weights", value=round(total, 9)))
    keys = _method_keys()
    if keys is not None and method not in keys:
        problems.append(
            problem(
                "unknown_method", field="method", value=method, params={"known": ", ".join(keys)}
            )
        )
    if problems:
        raise InputError(problems)
    w = w / float(np.sum(w))
    reps = np.arange(m, dtype=np.int64)
    for i in range(m):
        for k in range(i):
            if reps[k] == k and np.array_equal(values[i], values[k]):
                reps[i] = k
                break
    return Inputs(
        matrix=values,
        objectives=objs,
        weights=w,
        method=method,
        alternatives=alts,
        criteria=crits,
        reps=reps,
    )


def check_positive_int(value: int, field: str, minimum: int = 1) -> None:
    """Raise ``InputError`` unless ``value`` is an integer at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise InputError(
            [problem("bad_integer", field=field, value=value, params={"minimum": minimum})]
        )


def sweep_weights(weights: FloatArray, j: int, t: npt.ArrayLike) -> FloatArray:
    """Weight vectors where criterion ``j`` takes each weight of ``t``, the others in proportion.

    ``w_k(t) = w_k (1 - t) / (1 - w_j)`` for ``k != j``. When ``w_j = 1`` (the others all
    zero) there is no proportion to keep, so the rest ``1 - t`` is shared equally.
    Returns an array of shape ``(len(t), n)`` whose rows sum to 1.

    Unchecked, for the analyses' inner loops; outside this package use the checked
    :func:`erp_select.sensitivity.weights.sweep_weights`.
    """
    ts = np.atleast_1d(np.asarray(t, dtype=np.float64))
    n = weights.shape[0]
    others = np.delete(np.arange(n), j)
    rest = 1.0 - weights[j]
    if rest > 1e-12:
        share = weights[others] / rest
    else:
        share = np.full(others.size, 1.0 / max(others.size, 1))
    out = np.empty((ts.size, n))
    out[:, j] = ts
    out[:, others] = (1.0 - ts)[:, None] * share[None, :]
    return out


def score(
    inputs: Inputs,
    weights: FloatArray,
    matrices: FloatArray | None = None,
    method: str | None = None,
) -> FloatArray:
    """Utilities (higher is better) of every vendor for each weight vector, in one batch.

    ``weights`` is ``(S, n)``; ``matrices`` is ``None`` (the checked matrix for every row)
    or ``(S, m, n)``. The batch is cut into chunks of at most :data:`CHUNK_CELLS` cells.
    Returns ``(S, m)``.
    """
    from erp_select.engine.batch import utilities

    key = method or inputs.method
    w = np.atleast_2d(weights)
    s = w.shape[0]
    cells = inputs.m * inputs.n
    step = max(1, (CHUNK_CELLS if matrices is not None else 2 * CHUNK_CELLS) // cells)
    if s <= step:
        mat = inputs.matrix if matrices is None else matrices
        return np.asarray(utilities(key, mat, list(inputs.objectives), w), dtype=np.float64)
    out = np.empty((s, inputs.m))
    for start in range(0, s, step):
        stop = min(s, start + step)
        mat = inputs.matrix if matrices is None else matrices[start:stop]
        out[start:stop] = utilities(key, mat, list(inputs.objectives), w[start:stop])
    return out


def masked(inputs: Inputs, utils: FloatArray) -> FloatArray:
    """Utilities with twins after the first set to ``-inf`` (so ``argmax`` follows one)."""
    out = np.array(utils, dtype=np.float64, copy=True)
    extra = inputs.reps != np.arange(inputs.m)
    out[..., extra] = -np.inf
    return out


def leaders(inputs: Inputs, utils: FloatArray) -> IntArray:
    """Index of the top vendor of each row (first of equals, twins counted once)."""
    out: IntArray = np.argmax(masked(inputs, np.atleast_2d(utils)), axis=1).astype(np.int64)
    return out


def margin_over_rest(inputs: Inputs, utils: FloatArray, a: int) -> FloatArray:
    """Utility of vendor ``a`` minus the best utility of the other distinct vendors, per row.

    Positive where ``a`` is alone at the top; ``+inf`` when there is no other vendor.
    """
    u = np.atleast_2d(utils)
    rest = [int(k) for k in inputs.distinct if k != inputs.reps[a]]
    if not rest:
        return np.full(u.shape[0], np.inf)
    return np.asarray(u[:, a] - np.max(u[:, rest], axis=1), dtype=np.float64)


def first_root(
    func: Callable[[float], float],
    grid: FloatArray,
    values: FloatArray,
) -> float | None:
    """First point along ``grid`` where ``func`` stops being positive, or ``None``.

    ``values`` are ``func`` on ``grid`` (``values[0] > 0`` is expected). The sign change
    is bracketed by the grid and located by Brent's method to ~1e-12.
    """
    from scipy.optimize import brentq

    bad = np.flatnonzero(values <= 0)
    if bad.size == 0:
        return None
    i = int(bad[0])
    if i == 0:
        return float(grid[0])
    lo, hi = float(grid[i - 1]), float(grid[i])
    # re-evaluate the ends one at a time: a batch and a single evaluation may differ in the
    # last bits, which matters only when the function is within rounding of zero there
    f_lo, f_hi = func(lo), func(hi)
    if f_lo <= 0:
        return lo
    if f_hi >= 0:
        return hi
    root = brentq(func, min(lo, hi), max(lo, hi), xtol=1e-13, rtol=1e-14, maxiter=200)
    return float(root)


def chart_title(text: str, subtitle: str | None = None) -> Any:
    """An Altair title with an optional subtitle."""
    import altair as alt

    if subtitle:
        return alt.TitleParams(text=text, subtitle=subtitle, anchor="start")
    return alt.TitleParams(text=text, anchor="start")
