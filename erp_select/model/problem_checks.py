"""Checks of a decision problem's inputs: one set of located messages for the whole package."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from erp_select.errors import InputError
from erp_select.errors import Problem as Finding

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Most problems listed in one ``InputError`` (the rest are summarised by the first ones).
MAX_PROBLEMS = 20

#: A checked problem: values, signs (+1/−1), weights summing to 1, vendor and criterion names.
Checked = tuple[FloatArray, IntArray, FloatArray, list[str], list[str]]

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


def raise_all(problems: list[Finding]) -> None:
    """Raise ``InputError`` with the first :data:`MAX_PROBLEMS` problems, if any."""
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
        raise_all(
            [
                Finding(
                    rule="engine.names_length",
                    field=what,
                    value=len(out),
                    params={"what": what, "expected": count, "count": len(out)},
                )
            ]
        )
    seen: set[str] = set()
    problems: list[Finding] = []
    for name in out:
        if name in seen:
            problems.append(
                Finding(rule="engine.duplicate_name", field=what, value=name, params={"what": what})
            )
        seen.add(name)
    raise_all(problems)
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
        raise_all(
            [
                Finding(
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
    problems: list[Finding] = []
    for i in range(m):
        for j in range(n):
            cell = raw[i, j]
            number = _as_float(cell)
            if number is None:
                problems.append(
                    Finding(
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
                    Finding(
                        rule="engine.not_finite",
                        row=i + 1,
                        field=crits[j],
                        value=str(number),
                        params={"alternative": alts[i]},
                    )
                )
            values[i, j] = number
    raise_all(problems)
    return values, alts, crits


def _one_per_criterion(given: Any, criteria: list[str], length_rule: str) -> list[Any]:
    """``given`` as a list (a lone value is a list of one), or raise when its length is not
    one item per criterion."""
    if isinstance(given, str | bytes) or not hasattr(given, "__len__"):
        items: list[Any] = [given]
    elif hasattr(given, "shape"):
        items = list(np.asarray(given, dtype=object).ravel())
    else:
        items = list(given)
    if len(items) != len(criteria):
        raise_all(
            [
                Finding(
                    rule=length_rule,
                    value=len(items),
                    params={"expected": len(criteria), "count": len(items)},
                )
            ]
        )
    return items


def check_objectives(objectives: Any, criteria: list[str]) -> IntArray:
    """Return the objectives as +1 (maximise) / −1 (minimise), or raise ``InputError``."""
    items = _one_per_criterion(objectives, criteria, "engine.objectives_length")
    n = len(criteria)
    signs = np.empty(n, dtype=np.int64)
    problems: list[Finding] = []
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
                Finding(rule="engine.bad_objective", field=criteria[j], value=str(item))
            )
        else:
            signs[j] = sign
    raise_all(problems)
    return signs


def check_weights(weights: Any, criteria: list[str]) -> FloatArray:
    """Return the weights normalised to sum 1, or raise ``InputError``."""
    items = _one_per_criterion(weights, criteria, "engine.weights_length")
    n = len(criteria)
    out = np.zeros(n, dtype=np.float64)
    problems: list[Finding] = []
    for j, item in enumerate(items):
        number = _as_float(item)
        if number is None:
            problems.append(
                Finding(
                    rule="engine.weight_not_numeric",
                    field=criteria[j],
                    value=item if isinstance(item, str) else repr(item),
                )
            )
        elif not math.isfinite(number):
            problems.append(
                Finding(rule="engine.weight_not_finite", field=criteria[j], value=str(number))
            )
        elif number < 0:
            problems.append(Finding(rule="engine.weight_negative", field=criteria[j], value=number))
        else:
            out[j] = number
    raise_all(problems)
    total = float(out.sum())
    if not total > 0 or not math.isfinite(total):
        raise_all([Finding(rule="engine.weights_all_zero", field="weights")])
    return out / total


def check_problem(
    matrix: Any,
    objectives: Any,
    weights: Any,
    alternatives: Sequence[Any] | None = None,
    criteria: Sequence[Any] | None = None,
) -> Checked:
    """Validate the three inputs of a decision problem together (all-or-nothing).

    This is the one way to state a problem across the package (``rank()``, the batch
    scorers and every sensitivity analysis): objectives "max"/"min" (also 1/−1,
    "benefit"/"cost", "maximise"/"minimise", any case), weights non-negative with a positive
    sum, normalised to sum 1. Every problem found in the table, the objectives and the
    weights is reported at once, each located by criterion (and vendor row).
    """
    problems: list[Finding] = []
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
    raise_all(problems)
    assert checked is not None and signs is not None and w is not None  # all passed
    values, alts, crits = checked
    return values, signs, w, alts, crits


def check_ranges(
    values: FloatArray,
    low: Any,
    high: Any,
    alternatives: Sequence[str],
    criteria: Sequence[str],
) -> tuple[FloatArray, FloatArray] | None:
    """Return the ``(low, high)`` bounds of every value, or None when neither is given.

    NaN (or a missing table) means the value is certain: its bound is the value itself.
    Each value must lie within its bounds, otherwise ``InputError`` (one problem per cell).
    """
    if low is None and high is None:
        return None
    arrays: list[FloatArray] = []
    for name, given in (("low", low), ("high", high)):
        if given is None:
            arrays.append(values.copy())
            continue
        try:
            arr = np.asarray(given, dtype=np.float64)
        except (TypeError, ValueError):
            raise InputError([Finding(rule="sensitivity.range_not_numeric", field=name)]) from None
        if arr.shape != values.shape:
            raise InputError(
                [
                    Finding(
                        rule="sensitivity.range_shape",
                        field=name,
                        params={"got": str(arr.shape), "expected": str(values.shape)},
                    )
                ]
            )
        arrays.append(arr)
    lo, hi = arrays
    given_range = np.isfinite(lo) & np.isfinite(hi)
    lo = np.where(given_range, lo, values)
    hi = np.where(given_range, hi, values)
    problems = [
        Finding(
            rule="sensitivity.bad_range",
            row=int(i) + 1,
            field=criteria[j],
            value=float(values[i, j]),
            params={
                "vendor": alternatives[i],
                "low": float(lo[i, j]),
                "high": float(hi[i, j]),
            },
        )
        for i, j in np.argwhere((lo > values) | (hi < values))[:MAX_PROBLEMS]
    ]
    raise_all(problems)
    return lo, hi
