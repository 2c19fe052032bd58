"""SMAA-2 Monte Carlo: rank acceptability, central weights and confidence factors."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from erp_select.engine._core import TIE_RTOL
from erp_select.engine.drawn import DrawnTables
from erp_select.errors import InputError
from erp_select.model.problem import Problem
from erp_select.sensitivity._common import (
    FloatArray,
    Inputs,
    check_inputs,
    check_positive_int,
    score,
)
from erp_select.sensitivity._common import (
    problem as finding,
)
from erp_select.sensitivity.blocks import block_bounds, block_rng, map_blocks
from erp_select.sensitivity.rank_counts import count_ranks as _count
from erp_select.sensitivity.rank_counts import fast_ranks as _ranks
from erp_select.sensitivity.sampling import (
    Uncertainty,
    ValueDraws,
    sample_around,
    sample_simplex,
    triangular_inverse,
    uncertainty,
)

__all__ = [
    "SmaaResult",
    "run_smaa",
    "sample_around",
    "sample_simplex",
    "smaa",
    "triangular_inverse",
]

#: Default Dirichlet concentration around chosen weights (mean = the chosen weights).
DEFAULT_CONCENTRATION = 100.0
#: Default number of value samples for each confidence factor.
DEFAULT_N_CONFIDENCE = 2000
#: Weight samples scored per batch when the values are certain.
SAMPLES_PER_CHUNK = 20_000
#: Cells of the drawn tables per block when values are uncertain: a block that stays in
#: the processor's cache while it is scored. Each block has its own random stream, so the
#: result depends on this constant but not on how many threads share the blocks.
VALUE_BLOCK_CELLS = 1 << 16
#: Fewest tables per block (a block's fixed cost is a few dozen numpy calls).
MIN_BLOCK_SAMPLES = 16
#: Samples per task when values are uncertain: a task has its own random stream, draws
#: and scores its samples block by block, then counts their ranks at once; the threads
#: share the tasks.
TASK_SAMPLES = 1024


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


def run_smaa(
    matrix: Problem | npt.ArrayLike,
    objectives: Sequence[Any] | None = None,
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
    uniform: bool = False,
    workers: int | None = None,
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
    matrix, method
        As in :func:`erp_select.sensitivity.curves.weight_curves`; the problem's bounds
        ``low``/``high`` make its values uncertain. The plain form (``matrix,
        objectives, weights, alternatives, criteria, low, high``) is still accepted.
    weights
        Plain form: the chosen weights to sample around, or ``None`` for uniform weights.
    n
        Number of samples.
    seed
        Seed of the draws: weights, values and confidence draws use three streams spawned
        from ``numpy.random.SeedSequence(seed)``; the value draws come in fixed blocks,
        each with its own child stream, so the result does not depend on ``workers``.
    low, high
        Plain form: ``(m, n)`` bounds of the values (NaN where a value is certain).
    concentration
        Dirichlet concentration around ``weights`` (ignored when ``weights`` is ``None``).
    n_confidence
        Value samples for each confidence factor (one evaluation when nothing is uncertain).
    uniform
        Draw the weights uniformly on the simplex, ignoring the problem's weights (the
        plain form's ``weights=None``).
    workers
        Threads sharing the blocks of uncertain values (default: the cores available, see
        :func:`erp_select.sensitivity.blocks.default_workers`); the result is the same.

    Returns
    -------
    SmaaResult
        Acceptability indices, central weights, confidence factors.
    """
    check_positive_int(n, "n")
    check_positive_int(n_confidence, "n_confidence")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise InputError([finding("bad_integer", field="seed", value=seed, params={"minimum": 0})])
    conc = DEFAULT_CONCENTRATION if concentration is None else concentration
    uniform = uniform or (weights is None and not isinstance(matrix, Problem))
    if not uniform and (not isinstance(conc, int | float) or not math.isfinite(conc) or conc <= 0):
        raise InputError([finding("bad_concentration", field="concentration", value=conc)])
    inputs = check_inputs(
        matrix,
        objectives,
        weights,
        method,
        alternatives,
        criteria,
        equal_if_missing=True,
        low=low,
        high=high,
    )
    unc = uncertainty(inputs)
    w_seq, v_seq, c_seq = np.random.SeedSequence(int(seed)).spawn(3)
    w_rng = np.random.default_rng(w_seq)
    if uniform:
        sampled = sample_simplex(w_rng, n, inputs.n)
    else:
        sampled = sample_around(w_rng, inputs.weights, float(conc), n)
    m = inputs.m
    if unc.size == 0:
        counts = np.zeros(m * m, dtype=np.int64)
        first_weights = np.zeros((m, inputs.n))
        for start, stop in block_bounds(n, SAMPLES_PER_CHUNK):
            w = sampled[start:stop]
            _count(score(inputs, w), w, counts, first_weights)
    else:
        counts, first_weights = _uncertain_counts(inputs, unc, sampled, v_seq, workers)
    table = counts.reshape(m, m) / n
    n_first = counts.reshape(m, m)[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = first_weights / n_first[:, None]
    central[n_first == 0] = np.nan
    confidence, used = _confidence(inputs, unc, central, c_seq, n_confidence, workers)
    names = list(inputs.alternatives)
    return SmaaResult(
        method=inputs.method,
        n=n,
        seed=int(seed),
        weight_model="uniform" if uniform else "dirichlet",
        concentration=None if uniform else float(conc),
        acceptability=pd.DataFrame(table, index=names, columns=list(range(1, m + 1))),
        central_weights=pd.DataFrame(central, index=names, columns=list(inputs.criteria)),
        confidence=pd.Series(confidence, index=names, name="confidence"),
        uncertain_cells=unc.size,
        n_confidence=used,
    )


def block_samples(inputs: Inputs) -> int:
    """Tables drawn per block: :data:`VALUE_BLOCK_CELLS` cells, at least a few tables."""
    return max(MIN_BLOCK_SAMPLES, VALUE_BLOCK_CELLS // (inputs.m * inputs.n))


def _scored_blocks(
    inputs: Inputs, draws: ValueDraws, rng: np.random.Generator, size: int
) -> Iterator[tuple[int, int, DrawnTables]]:
    """The tables of one task, block by block: ``(start, stop, tables)``."""
    signs = inputs.problem.signs
    for start, stop in block_bounds(size, block_samples(inputs)):
        yield start, stop, DrawnTables(inputs.method, signs, draws.tables(rng, stop - start))


def _uncertain_counts(
    inputs: Inputs,
    unc: Uncertainty,
    sampled: FloatArray,
    seq: np.random.SeedSequence,
    workers: int | None,
) -> tuple[npt.NDArray[np.int64], FloatArray]:
    """Rank counts and first weights when values are uncertain, task by task.

    Task ``b`` scores the weight samples of its range against tables drawn from the
    ``b``-th child of ``seq``; the tasks' sums are added in task order.
    """
    draws = ValueDraws(inputs, unc)
    m = inputs.m
    tasks = block_bounds(sampled.shape[0], TASK_SAMPLES)

    def one(b: int) -> tuple[npt.NDArray[np.int64], FloatArray]:
        first, last = tasks[b]
        w = sampled[first:last]
        utils = np.empty((last - first, m))
        for start, stop, tables in _scored_blocks(inputs, draws, block_rng(seq, b), last - first):
            utils[start:stop] = tables.utilities(w[start:stop])
        counts = np.zeros(m * m, dtype=np.int64)
        first_weights = np.zeros((m, inputs.n))
        _count(utils, w, counts, first_weights)
        return counts, first_weights

    counts = np.zeros(m * m, dtype=np.int64)
    first_weights = np.zeros((m, inputs.n))
    for task_counts, task_weights in map_blocks(one, len(tasks), workers):
        counts += task_counts
        first_weights += task_weights
    return counts, first_weights


def _confidence(
    inputs: Inputs,
    unc: Uncertainty,
    central: FloatArray,
    seq: np.random.SeedSequence,
    n_conf: int,
    workers: int | None,
) -> tuple[FloatArray, int]:
    """Share of value samples where each vendor is first with its central weights.

    Every vendor is scored on the same drawn tables, prepared once per block. A vendor is
    first when no other beats it by the engine's tie rule (``rank_i = 1 + #{k : u_k >
    u_i + tol}``, ``tol`` relative to the row's largest magnitude).
    """
    out = np.full(inputs.m, np.nan)
    valid = np.flatnonzero(np.isfinite(central).all(axis=1))
    if valid.size == 0:
        return out, 0
    if unc.size == 0:
        ranks = _ranks(score(inputs, central[valid]))
        out[valid] = (ranks[np.arange(valid.size), valid] == 1).astype(np.float64)
        return out, 1
    draws = ValueDraws(inputs, unc)
    tasks = block_bounds(n_conf, TASK_SAMPLES)

    def one(b: int) -> npt.NDArray[np.int64]:
        first, last = tasks[b]
        firsts = np.zeros(valid.size, dtype=np.int64)
        for _, _, tables in _scored_blocks(inputs, draws, block_rng(seq, b), last - first):
            for r, i in enumerate(valid):
                u = tables.utilities(central[i])
                tol = TIE_RTOL * np.abs(u).max(axis=1)
                firsts[r] += int(np.count_nonzero(u.max(axis=1) <= u[:, i] + tol))
        return firsts

    total = np.sum(map_blocks(one, len(tasks), workers), axis=0)
    out[valid] = total / n_conf
    return out, n_conf


def smaa(
    matrix: Problem | npt.ArrayLike,
    objectives: Sequence[Any] | None = None,
    weights: npt.ArrayLike | None = None,
    method: str = "topsis",
    n: int = 10_000,
    seed: int = 0,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    low: npt.ArrayLike | None = None,
    high: npt.ArrayLike | None = None,
    concentration: float | None = None,
    uniform: bool = False,
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
        uniform=uniform,
    ).acceptability
