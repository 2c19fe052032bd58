"""Score many drawn tables (one per sample, stored vendor by vendor) under weight samples."""

from __future__ import annotations

import numpy as np

from erp_select.engine._core import TIE_RTOL, BoolArray, FloatArray, IntArray
from erp_select.engine.batch import _loop_rank, prepare_tables, score_prepared
from erp_select.engine.methods._base import Prepared
from erp_select.engine.registry import method_spec

__all__ = ["DrawnTables"]

#: Columns whose largest magnitude lies outside this range take the general kernel, which
#: rescales each column first (squares of such values would under- or overflow).
_SAFE_MAGNITUDE = (1e-100, 1e100)


class DrawnTables:
    """A batch of tables, prepared once, scored under one weight vector per sample or many.

    ``tables`` has shape (m, S, n): vendor, sample, criterion (each vendor's values of every
    sample together, so a column's sums and extremes over the vendors add whole contiguous
    slabs). :meth:`utilities` equals ``utilities(method, tables[:, s], …, weights[s])`` of
    :mod:`erp_select.engine.batch` for every sample, to rounding (1e-12 relative).

    TOPSIS has its own kernel: after vector normalisation (column ``j`` divided by its norm
    ``‖x_j‖``, negated for a cost) the squared distance of a vendor to the ideal is
    ``Σ_j w_j² (x_ij − best_j)² / ‖x_j‖²``, the best being the column's largest value for a
    benefit and smallest for a cost (and the anti-ideal the other extreme). So the squared
    gaps to both extremes are computed once per table, with one coefficient per column,
    without normalising the table itself.
    """

    def __init__(self, method: str, signs: IntArray, tables: FloatArray) -> None:
        self.spec = method_spec(method)
        self.signs = signs
        self.tables = tables
        self._gaps: tuple[FloatArray, FloatArray, FloatArray, BoolArray] | None = None
        self._prepared: tuple[Prepared, BoolArray, BoolArray] | None = None
        hi, lo = tables.max(axis=0), tables.min(axis=0)
        scale = np.maximum(np.abs(hi), np.abs(lo))
        varying = ~(hi - lo <= TIE_RTOL * scale)
        safe = bool(
            (scale < _SAFE_MAGNITUDE[1]).all() and (scale[varying] > _SAFE_MAGNITUDE[0]).all()
        )
        if self.spec.key == "topsis" and safe:
            self._gaps = self._topsis_gaps(hi, lo, varying)
        elif self.spec.batchable:
            self._prepared = prepare_tables(self.spec, tables.transpose(1, 0, 2), signs)

    def _topsis_gaps(
        self, hi: FloatArray, lo: FloatArray, varying: BoolArray
    ) -> tuple[FloatArray, FloatArray, FloatArray, BoolArray]:
        x = self.tables
        benefit = self.signs > 0
        best = np.where(benefit, hi, lo)
        worst = np.where(benefit, lo, hi)
        norm2 = np.einsum("isj,isj->sj", x, x)
        inverse = np.divide(1.0, norm2, out=np.zeros_like(norm2), where=varying & (norm2 > 0))
        to_ideal = x - best
        to_ideal *= to_ideal
        to_anti = x - worst
        to_anti *= to_anti
        return to_ideal, to_anti, inverse, varying

    def utilities(self, weights: FloatArray) -> FloatArray:
        """Utilities (S, m), higher is better, under ``weights`` (S, n) or one vector (n,).

        Each weight row must be non-negative with a positive sum (unchecked: the callers
        sample them on the simplex).
        """
        w = np.broadcast_to(weights, self.tables.shape[1:])
        if self._gaps is not None:
            scores = self._topsis(w)
        elif self._prepared is not None:
            prep, varying, used = self._prepared
            scores = score_prepared(self.spec, prep, varying, used, w)
        else:
            scores = _loop_rank(
                self.spec, np.ascontiguousarray(self.tables.transpose(1, 0, 2)), self.signs, w
            )
        return scores if self.spec.higher_is_better else -scores

    def _topsis(self, w: FloatArray) -> FloatArray:
        """Relative closeness ``D⁻ / (D⁺ + D⁻)``; the neutral score where nothing varies.

        The weights are not renormalised over the varying columns: the closeness does not
        change when every weight is multiplied by the same positive number.
        """
        to_ideal, to_anti, inverse, varying = self._gaps  # type: ignore[misc]
        coef = w * w
        coef *= inverse
        d_ideal = np.sqrt(np.einsum("sj,isj->si", coef, to_ideal))
        d_anti = np.sqrt(np.einsum("sj,isj->si", coef, to_anti))
        total = d_ideal + d_anti
        with np.errstate(divide="ignore", invalid="ignore"):
            closeness = np.where(total > 0, d_anti / total, 0.0)
        live = (w * varying).sum(axis=1) > 0
        out: FloatArray = np.where(live[:, None], closeness, self.spec.neutral_score)
        return out
