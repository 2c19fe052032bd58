"""AHP on a pairwise matrix: eigenvector priorities, consistency, worst judgments, completion."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from erp_select.errors import Problem
from erp_select.model.judgments import SCALE_MAX, SCALE_MIN
from erp_select.weights.ahp_scale import (
    CR_THRESHOLD,
    MAX_SIZE,
    RANDOM_INDEX,
    RANDOM_INDEX_SOURCE,
    SCALE_RTOL,
    RiTable,
    random_index,
    snap_to_scale,
)
from erp_select.weights.checks import check, fail, pair, problem

FloatArray = NDArray[np.float64]

#: Name of the completion method used for missing judgments.
COMPLETION_METHOD = "harker1987"
COMPLETION_SOURCE = (
    "Harker, P.T. (1987). Incomplete pairwise comparisons in the analytic hierarchy "
    "process. Mathematical Modelling 9(11), 837–848."
)

# Judgments a and b with a * b within this relative distance of 1 count as reciprocal
# (so 0.333 for 1/3 passes); they are then made exactly reciprocal.
_RECIPROCAL_RTOL = 1e-3


@dataclass(frozen=True)
class Inconsistency:
    """One judgment and how far it is from what the priorities imply.

    Attributes
    ----------
    a, b
        The criteria compared (``a`` over ``b``).
    given
        The judgment ``a_ab`` as entered.
    implied
        ``w_a / w_b`` from the current priorities: the value that would agree with them.
    suggested
        ``implied`` snapped to the nearest value of Saaty's scale (in log distance).
    error
        ``|ln(a_ab · w_b / w_a)|``: 0 when the judgment agrees with the priorities.
    cr_if_suggested
        The consistency ratio if this judgment alone were replaced by ``suggested``.
    """

    a: str
    b: str
    given: float
    implied: float
    suggested: float
    error: float
    cr_if_suggested: float


@dataclass(frozen=True, eq=False)
class AhpReport:
    """Diagnostics of one AHP matrix.

    Attributes
    ----------
    ids
        Criterion ids, in matrix order.
    weights
        Priorities by criterion id (they sum to 1).
    lambda_max
        Principal eigenvalue of the (completed) matrix.
    ci
        Consistency index ``(lambda_max - n) / (n - 1)`` (0 for n ≤ 2).
    ri
        Random index for ``n`` from the named table.
    cr
        Consistency ratio ``ci / ri`` (0 when ``ri`` is 0, i.e. n ≤ 2).
    consistent
        ``cr <= threshold``.
    threshold
        The acceptance bar used (0.10 by default).
    ri_table, ri_source
        Name and reference of the random-index table.
    matrix
        The reciprocal matrix used, with missing judgments filled in by completion.
    missing
        Pairs ``(a, b)`` that were not judged and were completed.
    completion
        ``"harker1987"`` when some judgments were missing, else ``None``.
    worst
        Judgments ranked from the one that hurts consistency most.
    """

    ids: tuple[str, ...]
    weights: dict[str, float]
    lambda_max: float
    ci: float
    ri: float
    cr: float
    consistent: bool
    threshold: float
    ri_table: str
    ri_source: str
    matrix: FloatArray
    missing: tuple[tuple[str, str], ...] = ()
    completion: str | None = None
    worst: tuple[Inconsistency, ...] = field(default_factory=tuple)

    @property
    def n(self) -> int:
        """Number of criteria compared."""
        return len(self.ids)


def _principal(matrix: FloatArray) -> tuple[float, FloatArray]:
    """Return the Perron eigenvalue and the normalised positive eigenvector."""
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    vec = np.abs(vectors[:, k].real)
    return float(values[k].real), vec / vec.sum()


def _components(known: NDArray[np.bool_]) -> list[list[int]]:
    """Return the connected components of the comparison graph (indices, ascending)."""
    n = known.shape[0]
    seen = [False] * n
    groups: list[list[int]] = []
    for start in range(n):
        if seen[start]:
            continue
        stack, group = [start], []
        seen[start] = True
        while stack:
            i = stack.pop()
            group.append(i)
            for j in np.flatnonzero(known[i]):
                if not seen[j]:
                    seen[j] = True
                    stack.append(int(j))
        groups.append(sorted(group))
    return groups


def _validate(raw: FloatArray, ids: Sequence[str]) -> list[Problem]:
    """Check a square matrix of judgments (NaN = missing); return every problem found."""
    problems: list[Problem] = []
    n = raw.shape[0]
    for i in range(n):
        if not abs(raw[i, i] - 1.0) <= SCALE_RTOL:
            problems.append(
                problem("diagonal_not_one", field=pair(ids[i], ids[i]), value=float(raw[i, i]))
            )
    lo, hi = SCALE_MIN * (1 - SCALE_RTOL), SCALE_MAX * (1 + SCALE_RTOL)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = float(raw[i, j]), float(raw[j, i])
            where = pair(ids[i], ids[j])
            if math.isnan(a) and math.isnan(b):
                continue
            if math.isnan(a) or math.isnan(b):
                problems.append(
                    problem(
                        "half_missing",
                        field=where,
                        value=a if math.isnan(b) else b,
                        a=ids[i],
                        b=ids[j],
                    )
                )
                continue
            bad = False
            for x, y, v in ((ids[i], ids[j], a), (ids[j], ids[i], b)):
                if not v > 0 or math.isinf(v):
                    problems.append(problem("not_positive", field=pair(x, y), value=v, a=x, b=y))
                    bad = True
                elif not lo <= v <= hi:
                    problems.append(
                        problem("scale_out_of_range", field=pair(x, y), value=v, a=x, b=y)
                    )
                    bad = True
            if not bad and abs(a * b - 1.0) > _RECIPROCAL_RTOL:
                problems.append(
                    problem(
                        "not_reciprocal",
                        field=where,
                        value=a,
                        a=ids[i],
                        b=ids[j],
                        reverse=b,
                        expected=1.0 / a,
                    )
                )
    return problems


def _complete(known_matrix: FloatArray, known: NDArray[np.bool_]) -> FloatArray:
    """Fill missing judgments by Harker's method and return the completed matrix.

    Harker (1987): put 0 for every missing ``a_ij`` and ``1 + m_i`` on the diagonal, where
    ``m_i`` is the number of missing judgments in row ``i``; the principal eigenvector
    ``w`` of that matrix gives ``a_ij = w_i / w_j`` for the missing pairs. ``w`` is then
    also the principal eigenvector of the completed matrix, with the same eigenvalue.
    """
    n = known_matrix.shape[0]
    off = ~known & ~np.eye(n, dtype=bool)
    harker = np.where(known, known_matrix, 0.0)
    np.fill_diagonal(harker, 1.0 + off.sum(axis=1))
    _, w = _principal(harker)
    completed = np.where(off, np.outer(w, 1.0 / w), known_matrix)
    np.fill_diagonal(completed, 1.0)
    return completed


def _consistency(
    matrix: FloatArray, known: NDArray[np.bool_], table: RiTable
) -> tuple[float, FloatArray, float, float, float]:
    """Return (lambda_max, priorities, CI, RI, CR) for a matrix with known judgments."""
    n = matrix.shape[0]
    full = matrix if known.all() else _complete(matrix, known)
    if n == 1:
        return 1.0, np.ones(1), 0.0, 0.0, 0.0
    lam, w = _principal(full)
    ci = max(0.0, (lam - n) / (n - 1))
    ri = random_index(n, table)
    cr = ci / ri if ri > 0 else 0.0
    return lam, w, ci, ri, cr


def ahp(
    matrix: ArrayLike,
    ids: Sequence[str] | None = None,
    *,
    ri_table: RiTable = "saaty1980",
    threshold: float = CR_THRESHOLD,
) -> tuple[FloatArray, AhpReport]:
    """Derive priorities from a pairwise comparison matrix, with its consistency diagnostics.

    Priorities are the principal (Perron) eigenvector of the matrix, normalised to sum 1
    (Saaty 1980). ``CI = (lambda_max - n) / (n - 1)``, ``CR = CI / RI`` with RI from the
    named table; n = 1 and n = 2 have RI = 0 and CR = 0. Judgments are then ranked by
    ``|ln(a_ij · w_j / w_i)|``, the one that most hurts consistency first, each with the
    value that would agree with the priorities (``w_i / w_j``, and that ratio snapped to
    Saaty's scale) and the CR obtained by replacing it alone.

    Missing judgments are entered as NaN (in both ``a_ij`` and ``a_ji``); they are
    completed by Harker's (1987) method, which needs the graph of answered pairs to be
    connected. The CR of an incomplete matrix is that of the completed matrix, with the
    RI of a complete one.

    Parameters
    ----------
    matrix
        Square reciprocal matrix, ``a_ij`` = how many times ``i`` is more important than
        ``j``, values on the 1/9…9 scale, 1 on the diagonal, NaN for unanswered pairs.
        Entries reciprocal within 0.1 % are accepted (0.333 for 1/3) and made exactly
        reciprocal by their geometric mean.
    ids
        Criterion ids in matrix order (used in reports and error messages); default
        ``c1, c2, …``.
    ri_table
        ``"saaty1980"`` (default) or ``"alonso_lamata2006"``.
    threshold
        CR acceptance bar (0.10).

    Returns
    -------
    tuple[numpy.ndarray, AhpReport]
        The priorities (sum 1) in matrix order and the diagnostics.

    Raises
    ------
    InputError
        Non-square or empty matrix, more than 15 criteria, a diagonal entry other than 1,
        a non-positive or off-scale value, a non-reciprocal pair, a pair answered one way
        only, duplicate ids, or a comparison graph that is not connected (the message
        names the criteria of each separate group).
    """
    try:
        raw = np.array(matrix, dtype=float)
    except (TypeError, ValueError):
        fail([problem("not_a_matrix", value=str(matrix)[:80])])
    if raw.ndim != 2 or raw.shape[0] != raw.shape[1] or raw.shape[0] == 0:
        fail([problem("not_square", value=str(raw.shape))])
    n = raw.shape[0]
    names = [f"c{i + 1}" for i in range(n)] if ids is None else [str(x) for x in ids]
    if len(names) != n:
        fail([problem("ids_mismatch", value=len(names), expected=n)])
    if len(set(names)) != n:
        dup = sorted({x for x in names if names.count(x) > 1})
        fail([problem("duplicate_criterion", field=", ".join(dup), value=dup[0])])
    if n > MAX_SIZE:
        fail([problem("ahp_too_large", value=n, max=MAX_SIZE)])
    if ri_table not in RANDOM_INDEX:
        fail([problem("unknown_ri_table", value=ri_table, known=", ".join(RANDOM_INDEX))])
    check(_validate(raw, names))

    known = ~np.isnan(raw)
    # Make answered pairs exactly reciprocal: a_ij := sqrt(a_ij / a_ji).
    with np.errstate(invalid="ignore"):
        clean = np.where(known, np.sqrt(raw / raw.T), np.nan)
    np.fill_diagonal(clean, 1.0)

    if n > 1:
        groups = _components(known & ~np.eye(n, dtype=bool))
        if len(groups) > 1:
            text = " | ".join(", ".join(names[i] for i in g) for g in groups)
            apart = [names[i] for g in groups[1:] for i in g]
            fail([problem("disconnected", field=", ".join(apart), value=None, groups=text)])

    lam, w, ci, ri, cr = _consistency(clean, known, ri_table)
    completed = clean if known.all() else _complete(clean, known)
    missing = tuple(
        (names[i], names[j]) for i in range(n) for j in range(i + 1, n) if not known[i, j]
    )

    worst: list[Inconsistency] = []
    for i in range(n):
        for j in range(i + 1, n):
            if not known[i, j]:
                continue
            given = float(clean[i, j])
            implied = float(w[i] / w[j])
            error = abs(math.log(given / implied))
            if error < 1e-12:
                continue
            suggested = snap_to_scale(implied)
            trial = clean.copy()
            trial[i, j], trial[j, i] = suggested, 1.0 / suggested
            cr_fixed = _consistency(trial, known, ri_table)[4]
            worst.append(
                Inconsistency(
                    a=names[i],
                    b=names[j],
                    given=given,
                    implied=implied,
                    suggested=suggested,
                    error=error,
                    cr_if_suggested=cr_fixed,
                )
            )
    worst.sort(key=lambda x: x.error, reverse=True)

    report = AhpReport(
        ids=tuple(names),
        weights={k: float(v) for k, v in zip(names, w, strict=True)},
        lambda_max=lam,
        ci=ci,
        ri=ri,
        cr=cr,
        consistent=cr <= threshold,
        threshold=threshold,
        ri_table=ri_table,
        ri_source=RANDOM_INDEX_SOURCE[ri_table],
        matrix=completed,
        missing=missing,
        completion=COMPLETION_METHOD if missing else None,
        worst=tuple(worst),
    )
    return w.astype(np.float64), report
