"""Rank one table with the methods' NumPy kernels: :func:`rank`'s result without scikit-criteria.

A weight change ranks one small table again; scikit-criteria spends most of that time
building its decision matrix. :func:`rerank` gives what :func:`erp_select.engine.rank`
gives — the same cleaning (zero weights, constant columns, positivity shifts), notes, tie
rule, normalised matrix, used weights and intermediate values, all from
:func:`erp_select.engine.ranking.rank_with` — but scores the cleaned table with the
method's closed-form batch kernel (:mod:`erp_select.engine.batch`) instead of the library.

The kernels agree with the library to rounding (a few units in the 15th digit). So that
the ranks and ties are the library's too, a table where rounding could decide a tie (two
scores whose gap lies within :data:`BAND` of the tie tolerance) is handed to the library,
as is every method without a kernel for its intermediate values (VIKOR, COPRAS, ELECTRE II).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from erp_select.engine._core import TIE_RTOL, FloatArray, IntArray
from erp_select.engine.batch import prepare_tables, score_prepared
from erp_select.engine.methods._base import Outcome, Prepared
from erp_select.engine.ranking import rank_with
from erp_select.engine.registry import method_spec
from erp_select.engine.result import RankResult
from erp_select.model.problem import Problem

__all__ = ["BAND", "FAST_METHODS", "rerank"]

#: Relative width (of the largest score) around the tie tolerance where a gap between two
#: kernel scores is too close to call: a hundred times the kernels' worst rounding seen in
#: the tests, a tenth of the tolerance itself.
BAND = 0.1 * TIE_RTOL

#: Intermediate values of a method, from its prepared tables, weights (1, n) and scores.
Extras = Callable[[Prepared, FloatArray, FloatArray], dict[str, np.ndarray]]


def _none(prep: Prepared, w: FloatArray, scores: FloatArray) -> dict[str, np.ndarray]:
    return {}


def _topsis(prep: Prepared, w: FloatArray, scores: FloatArray) -> dict[str, np.ndarray]:
    w2 = w * w
    return {
        "ideal_distance": np.sqrt(np.maximum(w2 @ prep["to_ideal"][0].T, 0.0))[0],
        "anti_ideal_distance": np.sqrt(np.maximum(w2 @ prep["to_anti"][0].T, 0.0))[0],
    }


def _wpm(prep: Prepared, w: FloatArray, scores: FloatArray) -> dict[str, np.ndarray]:
    return {"log10_score": (w @ prep["log"][0].T)[0] / np.log(10.0)}


def _waspas(prep: Prepared, w: FloatArray, scores: FloatArray) -> dict[str, np.ndarray]:
    return {
        "wsm_score": (w @ prep["ratio"][0].T)[0],
        "wpm_score": np.exp(w @ prep["log"][0].T)[0],
    }


#: The methods ranked by their kernel, with their intermediate values (as their runners).
FAST_METHODS: dict[str, Extras] = {
    "topsis": _topsis,
    "wsm": _none,
    "wpm": _wpm,
    "waspas": _waspas,
    "moora": _none,
    "spotis": _none,
    "edas": _none,
}


def too_close(scores: FloatArray, higher_is_better: bool) -> bool:
    """True when rounding could change a tie: a gap within :data:`BAND` of the tolerance.

    With scores ``s`` (largest magnitude ``M``), ``a`` beats ``b`` when
    ``a > b + TIE_RTOL·M``; a gap in ``(TIE_RTOL − BAND, TIE_RTOL + BAND]·M`` is decided by
    digits the kernel and the library need not share. All-zero scores count as too close.
    """
    oriented = np.sort(scores if higher_is_better else -scores)
    scale = float(np.abs(oriented).max())
    if not scale > 0:
        return True
    low = oriented + (TIE_RTOL - BAND) * scale
    high = oriented + (TIE_RTOL + BAND) * scale
    # for each score, how many others lie in (s + low gap, s + high gap]
    inside = np.searchsorted(oriented, high, side="right") - np.searchsorted(
        oriented, low, side="right"
    )
    return bool(inside.any())


def _runner(key: str) -> Callable[..., Outcome | None]:
    spec = method_spec(key)
    extras = FAST_METHODS[key]

    def run(
        x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
    ) -> Outcome | None:
        prep, varying, used = prepare_tables(spec, x[None], signs)
        weights = w[None]
        with np.errstate(all="ignore"):
            scores = score_prepared(spec, prep, varying, used, weights)[0]
            extra = extras(prep, weights, scores)
        finite = np.isfinite(scores).all() and all(np.isfinite(v).all() for v in extra.values())
        if not finite or too_close(scores, spec.higher_is_better):
            return None  # the library decides
        return scores, extra, []

    return run


def rerank(problem: Problem, method: str = "topsis") -> RankResult:
    """:func:`erp_select.engine.rank` of a checked ``problem``, scored by the method's NumPy
    kernel where it has one.

    The same result (scores to rounding, identical ranks, ties, notes and intermediate
    values); the library ranks the methods outside :data:`FAST_METHODS` and any table
    whose ties rounding could decide.
    """
    spec = method_spec(method)
    runner = _runner(spec.key) if spec.key in FAST_METHODS else None
    return rank_with(spec, problem, runner)
