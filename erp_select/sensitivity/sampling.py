"""Random draws of SMAA-2: weights on the simplex or around chosen ones, uncertain values."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from erp_select.sensitivity._common import FloatArray, Inputs, IntArray


@dataclass(frozen=True)
class Uncertainty:
    """The uncertain cells of a table: flat indices and their triangular (low, mode, high)."""

    cells: IntArray  # flat indices into the (m, n) matrix
    low: FloatArray
    mode: FloatArray
    high: FloatArray

    @property
    def size(self) -> int:
        """Number of uncertain cells."""
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


def uncertainty(inputs: Inputs) -> Uncertainty:
    """The cells whose value has a range (``low < high``), from the checked problem."""
    lo, hi = inputs.problem.low, inputs.problem.high
    if lo is None or hi is None:
        return Uncertainty(np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0), np.zeros(0))
    cells = np.flatnonzero((hi > lo).reshape(-1)).astype(np.int64)
    return Uncertainty(
        cells=cells,
        low=lo.reshape(-1)[cells],
        mode=inputs.matrix.reshape(-1)[cells],
        high=hi.reshape(-1)[cells],
    )


def draw_matrices(
    inputs: Inputs, unc: Uncertainty, rng: np.random.Generator, size: int
) -> FloatArray:
    """``size`` copies of the table with every uncertain cell drawn from its triangle."""
    u = rng.random((size, unc.size))
    mats = np.broadcast_to(inputs.matrix, (size, inputs.m, inputs.n)).copy()
    flat = mats.reshape(size, -1)
    flat[:, unc.cells] = triangular_inverse(u, unc.low[None], unc.mode[None], unc.high[None])
    return mats
