"""Score many weight vectors at once with closed-form numpy versions of the ranking methods.

Every function here agrees with ``rank()`` sample by sample (scores to 1e-9, same tie
rule, same handling of zero weights, constant criteria, positivity shifts and the
"nothing to compare" case), without calling scikit-criteria per sample, except for the
methods whose ``MethodInfo.batchable`` is False (ELECTRE II), which loop over ``rank()``.
Work is chunked so that S = 100 000 samples of 30 vendors × 12 criteria stay within a few
tens of megabytes of temporaries.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import numpy as np

from erp_select.engine._core import (
    TIE_RTOL,
    BoolArray,
    FloatArray,
    IntArray,
    apply_shift,
    competition_ranks,
    set_kept_constants,
    shift_columns,
    unit_scale,
)
from erp_select.engine.methods import Method
from erp_select.engine.methods._base import Prepared, PrepFn
from erp_select.engine.ranking import rank
from erp_select.engine.registry import method_spec
from erp_select.errors import InputError
from erp_select.errors import Problem as Finding
from erp_select.model.problem import Problem
from erp_select.model.problem_checks import MAX_PROBLEMS, check_objectives, default_names

__all__ = [
    "batch_scores",
    "prepare_tables",
    "ranks_from_scores",
    "score_prepared",
    "utilities",
]

#: Upper bound on the elements of one (chunk, m, n) temporary.
_CHUNK_ELEMENTS = 1 << 21


#: Shared tables prepared lately, by method and table: the sensitivity analyses score the
#: same table under thousands of weight vectors, in hundreds of small batches (root
#: finding), and preparing it again each time was half of their cost.
_PREPARED_CACHE_SIZE = 16
_prepared_cache: OrderedDict[
    tuple[str, bytes, bytes, bytes], tuple[Prepared, BoolArray, BoolArray]
] = OrderedDict()
_prepared_lock = threading.Lock()


# --------------------------------------------------------------------------- validation


def _weights_array(weights: Any, n: int | None) -> FloatArray:
    try:
        w = np.asarray(weights, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(
            [Finding(rule="engine.weight_not_numeric", field="weights", value=str(exc)[:60])]
        ) from None
    if w.ndim == 1:
        w = w[None, :]
    if w.ndim != 2 or w.shape[0] < 1 or (n is not None and w.shape[1] != n):
        raise InputError(
            [
                Finding(
                    rule="engine.batch_weights_shape",
                    field="weights",
                    value=str(tuple(np.shape(weights))),
                    params={"n": n if n is not None else "n", "shape": str(tuple(w.shape))},
                )
            ]
        )
    criteria = default_names("C", w.shape[1])
    problems: list[Finding] = []
    bad_finite = ~np.isfinite(w)
    for s, j in zip(*np.nonzero(bad_finite), strict=True):
        problems.append(
            Finding(
                rule="engine.weight_not_finite",
                row=int(s) + 1,
                field=criteria[int(j)],
                value=str(w[s, j]),
            )
        )
        if len(problems) >= MAX_PROBLEMS:
            break
    negative = np.isfinite(w) & (w < 0)
    for s, j in zip(*np.nonzero(negative), strict=True):
        if len(problems) >= MAX_PROBLEMS:
            break
        problems.append(
            Finding(
                rule="engine.weight_negative",
                row=int(s) + 1,
                field=criteria[int(j)],
                value=float(w[s, j]),
            )
        )
    if not problems:
        for s in np.nonzero(~(w.sum(axis=1) > 0))[0][:MAX_PROBLEMS]:
            problems.append(Finding(rule="engine.weights_all_zero", row=int(s) + 1))
    if problems:
        raise InputError(problems)
    return w


def _matrix_array(matrix: Any, samples: int) -> FloatArray:
    try:
        x = np.asarray(matrix, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(
            [Finding(rule="engine.not_numeric", field="matrix", value=str(exc)[:60])]
        ) from None
    if x.ndim == 2:
        x = x[None, :, :]
    if x.ndim != 3 or x.shape[0] not in (1, samples) or x.shape[1] < 1 or x.shape[2] < 1:
        n = x.shape[-1] if x.ndim >= 1 else "n"
        raise InputError(
            [
                Finding(
                    rule="engine.batch_matrix_shape",
                    field="matrix",
                    value=str(tuple(np.shape(matrix))),
                    params={"n": n, "samples": samples, "shape": str(tuple(np.shape(matrix)))},
                )
            ]
        )
    if np.isfinite(x).all():
        return x
    bad = np.argwhere(~np.isfinite(x))
    if len(bad):
        problems = [
            Finding(
                rule="engine.batch_matrix_not_finite",
                row=int(s) + 1 if x.shape[0] > 1 else None,
                field=f"C{int(j) + 1}",
                value=str(x[s, i, j]),
                params={"alternative": f"A{int(i) + 1}", "criterion": f"C{int(j) + 1}"},
            )
            for s, i, j in bad[:MAX_PROBLEMS]
        ]
        raise InputError(problems)
    return x


# --------------------------------------------------------------------------- driver


def _loop_rank(spec: Method, x: FloatArray, signs: IntArray, w: FloatArray) -> FloatArray:
    out = np.empty((w.shape[0], x.shape[1]), dtype=np.float64)
    for s in range(w.shape[0]):
        table = x[0] if x.shape[0] == 1 else x[s]
        out[s] = rank(table, signs, w[s], method=spec.key).scores
    return out


def _closed_form(spec: Method, x: FloatArray, signs: IntArray, w: FloatArray) -> FloatArray:
    assert spec.prepare is not None and spec.score is not None  # batchable
    prep_fn = spec.prepare
    samples, m, n = w.shape[0], x.shape[1], x.shape[2]
    out = np.empty((samples, m), dtype=np.float64)
    chunk = max(1, _CHUNK_ELEMENTS // (m * n))
    shared: tuple[Prepared, BoolArray, BoolArray] | None = None
    if x.shape[0] == 1:
        shared = _prepare_shared(spec, prep_fn, x, signs)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for start in range(0, samples, chunk):
            stop = min(samples, start + chunk)
            prep, varying, used = shared or _prepare(spec, prep_fn, x[start:stop], signs)
            out[start:stop] = score_prepared(spec, prep, varying, used, w[start:stop])
    return out


def score_prepared(
    spec: Method, prep: Prepared, varying: BoolArray, used: BoolArray, w: FloatArray
) -> FloatArray:
    """Scores (S, m) of prepared tables under weights (S, n): the used columns' weights
    renormalised, the neutral score where no weighted column varies."""
    assert spec.score is not None  # batchable
    live = (w * varying).sum(axis=1) > 0
    wc = w * used
    total = wc.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        wc = np.where(total > 0, wc / np.where(total > 0, total, 1.0), 0.0)
        scores = spec.score(prep, wc)
    out: FloatArray = np.where(live[:, None], scores, spec.neutral_score)
    return out


def prepare_tables(
    spec: Method, x: FloatArray, signs: IntArray
) -> tuple[Prepared, BoolArray, BoolArray]:
    """Normalised tables of a batch (S, m, n), its varying and used columns (batchable only)."""
    assert spec.prepare is not None  # batchable
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return _prepare(spec, spec.prepare, x, signs)


def _prepare(
    spec: Method, prep_fn: PrepFn, x: FloatArray, signs: IntArray
) -> tuple[Prepared, BoolArray, BoolArray]:
    """Normalised tables, the varying columns and the columns used (varying or kept).

    One pass finds each column's lowest and highest value; the constant test, the unit
    scale (largest magnitude = max(|lowest|, |highest|)) and the positivity shift's test
    (lowest / scale: dividing by a positive number keeps the order) all follow from them,
    with the same results, bit for bit, as the step-by-step helpers of ``_core``.
    """
    hi, lo = x.max(axis=-2), x.min(axis=-2)
    scale = np.maximum(np.abs(hi), np.abs(lo))
    varying = ~(hi - lo <= TIE_RTOL * scale)
    if not spec.keeps_constant:
        held = np.zeros(varying.shape, dtype=bool)
    elif spec.shift == "none":
        held = ~varying & (scale > 0)
    else:
        held = ~varying
    used = varying | held
    if held.any() or not (scale > 0).all():
        x = set_kept_constants(unit_scale(x), held, spec.shift)
        needed = shift_columns(x, signs, spec.shift) & varying
    else:
        x = x / scale[..., None, :]
        needed = shift_columns((lo / scale)[..., None, :], signs, spec.shift) & varying
    shifted = apply_shift(x, needed) if needed.any() else x
    with np.errstate(divide="ignore", invalid="ignore"):
        prepared = prep_fn(shifted, signs, used)
    return prepared, varying, used


def _prepare_shared(
    spec: Method, prep_fn: PrepFn, x: FloatArray, signs: IntArray
) -> tuple[Prepared, BoolArray, BoolArray]:
    """``_prepare`` of one table shared by every sample, remembered for the next batches.

    The key holds the table's exact bytes and shape, so an equal table gives the same
    arrays and any other table misses. The arrays are made read-only: a kernel that
    wrote into them would corrupt later batches, so it fails at once instead.
    """
    key = (spec.key, repr(x.shape).encode(), x.tobytes(), signs.tobytes())
    with _prepared_lock:
        hit = _prepared_cache.get(key)
        if hit is not None:
            _prepared_cache.move_to_end(key)
            return hit
    prepared, varying, used = _prepare(spec, prep_fn, x, signs)
    # Never freeze (or keep alive) the caller's own matrix: copy any array that views it.
    prepared = {k: a.copy() if np.may_share_memory(a, x) else a for k, a in prepared.items()}
    for array in (*prepared.values(), varying, used):
        array.setflags(write=False)
    with _prepared_lock:
        _prepared_cache[key] = (prepared, varying, used)
        while len(_prepared_cache) > _PREPARED_CACHE_SIZE:
            _prepared_cache.popitem(last=False)
    return prepared, varying, used


def batch_scores(
    method: str,
    matrix: Problem | np.ndarray,
    objectives: Any = None,
    weights: np.ndarray | None = None,
    matrices: np.ndarray | None = None,
) -> np.ndarray:
    """Score every weight sample with one method, as ``rank(...).scores`` would.

    Parameters
    ----------
    method : str
        A key of ``methods()``.
    matrix : Problem
        The checked problem: its values (unless ``matrices`` is given) and objectives are
        used; its weights are not (``weights`` gives the samples). The plain form kept for
        existing callers passes a raw matrix, shape (m, n) or (S, m, n), and ``objectives``
        ("max"/"min" per criterion, also 1/−1, "benefit"/"cost").
    weights : ndarray, shape (S, n)
        One weight vector per row, ≥ 0 with a positive sum (each row normalised to sum 1).
    matrices : ndarray, shape (S, m, n), optional
        One table per sample instead of the problem's values.

    Returns
    -------
    ndarray, shape (S, m)
        Native scores (direction given by ``method_info(method).higher_is_better``), equal
        to ``rank(matrix[s], objectives, weights[s], method).scores`` to 1e-9.

    Raises
    ------
    InputError
        Unknown method, wrong shapes, non-finite values, negative weights or a row of zeros
        (``row`` is the 1-based sample number).
    """
    spec = method_spec(method)
    w = _weights_array(weights, None)
    samples, n = w.shape
    if isinstance(matrix, Problem):
        table: Any = matrix.values if matrices is None else matrices
    else:
        table = matrix
    x = _matrix_array(table, samples)
    if x.shape[2] != n:
        raise InputError(
            [
                Finding(
                    rule="engine.batch_weights_shape",
                    field="weights",
                    value=str(tuple(w.shape)),
                    params={"n": x.shape[2], "shape": str(tuple(w.shape))},
                )
            ]
        )
    if isinstance(matrix, Problem):
        signs = matrix.signs
    else:
        signs = check_objectives(objectives, default_names("C", n))
    w = w / w.sum(axis=1, keepdims=True)
    m = x.shape[1]
    if m == 1:
        return np.full((samples, 1), spec.neutral_score, dtype=np.float64)
    if not spec.batchable:
        return _loop_rank(spec, x, signs, w)
    return _closed_form(spec, x, signs, w)


def utilities(
    method: str,
    matrix: Problem | np.ndarray,
    objectives: Any = None,
    weights: np.ndarray | None = None,
    matrices: np.ndarray | None = None,
) -> np.ndarray:
    """Return ``batch_scores`` oriented so that higher is always better.

    Parameters
    ----------
    method, matrix, objectives, weights, matrices
        As for ``batch_scores``.

    Returns
    -------
    ndarray, shape (S, m)
        The native scores, negated for methods whose score is better when lower
        (VIKOR, SPOTIS, ELECTRE II).
    """
    scores = batch_scores(method, matrix, objectives, weights, matrices)
    return scores if method_spec(method).higher_is_better else -scores


def ranks_from_scores(scores: np.ndarray, higher_is_better: bool = True) -> np.ndarray:
    """Rank each row of ``scores`` with the engine's tie rule (1 = best, ties 1, 1, 3).

    Parameters
    ----------
    scores : ndarray, shape (S, m) or (m,)
        Scores, one row per sample.
    higher_is_better : bool, default True
        Direction of the scores.

    Returns
    -------
    ndarray of int64, same shape as ``scores``
    """
    s = np.asarray(scores, dtype=np.float64)
    if s.ndim == 1:
        return competition_ranks(s, higher_is_better)
    flat = s.reshape(-1, s.shape[-1])
    out = np.empty(flat.shape, dtype=np.int64)
    m = max(1, flat.shape[1])
    chunk = max(1, _CHUNK_ELEMENTS // (m * m))
    for start in range(0, flat.shape[0], chunk):
        out[start : start + chunk] = competition_ranks(
            flat[start : start + chunk], higher_is_better
        )
    return out.reshape(s.shape)
