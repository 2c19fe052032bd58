"""Plain helpers around scikit-criteria shared by the method runners (imported on use)."""

from __future__ import annotations

from typing import Any

import numpy as np
import skcriteria as skc

from erp_select.engine._core import FloatArray, IntArray


def decision_matrix(
    x: FloatArray, signs: IntArray, w: FloatArray, alts: list[str], crits: list[str]
) -> Any:
    """A scikit-criteria ``DecisionMatrix`` of a cleaned table."""
    return skc.mkdm(
        matrix=x,
        objectives=[int(s) for s in signs],
        weights=w,
        alternatives=alts,
        criteria=crits,
    )


def floats(values: Any) -> FloatArray:
    """Any array-like as a flat float array."""
    out: FloatArray = np.asarray(values, dtype=np.float64).reshape(-1)
    return out
