"""AHP from a list of pairwise comparisons: the matrix they fill, and its priorities."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

from erp_select.errors import Problem
from erp_select.model.judgments import SCALE_MAX, SCALE_MIN, Comparison
from erp_select.weights.ahp import AhpReport, FloatArray, ahp
from erp_select.weights.ahp_scale import CR_THRESHOLD, SCALE_RTOL, RiTable
from erp_select.weights.checks import check, pair, problem


def comparisons_matrix(
    ids: Sequence[str], comparisons: Iterable[Comparison | tuple[str, str, float]]
) -> FloatArray:
    """Build the pairwise matrix (NaN for unanswered pairs) from a list of comparisons.

    Parameters
    ----------
    ids
        The criteria being compared, in the order of the matrix.
    comparisons
        ``Comparison`` records or ``(a, b, value)`` tuples: ``a`` is ``value`` times as
        important as ``b``.

    Returns
    -------
    numpy.ndarray
        The reciprocal matrix with 1 on the diagonal and NaN where no judgment was given.

    Raises
    ------
    InputError
        A criterion not in ``ids``, a criterion compared with itself, a pair given twice,
        or a value outside 1/9…9.
    """
    index = {cid: k for k, cid in enumerate(ids)}
    n = len(ids)
    out = np.full((n, n), np.nan)
    np.fill_diagonal(out, 1.0)
    problems: list[Problem] = []
    seen: set[frozenset[str]] = set()
    lo, hi = SCALE_MIN * (1 - SCALE_RTOL), SCALE_MAX * (1 + SCALE_RTOL)
    for item in comparisons:
        if isinstance(item, Comparison):
            a, b, value = item.a, item.b, float(item.value)
        else:
            a, b, value = str(item[0]), str(item[1]), float(item[2])
        where = pair(a, b)
        unknown = [x for x in (a, b) if x not in index]
        if unknown:
            for x in unknown:
                problems.append(problem("unknown_in_pair", field=where, value=x, criterion=x))
            continue
        if a == b:
            problems.append(problem("self_comparison", field=where, value=value, criterion=a))
            continue
        key = frozenset((a, b))
        if key in seen:
            problems.append(problem("duplicate_pair", field=where, value=value, a=a, b=b))
            continue
        seen.add(key)
        if not math.isfinite(value) or value <= 0:
            problems.append(problem("not_positive", field=where, value=value, a=a, b=b))
            continue
        if not lo <= value <= hi:
            problems.append(problem("scale_out_of_range", field=where, value=value, a=a, b=b))
            continue
        out[index[a], index[b]] = value
        out[index[b], index[a]] = 1.0 / value
    check(problems)
    return out


def ahp_from_comparisons(
    ids: Sequence[str],
    comparisons: Iterable[Comparison | tuple[str, str, float]],
    *,
    ri_table: RiTable = "saaty1980",
    threshold: float = CR_THRESHOLD,
) -> tuple[FloatArray, AhpReport]:
    """Run :func:`ahp` on a list of comparisons, some pairs possibly unanswered.

    Parameters
    ----------
    ids
        The criteria being compared (matrix order).
    comparisons
        ``Comparison`` records or ``(a, b, value)`` tuples.
    ri_table, threshold
        As in :func:`ahp`.

    Returns
    -------
    tuple[numpy.ndarray, AhpReport]
        Priorities in ``ids`` order and the diagnostics.
    """
    return ahp(comparisons_matrix(ids, comparisons), ids, ri_table=ri_table, threshold=threshold)
