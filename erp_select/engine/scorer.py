"""One table scored under many small batches of weights: looked up and prepared once."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from erp_select.engine.batch import (
    _CHUNK_ELEMENTS,
    _loop_rank,
    _prepare_shared,
    score_prepared,
    utilities,
)
from erp_select.engine.registry import method_spec
from erp_select.model.problem import Problem

__all__ = ["shared_utilities"]


def shared_utilities(method: str, problem: Problem) -> Callable[[np.ndarray], np.ndarray]:
    """``weights ↦ utilities(method, problem, weights=weights)``, for a caller that scores
    the same table under many small batches of weights (sweeps, root finding).

    The method and the table are looked up and prepared once; each call only checks that
    its weights are finite, non-negative, with a positive sum per row (anything else goes
    through :func:`utilities`, which reports it), and gives the same numbers.
    """
    spec = method_spec(method)
    x = problem.values[None]
    signs = problem.signs
    shared = None
    if spec.batchable and problem.m > 1:
        assert spec.prepare is not None
        shared = _prepare_shared(spec, spec.prepare, x, signs)
    chunk = max(1, _CHUNK_ELEMENTS // (problem.m * problem.n))
    # Every column varies and is used (the usual table): ``score_prepared`` then keeps every
    # weight and every sample is live, so its masks change no number and can be skipped.
    plain = shared is not None and bool(shared[1].all() and shared[2].all())

    def run(weights: np.ndarray) -> np.ndarray:
        w = np.asarray(weights, dtype=np.float64)
        if w.ndim == 1:
            w = w[None, :]
        total = w.sum(axis=1, keepdims=True) if w.ndim == 2 else None
        if (
            total is None
            or w.shape[1] != problem.n
            or not (np.isfinite(w).all() and (w >= 0).all() and (total > 0).all())
        ):
            return utilities(method, problem, weights=w)
        w = w / total
        if problem.m == 1:
            scores = np.full((w.shape[0], 1), spec.neutral_score, dtype=np.float64)
        elif shared is None:
            scores = _loop_rank(spec, x, signs, w)
        elif plain and w.shape[0] <= chunk:
            assert spec.score is not None  # batchable
            with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
                scores = spec.score(shared[0], w / w.sum(axis=1, keepdims=True))
        else:
            scores = np.empty((w.shape[0], problem.m), dtype=np.float64)
            for start in range(0, w.shape[0], chunk):
                stop = min(w.shape[0], start + chunk)
                scores[start:stop] = score_prepared(spec, *shared, w[start:stop])
        return scores if spec.higher_is_better else -scores

    return run
