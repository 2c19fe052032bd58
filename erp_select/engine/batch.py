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
from collections.abc import Callable
from typing import Any

import numpy as np

from erp_select.engine._core import (
    MAX_PROBLEMS,
    VIKOR_V,
    WASPAS_LAMBDA,
    BoolArray,
    FloatArray,
    IntArray,
    MethodSpec,
    apply_shift,
    check_objectives,
    competition_ranks,
    constant_columns,
    default_names,
    kept_constant_columns,
    set_kept_constants,
    shift_columns,
    unit_scale,
)
from erp_select.engine.registry import method_spec, rank
from erp_select.errors import InputError, Problem

__all__ = ["batch_scores", "ranks_from_scores", "utilities"]

#: Upper bound on the elements of one (chunk, m, n) temporary.
_CHUNK_ELEMENTS = 1 << 21

Prepared = dict[str, FloatArray]

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
            [Problem(rule="engine.weight_not_numeric", field="weights", value=str(exc)[:60])]
        ) from None
    if w.ndim == 1:
        w = w[None, :]
    if w.ndim != 2 or w.shape[0] < 1 or (n is not None and w.shape[1] != n):
        raise InputError(
            [
                Problem(
                    rule="engine.batch_weights_shape",
                    field="weights",
                    value=str(tuple(np.shape(weights))),
                    params={"n": n if n is not None else "n", "shape": str(tuple(w.shape))},
                )
            ]
        )
    criteria = default_names("C", w.shape[1])
    problems: list[Problem] = []
    bad_finite = ~np.isfinite(w)
    for s, j in zip(*np.nonzero(bad_finite), strict=True):
        problems.append(
            Problem(
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
            Problem(
                rule="engine.weight_negative",
                row=int(s) + 1,
                field=criteria[int(j)],
                value=float(w[s, j]),
            )
        )
    if not problems:
        for s in np.nonzero(~(w.sum(axis=1) > 0))[0][:MAX_PROBLEMS]:
            problems.append(Problem(rule="engine.weights_all_zero", row=int(s) + 1))
    if problems:
        raise InputError(problems)
    return w


def _matrix_array(matrix: Any, samples: int) -> FloatArray:
    try:
        x = np.asarray(matrix, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(
            [Problem(rule="engine.not_numeric", field="matrix", value=str(exc)[:60])]
        ) from None
    if x.ndim == 2:
        x = x[None, :, :]
    if x.ndim != 3 or x.shape[0] not in (1, samples) or x.shape[1] < 1 or x.shape[2] < 1:
        n = x.shape[-1] if x.ndim >= 1 else "n"
        raise InputError(
            [
                Problem(
                    rule="engine.batch_matrix_shape",
                    field="matrix",
                    value=str(tuple(np.shape(matrix))),
                    params={"n": n, "samples": samples, "shape": str(tuple(np.shape(matrix)))},
                )
            ]
        )
    bad = np.argwhere(~np.isfinite(x))
    if len(bad):
        problems = [
            Problem(
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


# --------------------------------------------------------------------------- helpers


def _wdot(weights: FloatArray, table: FloatArray) -> FloatArray:
    """``Σ_j w[s, j] · table[s or 0, i, j]`` for every sample s and alternative i."""
    if table.shape[0] == 1:
        out: FloatArray = weights @ table[0].T
    else:
        out = np.einsum("sj,sij->si", weights, table)
    return out


def _safe_div(num: FloatArray, den: FloatArray, where: BoolArray, fill: float) -> FloatArray:
    out: FloatArray = np.full(np.broadcast_shapes(num.shape, den.shape), fill, dtype=np.float64)
    np.divide(num, den, out=out, where=np.broadcast_to(where, out.shape))
    return out


def _rescale01(values: FloatArray) -> FloatArray:
    """Min–max onto [0, 1] along the last axis; 0 where the values are all equal."""
    lo = values.min(axis=-1, keepdims=True)
    hi = values.max(axis=-1, keepdims=True)
    return _safe_div(values - lo, hi - lo, hi - lo != 0, 0.0)


# --------------------------------------------------------------------------- methods


def _vector(x: FloatArray, signs: IntArray, varying: BoolArray) -> FloatArray:
    norm = np.sqrt((x**2).sum(axis=-2, keepdims=True))
    r = _safe_div(x, norm, varying[:, None, :] & (norm != 0), 0.0)
    signed: FloatArray = r * signs
    return signed


def _prep_topsis(x: FloatArray, signs: IntArray, varying: BoolArray) -> Prepared:
    r = _vector(x, signs, varying)
    return {
        "to_ideal": (r - r.max(axis=-2, keepdims=True)) ** 2,
        "to_anti": (r - r.min(axis=-2, keepdims=True)) ** 2,
    }


def _score_topsis(p: Prepared, w: FloatArray) -> FloatArray:
    w2 = w**2
    d_ideal = np.sqrt(np.maximum(_wdot(w2, p["to_ideal"]), 0.0))
    d_anti = np.sqrt(np.maximum(_wdot(w2, p["to_anti"]), 0.0))
    return _safe_div(d_anti, d_ideal + d_anti, d_ideal + d_anti > 0, 0.0)


def _minmax(x: FloatArray, signs: IntArray, varying: BoolArray) -> FloatArray:
    lo = x.min(axis=-2, keepdims=True)
    hi = x.max(axis=-2, keepdims=True)
    up = np.where(signs > 0, x - lo, hi - x)
    return _safe_div(up, hi - lo, varying[:, None, :], 0.0)


def _prep_wsm(x: FloatArray, signs: IntArray, varying: BoolArray) -> Prepared:
    return {"value": _minmax(x, signs, varying)}


def _score_wsm(p: Prepared, w: FloatArray) -> FloatArray:
    return _wdot(w, p["value"])


def _ratio(x: FloatArray, signs: IntArray, varying: BoolArray) -> FloatArray:
    lo = x.min(axis=-2, keepdims=True)
    hi = x.max(axis=-2, keepdims=True)
    num = np.where(signs > 0, x, lo)
    den = np.where(signs > 0, hi, x)
    return _safe_div(num, den, varying[:, None, :], 1.0)


def _prep_ratio(x: FloatArray, signs: IntArray, varying: BoolArray) -> Prepared:
    ratio = _ratio(x, signs, varying)
    return {"ratio": ratio, "log": np.log(ratio)}


def _score_wpm(p: Prepared, w: FloatArray) -> FloatArray:
    return np.exp(_wdot(w, p["log"]))


def _score_waspas(p: Prepared, w: FloatArray) -> FloatArray:
    wsm = _wdot(w, p["ratio"])
    wpm = np.exp(_wdot(w, p["log"]))
    mixed: FloatArray = WASPAS_LAMBDA * wsm + (1.0 - WASPAS_LAMBDA) * wpm
    return mixed


def _prep_vikor(x: FloatArray, signs: IntArray, varying: BoolArray) -> Prepared:
    # distance to the best value, (best − x)/(best − worst), in [0, 1]
    distance = np.where(varying[:, None, :], 1.0 - _minmax(x, signs, varying), 0.0)
    return {"distance": distance}


def _score_vikor(p: Prepared, w: FloatArray) -> FloatArray:
    d = p["distance"]
    s = _wdot(w, d)
    r = (w[:, None, :] * d).max(axis=-1)
    q: FloatArray = VIKOR_V * _rescale01(s) + (1.0 - VIKOR_V) * _rescale01(r)
    return q


def _prep_spotis(x: FloatArray, signs: IntArray, varying: BoolArray) -> Prepared:
    lo = x.min(axis=-2, keepdims=True)
    hi = x.max(axis=-2, keepdims=True)
    ideal = np.where(signs > 0, hi, lo)
    return {"distance": _safe_div(np.abs(x - ideal), hi - lo, varying[:, None, :], 0.0)}


def _score_spotis(p: Prepared, w: FloatArray) -> FloatArray:
    return _wdot(w, p["distance"])


def _prep_moora(x: FloatArray, signs: IntArray, varying: BoolArray) -> Prepared:
    return {"ratio": _vector(x, signs, varying)}


def _score_moora(p: Prepared, w: FloatArray) -> FloatArray:
    return _wdot(w, p["ratio"])


def _prep_copras(x: FloatArray, signs: IntArray, varying: BoolArray) -> Prepared:
    total = x.sum(axis=-2, keepdims=True)
    share = _safe_div(x, total, varying[:, None, :] & (total != 0), 0.0)
    benefit = (signs > 0).astype(np.float64)
    return {"share": share, "benefit": benefit[None, :], "cost": 1.0 - benefit[None, :]}


def _score_copras(p: Prepared, w: FloatArray) -> FloatArray:
    w_plus = w * p["benefit"][0]
    w_minus = w * p["cost"][0]
    s_plus = _wdot(w_plus, p["share"])
    s_minus = _wdot(w_minus, p["share"])
    has_cost = (w_minus.sum(axis=1) > 0)[:, None] & np.all(s_minus > 0, axis=1, keepdims=True)
    safe_minus = np.where(has_cost, s_minus, 1.0)
    min_minus = safe_minus.min(axis=1, keepdims=True)
    dividend = min_minus * safe_minus.sum(axis=1, keepdims=True)
    divisor = safe_minus * (min_minus / safe_minus).sum(axis=1, keepdims=True)
    significance = np.where(has_cost, s_plus + dividend / divisor, s_plus)
    utility: FloatArray = significance / significance.max(axis=1, keepdims=True) * 100.0
    return utility


def _prep_edas(x: FloatArray, signs: IntArray, varying: BoolArray) -> Prepared:
    avg = x.mean(axis=-2, keepdims=True)
    diff = x - avg
    above = np.maximum(0.0, diff)
    below = np.maximum(0.0, -diff)
    ok = varying[:, None, :] & (avg != 0)
    good = np.where(signs > 0, above, below)
    bad = np.where(signs > 0, below, above)
    return {"pda": _safe_div(good, avg, ok, 0.0), "nda": _safe_div(bad, avg, ok, 0.0)}


def _score_edas(p: Prepared, w: FloatArray) -> FloatArray:
    sp = _wdot(w, p["pda"])
    sn = _wdot(w, p["nda"])
    max_sp = sp.max(axis=1, keepdims=True)
    max_sn = sn.max(axis=1, keepdims=True)
    nsp = sp / np.where(max_sp != 0, max_sp, 1e-5)
    nsn = 1.0 - sn / np.where(max_sn != 0, max_sn, 1e-5)
    score: FloatArray = 0.5 * (nsp + nsn)
    return score


_PrepFn = Callable[[FloatArray, IntArray, BoolArray], Prepared]
_ScoreFn = Callable[[Prepared, FloatArray], FloatArray]

_KERNELS: dict[str, tuple[_PrepFn, _ScoreFn]] = {
    "topsis": (_prep_topsis, _score_topsis),
    "wsm": (_prep_wsm, _score_wsm),
    "wpm": (_prep_ratio, _score_wpm),
    "waspas": (_prep_ratio, _score_waspas),
    "vikor": (_prep_vikor, _score_vikor),
    "spotis": (_prep_spotis, _score_spotis),
    "moora": (_prep_moora, _score_moora),
    "copras": (_prep_copras, _score_copras),
    "edas": (_prep_edas, _score_edas),
}


# --------------------------------------------------------------------------- driver


def _loop_rank(spec: MethodSpec, x: FloatArray, signs: IntArray, w: FloatArray) -> FloatArray:
    out = np.empty((w.shape[0], x.shape[1]), dtype=np.float64)
    for s in range(w.shape[0]):
        table = x[0] if x.shape[0] == 1 else x[s]
        out[s] = rank(table, signs, w[s], method=spec.key).scores
    return out


def _closed_form(spec: MethodSpec, x: FloatArray, signs: IntArray, w: FloatArray) -> FloatArray:
    prep_fn, score_fn = _KERNELS[spec.key]
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
            live = (w[start:stop] * varying).sum(axis=1) > 0
            wc = w[start:stop] * used
            total = wc.sum(axis=1, keepdims=True)
            wc = np.where(total > 0, wc / np.where(total > 0, total, 1.0), 0.0)
            scores = score_fn(prep, wc)
            out[start:stop] = np.where(live[:, None], scores, spec.neutral_score)
    return out


def _prepare(
    spec: MethodSpec, prep_fn: _PrepFn, x: FloatArray, signs: IntArray
) -> tuple[Prepared, BoolArray, BoolArray]:
    """Normalised tables, the varying columns and the columns used (varying or kept)."""
    varying = ~constant_columns(x)
    held = kept_constant_columns(spec, x)
    used = varying | held
    x = set_kept_constants(unit_scale(x), held, spec.shift)
    needed = shift_columns(x, signs, spec.shift) & varying
    shifted = apply_shift(x, needed) if needed.any() else x
    with np.errstate(divide="ignore", invalid="ignore"):
        prepared = prep_fn(shifted, signs, used)
    return prepared, varying, used


def _prepare_shared(
    spec: MethodSpec, prep_fn: _PrepFn, x: FloatArray, signs: IntArray
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
    method: str, matrix: np.ndarray, objectives: Any, weights: np.ndarray
) -> np.ndarray:
    """Score every weight sample with one method, as ``rank(...).scores`` would.

    Parameters
    ----------
    method : str
        A key of ``methods()``.
    matrix : ndarray, shape (m, n) or (S, m, n)
        Raw performance values; one table shared by all samples, or one per sample.
    objectives : sequence of n items
        "max"/"min" per criterion (also 1/−1, "benefit"/"cost").
    weights : ndarray, shape (S, n)
        One weight vector per row, ≥ 0 with a positive sum (each row normalised to sum 1).

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
    x = _matrix_array(matrix, samples)
    if x.shape[2] != n:
        raise InputError(
            [
                Problem(
                    rule="engine.batch_weights_shape",
                    field="weights",
                    value=str(tuple(w.shape)),
                    params={"n": x.shape[2], "shape": str(tuple(w.shape))},
                )
            ]
        )
    signs = check_objectives(objectives, default_names("C", n))
    w = w / w.sum(axis=1, keepdims=True)
    m = x.shape[1]
    if m == 1:
        return np.full((samples, 1), spec.neutral_score, dtype=np.float64)
    if not spec.batchable:
        return _loop_rank(spec, x, signs, w)
    return _closed_form(spec, x, signs, w)


def utilities(method: str, matrix: np.ndarray, objectives: Any, weights: np.ndarray) -> np.ndarray:
    """Return ``batch_scores`` oriented so that higher is always better.

    Parameters
    ----------
    method, matrix, objectives, weights
        As for ``batch_scores``.

    Returns
    -------
    ndarray, shape (S, m)
        The native scores, negated for methods whose score is better when lower
        (VIKOR, SPOTIS, ELECTRE II).
    """
    scores = batch_scores(method, matrix, objectives, weights)
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
