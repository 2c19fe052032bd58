"""SMAA-2 Monte Carlo: rank acceptability, central weights and confidence factors."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from erp_select.errors import InputError, Problem
from erp_select.sensitivity._common import (
    CHUNK_CELLS,
    FloatArray,
    Inputs,
    IntArray,
    check_inputs,
    check_positive_int,
    problem,
    score,
)

#: Default Dirichlet concentration around chosen weights (mean = the chosen weights).
DEFAULT_CONCENTRATION = 100.0
#: Default number of value samples for each confidence factor.
DEFAULT_N_CONFIDENCE = 2000
#: Ties looser than this share of a row's largest utility are settled by the engine's rule.
FAST_TIE_RTOL = 1e-9
#: Weight samples scored per batch when the values are certain.
SAMPLES_PER_CHUNK = 20_000


@dataclass(frozen=True)
class SmaaResult:
    """Outcome of a SMAA-2 simulation.

    Attributes
    ----------
    method
        Method key used to score.
    n, seed
        Number of samples and seed (the same inputs and seed give the same result).
    weight_model
        ``"uniform"`` (Dirichlet(1, …, 1) on the simplex) or ``"dirichlet"`` (Dirichlet
        with parameters ``concentration × w``, whose mean is the chosen weights ``w``;
        criteria with a zero weight stay at zero).
    concentration
        The Dirichlet concentration (``None`` for the uniform model).
    acceptability
        Rank acceptability indices: index alternatives, columns ranks ``1…m``; the share
        of samples giving that rank (ties share the best rank, so a row sums to 1).
    central_weights
        Mean weight vector of the samples where each vendor ranks first (NaN if never).
    confidence
        Confidence factor: share of value samples where a vendor ranks first with its
        central weights (NaN if never first; 0 or 1 when no value is uncertain).
    uncertain_cells
        Number of (vendor, criterion) values drawn from a triangular distribution.
    n_confidence
        Value samples used for each confidence factor (1 when no value is uncertain).
    """

    method: str
    n: int
    seed: int
    weight_model: Literal["uniform", "dirichlet"]
    concentration: float | None
    acceptability: pd.DataFrame
    central_weights: pd.DataFrame
    confidence: pd.Series
    uncertain_cells: int
    n_confidence: int

    @property
    def first_share(self) -> pd.Series:
        """First-rank acceptability of each vendor (share of samples where it is first)."""
        return self.acceptability[1]

    @property
    def winner(self) -> str:
        """The vendor most often first."""
        return str(self.first_share.idxmax())


@dataclass(frozen=True)
class _Uncertainty:
    cells: IntArray  # flat indices into the (m, n) matrix
    low: FloatArray
    mode: FloatArray
    high: FloatArray

    @property
    def size(self) -> int:
        return int(self.cells.size)


def sample_simplex(rng: np.random.Generator, size: int, n: int) -> FloatArray:
    """Draw ``size`` weight vectors uniformly on the ``n``-simplex (Dirichlet(1, …, 1)).

    Normalised standard exponential draws are exactly Dirichlet(1, …, 1); normalised
    independent uniform draws are *not* uniform on the simplex.
    """
    e = rng.standard_exponential((size, n))
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)


def sample_around(
    rng: np.random.Generator, weights: FloatArray, concentration: float, size: int
) -> FloatArray:
    """Draw ``size`` weight vectors from Dirichlet(``concentration × weights``).

    The mean is ``weights``; the variance of weight ``j`` is ``w_j (1 - w_j) /
    (concentration + 1)``. Criteria with a zero weight keep a zero weight.
    """
    out = np.zeros((size, weights.size))
    positive = np.flatnonzero(weights > 0)
    if positive.size == 1:
        out[:, positive[0]] = 1.0
        return out
    g = rng.standard_gamma(concentration * weights[positive], size=(size, positive.size))
    out[:, positive] = g / g.sum(axis=1, keepdims=True)
    return out


def triangular_inverse(
    u: FloatArray, low: FloatArray, mode: FloatArray, high: FloatArray
) -> FloatArray:
    """Inverse CDF of the triangular distribution (``low``, ``mode``, ``high``) at ``u``.

    ``F⁻¹(u) = low + √(u (high − low)(mode − low))`` below ``F(mode) = (mode − low)/(high −
    low)``, else ``high − √((1 − u)(high − low)(high − mode))``.
    """
    span = high - low
    cut = (mode - low) / span
    below = u < cut
    root = np.sqrt(np.where(below, u * (span * (mode - low)), (1.0 - u) * (span * (high - mode))))
    return np.asarray(np.where(below, low + root, high - root), dtype=np.float64)


def _check_uncertainty(
    inputs: Inputs, low: npt.ArrayLike | None, high: npt.ArrayLike | None
) -> _Uncertainty:
    empty = _Uncertainty(np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0), np.zeros(0))
    if low is None and high is None:
        return empty
    shape = inputs.matrix.shape
    arrays: list[FloatArray] = []
    for name, given in (("low", low), ("high", high)):
        if given is None:
            arrays.append(inputs.matrix.copy())
            continue
        try:
            arr = np.asarray(given, dtype=np.float64)
        except (TypeError, ValueError):
            raise InputError([problem("range_not_numeric", field=name)]) from None
        if arr.shape != shape:
            raise InputError(
                [
                    problem(
                        "range_shape",
                        field=name,
                        params={"got": str(arr.shape), "expected": str(shape)},
                    )
                ]
            )
        arrays.append(arr)
    lo, hi = arrays
    x = inputs.matrix
    given_range = np.isfinite(lo) & np.isfinite(hi)
    lo = np.where(given_range, lo, x)
    hi = np.where(given_range, hi, x)
    problems: list[Problem] = []
    for i, j in np.argwhere((lo > x) | (hi < x)):
        problems.append(
            problem(
                "bad_range",
                row=int(i) + 1,
                field=inputs.criteria[j],
                value=float(x[i, j]),
                params={
                    "vendor": inputs.alternatives[i],
                    "low": float(lo[i, j]),
                    "high": float(hi[i, j]),
                },
            )
        )
        if len(problems) >= 20:
            break
    if problems:
        raise InputError(problems)
    cells = np.flatnonzero((hi > lo).reshape(-1)).astype(np.int64)
    return _Uncertainty(
        cells=cells,
        low=lo.reshape(-1)[cells],
        mode=x.reshape(-1)[cells],
        high=hi.reshape(-1)[cells],
    )


def _draw_matrices(
    inputs: Inputs, unc: _Uncertainty, rng: np.random.Generator, size: int
) -> FloatArray:
    u = rng.random((size, unc.size))
    mats = np.broadcast_to(inputs.matrix, (size, inputs.m, inputs.n)).copy()
    flat = mats.reshape(size, -1)
    flat[:, unc.cells] = triangular_inverse(u, unc.low[None], unc.mode[None], unc.high[None])
    return mats


def _ranks(utils: FloatArray) -> npt.NDArray[np.int64]:
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


def _count(
    utils: FloatArray, w: FloatArray, counts: npt.NDArray[np.int64], first_weights: FloatArray
) -> None:
    """Add one batch to the rank counts (``alternative × m + rank − 1``) and first weights.

    One argsort per row gives every rank at once when no two utilities of the row are
    within :data:`FAST_TIE_RTOL`; the rare rows with near-ties are ranked by the engine's
    tie rule (``ranks_from_scores``), so tied vendors share the best rank.
    """
    from erp_select.engine.batch import ranks_from_scores

    m = utils.shape[1]
    order = np.argsort(utils, axis=1)[:, ::-1]
    ordered = np.take_along_axis(utils, order, axis=1)
    tol = FAST_TIE_RTOL * np.abs(utils).max(axis=1)
    near = (ordered[:, :-1] - ordered[:, 1:] <= tol[:, None]).any(axis=1)
    clean = ~near
    positions = np.arange(m, dtype=np.int64)[None, :]
    counts += np.bincount((order[clean] * m + positions).reshape(-1), minlength=m * m)
    winners = order[clean, 0]
    for j in range(w.shape[1]):
        first_weights[:, j] += np.bincount(winners, weights=w[clean, j], minlength=m)
    if near.any():
        ranks = np.asarray(ranks_from_scores(utils[near], higher_is_better=True), dtype=np.int64)
        counts += np.bincount((positions * m + ranks - 1).reshape(-1), minlength=m * m)
        first_weights += (ranks == 1).astype(np.float64).T @ w[near]


def run_smaa(
    matrix: npt.ArrayLike,
    objectives: Sequence[Any],
    weights: npt.ArrayLike | None = None,
    method: str = "topsis",
    n: int = 10_000,
    seed: int = 0,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    low: npt.ArrayLike | None = None,
    high: npt.ArrayLike | None = None,
    concentration: float | None = None,
    n_confidence: int = DEFAULT_N_CONFIDENCE,
) -> SmaaResult:
    """Run SMAA-2: sample weights (and uncertain values), rank each sample, count ranks.

    Weights are drawn uniformly on the simplex (Dirichlet(1, …, 1)) when ``weights`` is
    ``None``, else from Dirichlet(``concentration × weights``) whose mean is ``weights``
    (default concentration :data:`DEFAULT_CONCENTRATION`, i.e. a standard deviation of
    about 17 % of a 0.25 weight). A value with a range ``low < value < high`` is drawn from
    the triangular distribution (low, value, high) in each sample; NaN in ``low`` or
    ``high`` means no uncertainty. Every sample is scored in batches with
    :func:`erp_select.engine.batch.utilities` and ranked with ``ranks_from_scores``.

    Parameters
    ----------
    matrix, objectives, method, alternatives, criteria
        As in :func:`erp_select.sensitivity.curves.weight_curves`.
    weights
        Chosen weights (sum 1) to sample around, or ``None`` for uniform weights.
    n
        Number of samples.
    seed
        Seed of ``numpy.random.default_rng``; weights, values and confidence draws use
        three streams spawned from it, so results do not depend on batch sizes.
    low, high
        ``(m, n)`` bounds of the values (NaN where a value is certain).
    concentration
        Dirichlet concentration around ``weights`` (ignored when ``weights`` is ``None``).
    n_confidence
        Value samples for each confidence factor (one evaluation when nothing is uncertain).

    Returns
    -------
    SmaaResult
        Acceptability indices, central weights, confidence factors.
    """
    check_positive_int(n, "n")
    check_positive_int(n_confidence, "n_confidence")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise InputError([problem("bad_integer", field="seed", value=seed, params={"minimum": 0})])
    conc = DEFAULT_CONCENTRATION if concentration is None else concentration
    if weights is not None and (
        not isinstance(conc, int | float) or not math.isfinite(conc) or conc <= 0
    ):
        raise InputError([problem("bad_concentration", field="concentration", value=conc)])
    inputs = check_inputs(matrix, objectives, weights, method, alternatives, criteria)
    unc = _check_uncertainty(inputs, low, high)
    w_rng, v_rng, c_rng = np.random.default_rng(seed).spawn(3)
    if weights is None:
        sampled = sample_simplex(w_rng, n, inputs.n)
    else:
        sampled = sample_around(w_rng, inputs.weights, float(conc), n)
    m = inputs.m
    counts = np.zeros(m * m, dtype=np.int64)
    first_weights = np.zeros((m, inputs.n))
    per_chunk = SAMPLES_PER_CHUNK if unc.size == 0 else max(1, CHUNK_CELLS // (m * inputs.n))
    for start in range(0, n, per_chunk):
        stop = min(n, start + per_chunk)
        w = sampled[start:stop]
        mats = None if unc.size == 0 else _draw_matrices(inputs, unc, v_rng, stop - start)
        _count(score(inputs, w, mats), w, counts, first_weights)
    table = counts.reshape(m, m) / n
    n_first = counts.reshape(m, m)[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = first_weights / n_first[:, None]
    central[n_first == 0] = np.nan
    confidence, used = _confidence(inputs, unc, central, c_rng, n_confidence)
    names = list(inputs.alternatives)
    return SmaaResult(
        method=inputs.method,
        n=n,
        seed=int(seed),
        weight_model="uniform" if weights is None else "dirichlet",
        concentration=None if weights is None else float(conc),
        acceptability=pd.DataFrame(table, index=names, columns=list(range(1, m + 1))),
        central_weights=pd.DataFrame(central, index=names, columns=list(inputs.criteria)),
        confidence=pd.Series(confidence, index=names, name="confidence"),
        uncertain_cells=unc.size,
        n_confidence=used,
    )


def _confidence(
    inputs: Inputs,
    unc: _Uncertainty,
    central: FloatArray,
    rng: np.random.Generator,
    n_conf: int,
) -> tuple[FloatArray, int]:
    """Share of value samples where each vendor is first with its central weights."""
    out = np.full(inputs.m, np.nan)
    valid = np.flatnonzero(np.isfinite(central).all(axis=1))
    if valid.size == 0:
        return out, 0
    if unc.size == 0:
        ranks = _ranks(score(inputs, central[valid]))
        out[valid] = (ranks[np.arange(valid.size), valid] == 1).astype(np.float64)
        return out, 1
    mats = _draw_matrices(inputs, unc, rng, n_conf)
    for i in valid:
        w = np.broadcast_to(central[i], (n_conf, inputs.n))
        ranks = _ranks(score(inputs, np.ascontiguousarray(w), mats))
        out[i] = float(np.mean(ranks[:, i] == 1))
    return out, n_conf


def smaa(
    matrix: npt.ArrayLike,
    objectives: Sequence[Any],
    weights: npt.ArrayLike | None = None,
    method: str = "topsis",
    n: int = 10_000,
    seed: int = 0,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    low: npt.ArrayLike | None = None,
    high: npt.ArrayLike | None = None,
    concentration: float | None = None,
) -> pd.DataFrame:
    """Rank acceptability indices of SMAA-2 (see :func:`run_smaa` for the model).

    Returns
    -------
    pandas.DataFrame
        Index alternatives, columns ranks ``1…m``: the share of samples giving each rank.
    """
    return run_smaa(
        matrix,
        objectives,
        weights,
        method,
        n,
        seed,
        alternatives,
        criteria,
        low,
        high,
        concentration,
        n_confidence=1,
    ).acceptability
