"""Numpy building blocks of the batch kernels: weighted sums and the shared normalisations."""

from __future__ import annotations

import numpy as np

from erp_select.engine._core import BoolArray, FloatArray, IntArray, constant_columns


def wdot(weights: FloatArray, table: FloatArray) -> FloatArray:
    """``Σ_j w[s, j] · table[s or 0, i, j]`` for every sample s and alternative i."""
    if table.shape[0] == 1:
        out: FloatArray = weights @ table[0].T
    else:
        out = np.einsum("sj,sij->si", weights, table)
    return out


def safe_div(num: FloatArray, den: FloatArray, where: BoolArray, fill: float) -> FloatArray:
    """``num / den`` where ``where`` holds, ``fill`` elsewhere (no warning, no NaN).

    The result keeps the memory layout of ``num`` when it has the full shape, so a batch
    stored criterion by criterion stays so through the kernels (faster reductions).
    """
    shape = np.broadcast_shapes(num.shape, den.shape)
    out: FloatArray
    if num.shape == shape and bool(np.all(where)):
        out = np.divide(num, den)
        return out
    if num.shape == shape:
        out = np.full_like(num, fill, dtype=np.float64)
    else:
        out = np.full(shape, fill, dtype=np.float64)
    np.divide(num, den, out=out, where=np.broadcast_to(where, out.shape))
    return out


def rescale01(values: FloatArray) -> FloatArray:
    """Min–max onto [0, 1] along the last axis; 0 where the values are all equal."""
    lo = values.min(axis=-1, keepdims=True)
    hi = values.max(axis=-1, keepdims=True)
    return safe_div(values - lo, hi - lo, hi - lo != 0, 0.0)


def vector(x: FloatArray, signs: IntArray, varying: BoolArray) -> FloatArray:
    """Vector normalisation ``x / ‖x‖`` per column, negated on cost criteria; 0 off ``varying``."""
    norm = np.sqrt((x**2).sum(axis=-2, keepdims=True))
    r = safe_div(x, norm, varying[:, None, :] & (norm != 0), 0.0)
    signed: FloatArray = r * signs
    return signed


def minmax(x: FloatArray, signs: IntArray, varying: BoolArray) -> FloatArray:
    """Min–max onto [0, 1] per column, cost criteria reversed; 0 off ``varying``."""
    lo = x.min(axis=-2, keepdims=True)
    hi = x.max(axis=-2, keepdims=True)
    up = np.where(signs > 0, x - lo, hi - x)
    return safe_div(up, hi - lo, varying[:, None, :], 0.0)


def ratio(x: FloatArray, signs: IntArray, varying: BoolArray) -> FloatArray:
    """Ratio to the best per column (x/max, min/x for a cost); 1 off ``varying``."""
    lo = x.min(axis=-2, keepdims=True)
    hi = x.max(axis=-2, keepdims=True)
    num = np.where(signs > 0, x, lo)
    den = np.where(signs > 0, hi, x)
    return safe_div(num, den, varying[:, None, :], 1.0)


def minmax_table(x: FloatArray, signs: IntArray) -> FloatArray:
    """Min–max normalised matrix of one raw table; a constant criterion becomes 0."""
    table = x[None]
    out: FloatArray = minmax(table, signs, ~constant_columns(table))[0]
    return out


def vector_table(x: FloatArray, signs: IntArray) -> FloatArray:
    """Vector-normalised matrix of one raw table, cost criteria negated; zero columns 0."""
    table = x[None]
    out: FloatArray = vector(table, signs, np.ones((1, x.shape[1]), dtype=bool))[0]
    return out
