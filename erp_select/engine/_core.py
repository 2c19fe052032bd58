"""Shared engine plumbing: input validation, method specs, preprocessing and the tie rule."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from erp_select.errors import InputError, Problem

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: Relative tolerance of the tie rule and of the "constant criterion" test.
TIE_RTOL = 1e-12
#: VIKOR strategy weight (group utility vs individual regret) and WASPAS lambda.
VIKOR_V = 0.5
WASPAS_LAMBDA = 0.5
#: Most problems listed in one ``InputError`` (the rest are summarised by the first ones).
MAX_PROBLEMS = 20

ShiftRule = Literal["none", "positive", "copras", "non_negative"]

_OBJECTIVE_ALIASES: dict[str, int] = {
    "max": 1,
    "maximise": 1,
    "maximize": 1,
    "benefit": 1,
    "+": 1,
    "min": -1,
    "minimise": -1,
    "minimize": -1,
    "cost": -1,
    "-": -1,
}


@dataclass(frozen=True)
class MethodSpec:
    """Everything the engine knows about one method (the public view is ``MethodInfo``)."""

    key: str
    name: str
    description: dict[str, str]
    normalisation: str
    higher_is_better: bool
    batchable: bool
    neutral_score: float
    shift: ShiftRule
    #: True when the method's formula is defined with a criterion that has the same value
    #: for every vendor (ratio, share or vector normalisation): the criterion is kept.
    keeps_constant: bool = False


@dataclass(frozen=True)
class Problem2D:
    """A validated decision problem: finite float matrix, ±1 signs, weights summing to 1."""

    matrix: FloatArray
    signs: IntArray
    weights: FloatArray
    alternatives: list[str]
    criteria: list[str]


def _raise(problems: list[Problem]) -> None:
    if problems:
        raise InputError(problems[:MAX_PROBLEMS])


def _as_float(value: Any) -> float | None:
    """Return ``value`` as a float, or None when it is not a number (bools and text refused)."""
    if isinstance(value, bool | str | bytes):
        return None
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        return None


def default_names(prefix: str, count: int) -> list[str]:
    """Return ``[prefix1, …, prefixN]``."""
    return [f"{prefix}{i + 1}" for i in range(count)]


def check_names(names: Sequence[Any] | None, count: int, prefix: str, what: str) -> list[str]:
    """Return ``count`` distinct display names, or raise ``InputError``."""
    if names is None:
        return default_names(prefix, count)
    out = [str(name) for name in names]
    if len(out) != count:
        _raise(
            [
                Problem(
                    rule="engine.names_length",
                    field=what,
                    value=len(out),
                    params={"what": what, "expected": count, "count": len(out)},
                )
            ]
        )
    seen: set[str] = set()
    problems: list[Problem] = []
    for name in out:
        if name in seen:
            problems.append(
                Problem(rule="engine.duplicate_name", field=what, value=name, params={"what": what})
            )
        seen.add(name)
    _raise(problems)
    return out


def check_matrix(
    matrix: Any, alternatives: Sequence[Any] | None, criteria: Sequence[Any] | None
) -> tuple[FloatArray, list[str], list[str]]:
    """Validate a performance table (m alternatives × n criteria) and its names."""
    if alternatives is None and hasattr(matrix, "index") and hasattr(matrix, "columns"):
        alternatives = [str(x) for x in matrix.index]
        criteria = criteria if criteria is not None else [str(x) for x in matrix.columns]
    raw = np.asarray(matrix, dtype=object)
    if raw.ndim != 2 or raw.shape[0] < 1 or raw.shape[1] < 1:
        _raise(
            [
                Problem(
                    rule="engine.matrix_shape",
                    value=str(tuple(raw.shape)),
                    params={"shape": str(tuple(raw.shape))},
                )
            ]
        )
    m, n = raw.shape
    alts = check_names(alternatives, m, "A", "alternatives")
    crits = check_names(criteria, n, "C", "criteria")
    values = np.empty((m, n), dtype=np.float64)
    problems: list[Problem] = []
    for i in range(m):
        for j in range(n):
            cell = raw[i, j]
            number = _as_float(cell)
            if number is None:
                problems.append(
                    Problem(
                        rule="engine.not_numeric",
                        row=i + 1,
                        field=crits[j],
                        value=cell if isinstance(cell, str) else repr(cell),
                        params={"alternative": alts[i]},
                    )
                )
                continue
            if not math.isfinite(number):
                problems.append(
                    Problem(
                        rule="engine.not_finite",
                        row=i + 1,
                        field=crits[j],
                        value=str(number),
                        params={"alternative": alts[i]},
                    )
                )
            values[i, j] = number
    _raise(problems)
    return values, alts, crits


def check_objectives(objectives: Any, criteria: list[str]) -> IntArray:
    """Return the objectives as +1 (maximise) / −1 (minimise), or raise ``InputError``."""
    if isinstance(objectives, str | bytes) or not hasattr(objectives, "__len__"):
        items: list[Any] = [objectives]
    else:
        items = list(objectives)
    n = len(criteria)
    if len(items) != n:
        _raise(
            [
                Problem(
                    rule="engine.objectives_length",
                    value=len(items),
                    params={"expected": n, "count": len(items)},
                )
            ]
        )
    signs = np.empty(n, dtype=np.int64)
    problems: list[Problem] = []
    for j, item in enumerate(items):
        sign: int | None = None
        if isinstance(item, str):
            sign = _OBJECTIVE_ALIASES.get(item.strip().lower())
        elif not isinstance(item, bool):
            number = _as_float(item)
            if number in (1.0, -1.0):
                sign = int(number)
        if sign is None:
            problems.append(
                Problem(rule="engine.bad_objective", field=criteria[j], value=str(item))
            )
        else:
            signs[j] = sign
    _raise(problems)
    return signs


def check_weights(weights: Any, criteria: list[str]) -> FloatArray:
    """Return the weights normalised to sum 1, or raise ``InputError``."""
    if isinstance(weights, str | bytes) or not hasattr(weights, "__len__"):
        items: list[Any] = [weights]
    else:
        items = (
            list(np.asarray(weights, dtype=object).ravel())
            if hasattr(weights, "shape")
            else list(weights)
        )
    n = len(criteria)
    if len(items) != n:
        _raise(
            [
                Problem(
                    rule="engine.weights_length",
                    value=len(items),
                    params={"expected": n, "count": len(items)},
                )
            ]
        )
    out = np.zeros(n, dtype=np.float64)
    problems: list[Problem] = []
    for j, item in enumerate(items):
        number = _as_float(item)
        if number is None:
            problems.append(
                Problem(
                    rule="engine.weight_not_numeric",
                    field=criteria[j],
                    value=item if isinstance(item, str) else repr(item),
                )
            )
        elif not math.isfinite(number):
            problems.append(
                Problem(rule="engine.weight_not_finite", field=criteria[j], value=str(number))
            )
        elif number < 0:
            problems.append(Problem(rule="engine.weight_negative", field=criteria[j], value=number))
        else:
            out[j] = number
    _raise(problems)
    total = float(out.sum())
    if not total > 0 or not math.isfinite(total):
        _raise([Problem(rule="engine.weights_all_zero", field="weights")])
    return out / total


def check_problem(
    matrix: Any,
    objectives: Any,
    weights: Any,
    alternatives: Sequence[Any] | None = None,
    criteria: Sequence[Any] | None = None,
) -> Problem2D:
    """Validate the three inputs of a decision problem together (all-or-nothing).

    This is the one way to state a problem across the package (``rank()``, the batch
    scorers and every sensitivity analysis): objectives "max"/"min" (also 1/−1,
    "benefit"/"cost", "maximise"/"minimise", any case), weights non-negative with a positive
    sum, normalised to sum 1. Every problem found in the table, the objectives and the
    weights is reported at once, each located by criterion (and vendor row).
    """
    problems: list[Problem] = []
    names: list[str] | None = None
    checked: tuple[FloatArray, list[str], list[str]] | None = None
    try:
        checked = check_matrix(matrix, alternatives, criteria)
        names = checked[2]
    except InputError as exc:
        problems.extend(exc.problems)
        try:
            shape = np.shape(np.asarray(matrix, dtype=object))
        except (TypeError, ValueError):
            shape = ()
        if len(shape) == 2 and shape[1] >= 1:
            given = [str(c) for c in criteria] if criteria is not None else []
            names = given if len(given) == shape[1] else default_names("C", shape[1])
    signs: IntArray | None = None
    w: FloatArray | None = None
    if names is not None:
        try:
            signs = check_objectives(objectives, names)
        except InputError as exc:
            problems.extend(exc.problems)
        try:
            w = check_weights(weights, names)
        except InputError as exc:
            problems.extend(exc.problems)
    _raise(problems)
    assert checked is not None and signs is not None and w is not None  # all passed
    values, alts, crits = checked
    return Problem2D(values, signs, w, alts, crits)


# --------------------------------------------------------------------------- preprocessing


def constant_columns(matrix: FloatArray) -> BoolArray:
    """Columns (last axis) whose values are equal for every alternative (second-last axis).

    "Equal" means a spread of at most ``TIE_RTOL`` times the column's largest magnitude, so
    rounding noise such as ``0.1 + 0.2`` against ``0.3`` does not count as discrimination.
    """
    spread = matrix.max(axis=-2) - matrix.min(axis=-2)
    scale = np.abs(matrix).max(axis=-2)
    result: BoolArray = spread <= TIE_RTOL * scale
    return result


def kept_constant_columns(spec: MethodSpec, matrix: FloatArray) -> BoolArray:
    """Constant columns (last axis) that ``spec`` keeps because its formula is defined there.

    Ratio and share methods (WPM, WASPAS, COPRAS) give such a column the same ratio (1) or
    share (1/m) for every vendor, whatever its value. MOORA's vector normalisation gives it
    ±1/√m, undefined for a column of zeros, which is left out. Other methods keep none.
    """
    constant = constant_columns(matrix)
    if not spec.keeps_constant:
        return np.zeros(constant.shape, dtype=bool)
    if spec.shift == "none":
        nonzero: BoolArray = constant & (np.abs(matrix).max(axis=-2) > 0)
        return nonzero
    return constant


def set_kept_constants(matrix: FloatArray, kept: BoolArray, rule: ShiftRule) -> FloatArray:
    """Give each kept constant column (last axis) its canonical value on a unit scale.

    1 for the ratio and share methods (any positive constant gives the same ratios and
    shares; no shift is needed), the sign of the value for vector normalisation (MOORA).
    """
    if not kept.any():
        return matrix
    if rule == "none":
        value = np.sign(matrix.mean(axis=-2, keepdims=True))
    else:
        value = np.ones((*matrix.shape[:-2], 1, matrix.shape[-1]))
    out: FloatArray = np.where(np.expand_dims(kept, -2), value, matrix)
    return out


def unit_scale(matrix: FloatArray) -> FloatArray:
    """Divide each column (last axis) by its largest magnitude, so values lie in [−1, 1].

    Every method in the registry is invariant to a positive rescaling of one criterion
    (each normalisation divides it out), so this changes no score beyond rounding; it keeps
    tiny (subnormal) or huge values from under- or overflowing inside the methods.
    """
    scale = np.abs(matrix).max(axis=-2, keepdims=True)
    out: FloatArray = np.divide(matrix, scale, out=np.zeros_like(matrix), where=scale > 0)
    return out


def shift_columns(matrix: FloatArray, signs: IntArray, rule: ShiftRule) -> BoolArray:
    """Which columns (last axis) the method's positivity rule shifts by ``x − min + range``."""
    lo = matrix.min(axis=-2)
    if rule == "positive":
        needed: BoolArray = lo <= 0
    elif rule == "non_negative":
        needed = lo < 0
    elif rule == "copras":
        needed = np.where(signs < 0, lo <= 0, lo < 0)
    else:
        needed = np.zeros(lo.shape, dtype=bool)
    return needed


def apply_shift(matrix: FloatArray, needed: BoolArray) -> FloatArray:
    """Shift the ``needed`` columns so their worst value sits at half their best.

    ``x' = x − min + (max − min)`` maps the column onto ``[range, 2·range]``: unit-free,
    order-preserving, strictly positive for a non-constant column.
    """
    lo = matrix.min(axis=-2, keepdims=True)
    hi = matrix.max(axis=-2, keepdims=True)
    shifted = matrix - lo + (hi - lo)
    out: FloatArray = np.where(np.expand_dims(needed, -2), shifted, matrix)
    return out


# --------------------------------------------------------------------------- tie rule


def competition_ranks(scores: FloatArray, higher_is_better: bool = True) -> IntArray:
    """Rank the last axis, 1 = best, with the engine's tie rule.

    Two scores tie when they differ by at most ``TIE_RTOL`` times the largest magnitude in
    their row; tied alternatives share the best rank of their group and the next rank
    skips ("competition" ranking: 1, 1, 3). Formally ``rank_i = 1 + #{k : s_k beats s_i}``.
    """
    s = np.asarray(scores, dtype=np.float64)
    oriented = s if higher_is_better else -s
    tol = TIE_RTOL * np.abs(oriented).max(axis=-1, keepdims=True)
    beats = oriented[..., :, None] > oriented[..., None, :] + tol[..., None]
    ranks: IntArray = (1 + beats.sum(axis=-2)).astype(np.int64)
    return ranks
