"""Shared plumbing of the sensitivity analyses: input checks, weight sweeps, batch scoring."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from erp_select.engine._core import TIE_RTOL
from erp_select.engine.batch import utilities
from erp_select.engine.registry import method_spec
from erp_select.engine.scorer import shared_utilities
from erp_select.errors import InputError, Problem
from erp_select.model.problem import Problem as EngineProblem
from erp_select.model.problem import as_problem

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Tolerance on the sum of the weights (they must add up to 1).
WEIGHT_SUM_TOL = 1e-6
#: Largest number of matrix cells scored in one call of the batch scorer.
CHUNK_CELLS = 4_000_000


@dataclass(frozen=True)
class Inputs:
    """A checked decision problem with the method that scores it.

    ``reps`` maps each vendor to the vendor with exactly the same values whose name comes
    first (itself when it has no twin): twins tie under every weight vector, so the
    analyses follow one of them and report it by its name, whatever the rows' order.
    """

    problem: EngineProblem
    method: str
    reps: IntArray

    @property
    def matrix(self) -> FloatArray:
        """The values, vendors × criteria."""
        return self.problem.values

    @property
    def objectives(self) -> tuple[str, ...]:
        """``"max"``/``"min"`` per criterion."""
        return self.problem.objectives

    @property
    def weights(self) -> FloatArray:
        """The weights, summing to 1."""
        return self.problem.weights

    @property
    def alternatives(self) -> tuple[str, ...]:
        """Vendor names."""
        return self.problem.alternatives

    @property
    def criteria(self) -> tuple[str, ...]:
        """Criterion names."""
        return self.problem.criteria

    @property
    def m(self) -> int:
        """Number of vendors."""
        return self.problem.m

    @property
    def n(self) -> int:
        """Number of criteria."""
        return self.problem.n

    @cached_property
    def scorer(self) -> Callable[[FloatArray], FloatArray]:
        """Utilities of the checked table under weight rows (prepared once)."""
        return shared_utilities(self.method, self.problem)

    @cached_property
    def distinct(self) -> IntArray:
        """Indices of the vendors that are the first of their group of twins."""
        out = np.flatnonzero(self.reps == np.arange(self.m)).astype(np.int64)
        out.flags.writeable = False
        return out

    @cached_property
    def twins(self) -> npt.NDArray[np.bool_] | None:
        """The vendors that are the twin of an earlier one (``None`` when there is none)."""
        extra = self.reps != np.arange(self.m)
        return extra if extra.any() else None

    def rest(self, *vendors: int) -> IntArray:
        """The distinct vendors outside the groups of ``vendors``, in order (kept per call:
        the analyses ask hundreds of times)."""
        found = self._rests.get(vendors)
        if found is None:
            groups = {int(self.reps[a]) for a in vendors}
            kept = [int(k) for k in self.distinct if int(k) not in groups]
            found = np.array(kept, dtype=np.int64)
            self._rests[vendors] = found
        return found

    @cached_property
    def _rests(self) -> dict[tuple[int, ...], IntArray]:
        return {}

    def sweep(self, j: int, t: npt.ArrayLike) -> FloatArray:
        """:func:`sweep_weights` of the checked weights (the same numbers, parts kept per
        criterion: the analyses sweep each criterion hundreds of times)."""
        found = self._sweeps.get(j)
        if found is None:
            found = self._sweeps[j] = _sweep_parts(self.weights, j)
        others, share = found
        ts = np.atleast_1d(np.asarray(t, dtype=np.float64))
        out = np.empty((ts.size, self.n))
        out[:, j] = ts
        out[:, others] = (1.0 - ts)[:, None] * share[None, :]
        return out

    @cached_property
    def _sweeps(self) -> dict[int, tuple[IntArray, FloatArray]]:
        return {}


def problem(key: str, **kwargs: Any) -> Problem:
    """Build a :class:`Problem` of the sensitivity domain (``sensitivity.<key>``)."""
    return Problem(rule=f"sensitivity.{key}", **kwargs)


def check_inputs(
    stated: EngineProblem | npt.ArrayLike,
    objectives: Sequence[Any] | None,
    weights: npt.ArrayLike | None,
    method: str,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    equal_if_missing: bool = False,
    low: npt.ArrayLike | None = None,
    high: npt.ArrayLike | None = None,
) -> Inputs:
    """Take a :class:`erp_select.engine.Problem` (or check the plain form) and a method.

    The plain form is checked by :meth:`erp_select.engine.Problem.of`, with the messages
    of :func:`erp_select.engine.rank`; an unknown method is reported with the problem's
    own mistakes. With ``equal_if_missing``, plain ``weights=None`` stands for equal
    weights (the analyses that sample weights); ``low``/``high`` are the plain form's
    bounds of the values.
    """
    problems: list[Problem] = []
    key = str(method)
    try:
        key = method_spec(method).key
    except InputError as exc:
        problems.extend(exc.problems)
    given: Any = weights
    if weights is None and equal_if_missing and not isinstance(stated, EngineProblem):
        try:
            shape = np.shape(np.asarray(stated, dtype=object))
        except (TypeError, ValueError):
            shape = ()
        given = np.ones(shape[1]) if len(shape) == 2 and shape[1] >= 1 else [1.0]
    try:
        checked = as_problem(stated, objectives, given, alternatives, criteria, low, high)
    except InputError as exc:
        raise InputError([*problems, *exc.problems]) from None
    if problems:
        raise InputError(problems)
    values = checked.values
    names = checked.alternatives
    reps = np.arange(values.shape[0], dtype=np.int64)
    groups: dict[bytes, list[int]] = {}
    for i, row in enumerate(values + 0.0):  # + 0.0 makes -0.0 and 0.0 the same bytes
        groups.setdefault(row.tobytes(), []).append(i)
    for members in groups.values():
        reps[members] = min(members, key=lambda i: names[i])
    return Inputs(problem=checked, method=key, reps=reps)


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
    others, share = _sweep_parts(weights, j)
    out = np.empty((ts.size, weights.shape[0]))
    out[:, j] = ts
    out[:, others] = (1.0 - ts)[:, None] * share[None, :]
    return out


def _sweep_parts(weights: FloatArray, j: int) -> tuple[IntArray, FloatArray]:
    """The criteria other than ``j`` and their shares of ``1 - t`` in a sweep of ``j``."""
    n = weights.shape[0]
    others = np.delete(np.arange(n), j)
    rest = 1.0 - weights[j]
    if rest > 1e-12:
        share = weights[others] / rest
    else:
        share = np.full(others.size, 1.0 / max(others.size, 1))
    return others.astype(np.int64), share


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
    key = method or inputs.method
    w = np.atleast_2d(weights)
    s = w.shape[0]
    cells = inputs.m * inputs.n
    step = max(1, (CHUNK_CELLS if matrices is not None else 2 * CHUNK_CELLS) // cells)
    if matrices is None and key == inputs.method:
        return np.asarray(inputs.scorer(w), dtype=np.float64)
    if s <= step:
        return np.asarray(
            utilities(key, inputs.problem, weights=w, matrices=matrices), dtype=np.float64
        )
    out = np.empty((s, inputs.m))
    for start in range(0, s, step):
        stop = min(s, start + step)
        mats = None if matrices is None else matrices[start:stop]
        out[start:stop] = utilities(key, inputs.problem, weights=w[start:stop], matrices=mats)
    return out


def masked(inputs: Inputs, utils: FloatArray) -> FloatArray:
    """Utilities with twins after the first set to ``-inf`` (so ``argmax`` follows one).

    Without twins the utilities themselves are returned (callers only read them).
    """
    extra = inputs.twins
    if extra is None:
        return np.asarray(utils, dtype=np.float64)
    out = np.array(utils, dtype=np.float64, copy=True)
    out[..., extra] = -np.inf
    return out


def leaders(inputs: Inputs, utils: FloatArray) -> IntArray:
    """Index of the top vendor of each row (first of equals, twins counted once)."""
    out: IntArray = np.argmax(masked(inputs, np.atleast_2d(utils)), axis=1).astype(np.int64)
    return out


def strict_leaders(inputs: Inputs, utils: FloatArray, ties: bool = False) -> Any:
    """Who is first in each row, by the engine's tie rule, whatever the vendors' order.

    Two utilities tie when they differ by at most ``TIE_RTOL`` times the row's largest
    magnitude (as in :func:`erp_select.engine.batch.ranks_from_scores`); twins count once.
    Returns the index of the vendor alone in first place per row, ``-1`` where first place
    is shared; with ``ties=True`` a boolean ``(S, m)`` table of every vendor in first place
    instead (twins of a first vendor included).
    """
    u = masked(inputs, np.atleast_2d(utils))
    distinct = inputs.distinct
    top = u[:, distinct].max(axis=1, keepdims=True)
    tol = TIE_RTOL * np.abs(u[:, distinct]).max(axis=1, keepdims=True)
    first = u >= top - tol
    if ties:
        return first[:, inputs.reps]
    count = first.sum(axis=1)
    out: IntArray = np.where(count == 1, np.argmax(first, axis=1), -1).astype(np.int64)
    return out


def margin_over_rest(inputs: Inputs, utils: FloatArray, a: int) -> FloatArray:
    """Utility of vendor ``a`` minus the best utility of the other distinct vendors, per row.

    Positive where ``a`` is alone at the top; ``+inf`` when there is no other vendor.
    """
    u = np.atleast_2d(utils)
    rest = inputs.rest(a)
    if not rest.size:
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
