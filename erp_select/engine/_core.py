"""Shared engine arithmetic: array types, constants, preprocessing of a table and the tie rule."""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

from erp_select.model.problem_checks import FloatArray as FloatArray
from erp_select.model.problem_checks import IntArray as IntArray

BoolArray = npt.NDArray[np.bool_]

#: Relative tolerance of the tie rule and of the "constant criterion" test.
TIE_RTOL = 1e-12

ShiftRule = Literal["none", "positive", "copras", "non_negative"]


# --------------------------------------------------------------------------- preprocessing


def constant_columns(matrix: FloatArray) -> BoolArray:
    """Columns (last axis) whose values are equal for every alternative (second-last axis).

    "Equal" means a spread of at most ``TIE_RTOL`` times the column's largest magnitude, so
    rounding noise such as ``0.1 + 0.2`` against ``0.3`` does not count as discrimination.
    """
    spread = matrix.max(axis=-2) - matrix.min(axis=-2)
    scale = np.abs(matrix).max(axis=-2)
    result: BoolArray = spread <= TIE_RTOL * scale
    return result


def kept_constant_columns(keeps: bool, rule: ShiftRule, matrix: FloatArray) -> BoolArray:
    """Constant columns (last axis) a method keeps because its formula is defined there.

    ``keeps`` says whether the method keeps constant columns at all, ``rule`` is its
    positivity rule.

    Ratio and share methods (WPM, WASPAS, COPRAS) give such a column the same ratio (1) or
    share (1/m) for every vendor, whatever its value. MOORA's vector normalisation gives it
    ±1/√m, undefined for a column of zeros, which is left out. Other methods keep none.
    """
    constant = constant_columns(matrix)
    if not keeps:
        return np.zeros(constant.shape, dtype=bool)
    if rule == "none":
        nonzero: BoolArray = constant & (np.abs(matrix).max(axis=-2) > 0)
        return nonzero
    return constant


def set_kept_constants(matrix: FloatArray, kept: BoolArray, rule: ShiftRule) -> FloatArray:
    """Give each kept constant column (last axis) its canonical value on a unit scale.

    1 for the ratio and share methods (any positive constant gives the same ratios and
    shares; no shift is needed), the sign of the value for vector normalisation (MOORA).
    """
    if not kept.any():
        return matrix
    if rule == "none":
        value = np.sign(matrix.mean(axis=-2, keepdims=True))
    else:
        value = np.ones((*matrix.shape[:-2], 1, matrix.shape[-1]))
    out: FloatArray = np.where(np.expand_dims(kept, -2), value, matrix)
    return out


def unit_scale(matrix: FloatArray) -> FloatArray:
    """Divide each column (last axis) by its largest magnitude, so values lie in [−1, 1].

    Every method in the registry is invariant to a positive rescaling of one criterion
    (each normalisation divides it out), so this changes no score beyond rounding; it keeps
    tiny (subnormal) or huge values from under- or overflowing inside the methods.
    """
    scale = np.abs(matrix).max(axis=-2, keepdims=True)
    out: FloatArray = np.divide(matrix, scale, out=np.zeros_like(matrix), where=scale > 0)
    return out


def shift_columns(matrix: FloatArray, signs: IntArray, rule: ShiftRule) -> BoolArray:
    """Which columns (last axis) the method's positivity rule shifts by ``x − min + range``."""
    lo = matrix.min(axis=-2)
    if rule == "positive":
        needed: BoolArray = lo <= 0
    elif rule == "non_negative":
        needed = lo < 0
    elif rule == "copras":
        needed = np.where(signs < 0, lo <= 0, lo < 0)
    else:
        needed = np.zeros(lo.shape, dtype=bool)
    return needed


def apply_shift(matrix: FloatArray, needed: BoolArray) -> FloatArray:
    """Shift the ``needed`` columns so their worst value sits at half their best.

    ``x' = x − min + (max − min)`` maps the column onto ``[range, 2·range]``: unit-free,
    order-preserving, strictly positive for a non-constant column.
    """
    lo = matrix.min(axis=-2, keepdims=True)
    hi = matrix.max(axis=-2, keepdims=True)
    shifted = matrix - lo + (hi - lo)
    out: FloatArray = np.where(np.expand_dims(needed, -2), shifted, matrix)
    return out


# --------------------------------------------------------------------------- tie rule


def competition_ranks(scores: FloatArray, higher_is_better: bool = True) -> IntArray:
    """Rank the last axis, 1 = best, with the engine's tie rule.

    Two scores tie when they differ by at most ``TIE_RTOL`` times the largest magnitude in
    their row; tied alternatives share the best rank of their group and the next rank
    skips ("competition" ranking: 1, 1, 3). Formally ``rank_i = 1 + #{k : s_k beats s_i}``.
    """
    s = np.asarray(scores, dtype=np.float64)
    oriented = s if higher_is_better else -s
    tol = TIE_RTOL * np.abs(oriented).max(axis=-1, keepdims=True)
    beats = oriented[..., :, None] > oriented[..., None, :] + tol[..., None]
    ranks: IntArray = (1 + beats.sum(axis=-2)).astype(np.int64)
    return ranks
