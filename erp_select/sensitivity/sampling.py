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


def triangular_from_pairs(
    u: FloatArray, v: FloatArray, low: FloatArray, mode: FloatArray, high: FloatArray
) -> FloatArray:
    """Triangular (``low``, ``mode``, ``high``) draws from two independent uniforms each.

    ``low + (high − mode)·min(u, v) + (mode − low)·max(u, v)`` follows the triangular law
    (Stein and Keblis, "A new method to simulate the triangular distribution", Mathematical
    and Computer Modelling 49, 2009): no square root and no branch per value, so a block of
    draws costs a few array passes. Shapes broadcast; ``u`` and ``v`` are left unchanged.
    """
    low_part = np.minimum(u, v)
    low_part *= high - mode
    high_part = np.maximum(u, v)
    high_part *= mode - low
    low_part += high_part
    low_part += low
    return low_part


class ValueDraws:
    """Draws of whole tables whose uncertain cells follow their triangles, in blocks.

    The tables come out stored vendor by vendor, shape ``(m, size, n)``, contiguous, for
    :class:`erp_select.engine.drawn.DrawnTables`. When every value is uncertain a block
    takes ``m × size × n`` uniforms ``u`` then as many ``v`` from its generator (vendor,
    sample, criterion); otherwise ``cells × size`` of each, cell by cell (vendor, then
    criterion) and sample by sample.
    """

    def __init__(self, inputs: Inputs, unc: Uncertainty) -> None:
        m, n = inputs.m, inputs.n
        self.whole = unc.size == m * n
        self.rows, self.cols = np.divmod(unc.cells, n)
        shape = (m, 1, n) if self.whole else (unc.size, 1)
        self.low = unc.low.reshape(shape)
        self.below = (unc.mode - unc.low).reshape(shape)  # weight of max(u, v)
        self.above = (unc.high - unc.mode).reshape(shape)  # weight of min(u, v)
        self.base = inputs.matrix[:, None, :]
        self.size = unc.size

    def tables(self, rng: np.random.Generator, size: int) -> FloatArray:
        """``size`` tables, shape ``(m, size, n)``, each uncertain cell from its triangle.

        ``low + (mode − low)·max(u, v) + (high − mode)·min(u, v)`` as in
        :func:`triangular_from_pairs`, computed in place on the block's uniforms.
        """
        m, _, n = self.base.shape
        shape = (m, size, n) if self.whole else (self.size, size)
        u, v = rng.random((2, *shape))  # two contiguous blocks: faster loops than pairs
        drawn: FloatArray = np.minimum(u, v)
        np.maximum(u, v, out=u)
        drawn *= self.above
        u *= self.below
        drawn += u
        drawn += self.low
        if self.whole:
            return drawn
        out: FloatArray = np.empty((m, size, n))
        out[:] = self.base
        out[self.rows, :, self.cols] = drawn
        return out
