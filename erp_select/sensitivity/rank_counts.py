"""SMAA-2's rank counting: every rank of every sample from one sort per row, ties by rule."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from erp_select.sensitivity._common import FloatArray

#: Ties looser than this share of a row's largest utility are settled by the engine's rule.
FAST_TIE_RTOL = 1e-9


def fast_ranks(utils: FloatArray) -> npt.NDArray[np.int64]:
    """Ranks of each row (1 = best), by one argsort per row.

    Rows where two utilities are within :data:`FAST_TIE_RTOL` of the row's largest
    magnitude (a looser test than the engine's tie rule) are re-ranked by
    ``ranks_from_scores``, so the result equals the engine's ranks on every row.
    """
    from erp_select.engine.batch import ranks_from_scores

    u = np.asarray(utils, dtype=np.float64)
    s, m = u.shape
    order = np.argsort(-u, axis=1, kind="stable")
    ordered = np.take_along_axis(u, order, axis=1)
    tol = FAST_TIE_RTOL * np.abs(u).max(axis=1)
    near = (ordered[:, :-1] - ordered[:, 1:] <= tol[:, None]).any(axis=1)
    ranks = np.empty((s, m), dtype=np.int64)
    np.put_along_axis(ranks, order, np.arange(1, m + 1, dtype=np.int64)[None, :], axis=1)
    if near.any():
        ranks[near] = np.asarray(ranks_from_scores(u[near], higher_is_better=True), dtype=np.int64)
    return ranks


def count_ranks(
    utils: FloatArray, w: FloatArray, counts: npt.NDArray[np.int64], first_weights: FloatArray
) -> None:
    """Add one batch to the rank counts (``alternative × m + rank − 1``) and first weights.

    One argsort per row gives every rank at once when no two utilities of the row are
    within :data:`FAST_TIE_RTOL`; the rare rows with near-ties are ranked by the engine's
    tie rule (``ranks_from_scores``), so tied vendors share the best rank.
    """
    from erp_select.engine.batch import ranks_from_scores

    m = utils.shape[1]
    order = np.argsort(utils, axis=1)  # worst first: position k holds rank m − k
    ordered = np.sort(utils, axis=1)
    tol = FAST_TIE_RTOL * np.abs(utils).max(axis=1)
    near = (ordered[:, 1:] - ordered[:, :-1] <= tol[:, None]).any(axis=1)
    clean = ~near
    positions = np.arange(m, dtype=np.int64)[None, :]
    kept = order if not near.any() else order[clean]
    counts += np.bincount((kept * m + (m - 1 - positions)).reshape(-1), minlength=m * m)
    winners = kept[:, -1]
    kept_w = w if kept is order else w[clean]
    for j in range(w.shape[1]):
        first_weights[:, j] += np.bincount(winners, weights=kept_w[:, j], minlength=m)
    if near.any():
        ranks = np.asarray(ranks_from_scores(utils[near], higher_is_better=True), dtype=np.int64)
        counts += np.bincount((positions * m + ranks - 1).reshape(-1), minlength=m * m)
        first_weights += (ranks == 1).astype(np.float64).T @ w[near]
