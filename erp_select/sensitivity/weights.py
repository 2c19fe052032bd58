"""Move one weight and rescale the others in proportion: the public weight sweep."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from erp_select.errors import InputError, Problem
from erp_select.sensitivity._common import WEIGHT_SUM_TOL, FloatArray
from erp_select.sensitivity._common import problem as finding
from erp_select.sensitivity._common import sweep_weights as _sweep


def sweep_weights(weights: npt.ArrayLike, j: int, t: npt.ArrayLike) -> FloatArray:
    """Weight vectors where criterion ``j`` takes each weight of ``t``, the others in proportion.

    ``w_k(t) = w_k (1 - t) / (1 - w_j)`` for ``k != j``; when ``w_j = 1`` (the others all
    zero) the rest ``1 - t`` is shared equally among the others.

    Parameters
    ----------
    weights : array-like of float, shape (n,)
        Current weights: finite, zero or more, adding up to 1.
    j : int
        Index of the weight that moves (0-based).
    t : float or array-like of float
        New weight(s) of criterion ``j``, each in [0, 1].

    Returns
    -------
    ndarray of float, shape (len(t), n)
        One weight vector per value of ``t``; every row adds up to 1.

    Raises
    ------
    InputError
        ``sensitivity.weights_not_numeric``, ``sensitivity.weight_negative``,
        ``sensitivity.weights_sum``, ``sensitivity.unknown_criterion`` (``j`` out of range)
        or ``sensitivity.bad_sweep`` (a target outside [0, 1]).
    """
    try:
        w = np.asarray(weights, dtype=np.float64)
        ts = np.atleast_1d(np.asarray(t, dtype=np.float64))
    except (TypeError, ValueError):
        raise InputError([finding("weights_not_numeric", field="weights")]) from None
    problems: list[Problem] = []
    if w.ndim != 1 or w.size < 1:
        raise InputError([finding("weights_not_numeric", field="weights")])
    for k in np.flatnonzero(~np.isfinite(w) | (w < 0)):
        problems.append(finding("weight_negative", field="weights", row=int(k) + 1, value=w[k]))
    if not problems and abs(float(w.sum()) - 1.0) > WEIGHT_SUM_TOL:
        problems.append(finding("weights_sum", field="weights", value=float(w.sum())))
    if isinstance(j, bool) or not isinstance(j, (int, np.integer)) or not 0 <= j < w.size:
        problems.append(finding("unknown_criterion", field="j", value=str(j)))
    if ts.ndim != 1:
        problems.append(finding("weights_not_numeric", field="t"))
    else:
        for x in ts[~np.isfinite(ts) | (ts < 0) | (ts > 1)][:20]:
            problems.append(finding("bad_sweep", field="t", value=float(x)))
    if problems:
        raise InputError(problems)
    return _sweep(w, int(j), ts)


__all__ = ["sweep_weights"]
