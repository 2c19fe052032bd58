"""Data-driven (objective) criterion weights from the performance table, via scikit-criteria."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from skcriteria.preprocessing.scalers import matrix_scale_by_cenit_distance
from skcriteria.preprocessing.weighters import critic_weights, entropy_weights, std_weights

from erp_select.errors import InputError, Problem
from erp_select.i18n import t

FloatArray = NDArray[np.float64]

ObjectiveMethod = Literal["entropy", "critic", "std"]
OBJECTIVE_METHODS: tuple[ObjectiveMethod, ...] = ("entropy", "critic", "std")

#: What kind of weights these are, for the UI: they describe the data, not preferences.
OBJECTIVE_KIND = "data-driven"

_MAX = {"benefit", "max", "maximise", "maximize", "+", "1", "+1"}
_MIN = {"cost", "min", "minimise", "minimize", "-", "-1"}


def _problem(key: str, **kwargs: Any) -> Problem:
    params = kwargs.pop("params", {})
    return Problem(rule=f"weights.{key}", params=params, **kwargs)


def _signs(objectives: Sequence[Any], criteria: list[str]) -> NDArray[np.int64]:
    items = [objectives] if isinstance(objectives, str) else list(objectives)
    if len(items) != len(criteria):
        raise InputError(
            [
                _problem(
                    "objective_length",
                    value=len(items),
                    params={"expected": len(criteria), "count": len(items)},
                )
            ]
        )
    out = np.empty(len(items), dtype=np.int64)
    problems: list[Problem] = []
    for k, item in enumerate(items):
        text = str(item).strip().lower() if not isinstance(item, bool) else ""
        if isinstance(item, int | float | np.integer | np.floating) and not isinstance(item, bool):
            text = {1.0: "1", -1.0: "-1"}.get(float(item), "")
        if text in _MAX:
            out[k] = 1
        elif text in _MIN:
            out[k] = -1
        else:
            problems.append(_problem("objective_bad_direction", field=criteria[k], value=str(item)))
    if problems:
        raise InputError(problems)
    return out


def objective_weights(
    matrix: Any,
    objectives: Sequence[Any],
    method: ObjectiveMethod,
    *,
    criteria: Sequence[str] | None = None,
) -> FloatArray:
    """Return **data-driven** criterion weights computed from the spread of the vendors' values.

    These weights describe the data (how much the vendors differ on each criterion, and how
    the criteria overlap), **not** what matters to the company. Show them as a reference
    or a starting point next to the preference weights, never in their place
    (:func:`objective_label` gives the UI label).

    - ``entropy``: Shannon entropy weights (scikit-criteria ``entropy_weights``):
      ``p_ij = x_ij / Σ_i x_ij``, ``E_j = −Σ_i p_ij ln p_ij / ln m``,
      ``w_j = (1 − E_j) / Σ_k (1 − E_k)``, on the raw values, which must be ≥ 0; the
      direction of a criterion does not change its entropy.
    - ``critic``: CRITIC (Diakoulaki, Mavrotas & Papayannakis 1995, scikit-criteria
      ``critic_weights``): values min–max scaled towards the ideal (cost criteria
      reversed), ``C_j = σ_j Σ_k (1 − r_jk)`` with σ the population standard deviation
      and r Pearson's correlation, ``w_j = C_j / Σ C``.
    - ``std``: standard deviation of the same min–max scaled values (scikit-criteria
      ``std_weights``), normalised to sum 1; scaling first keeps the unit of a criterion
      (euros vs a 0–100 score) from deciding its weight.

    A constant criterion (all vendors equal) carries no information: it gets weight 0 and
    is left out of the computation (CRITIC's correlations are undefined for it). With one
    informative criterion left, it gets weight 1.

    Parameters
    ----------
    matrix
        Performance table, vendors × criteria (array-like or DataFrame, whose columns then
        name the criteria).
    objectives
        Per criterion: ``"benefit"``/``"max"``/``1`` or ``"cost"``/``"min"``/``-1``.
    method
        ``"entropy"``, ``"critic"`` or ``"std"``.
    criteria
        Criterion names for error messages (default: DataFrame columns or ``c1, c2, …``).

    Returns
    -------
    numpy.ndarray
        Non-negative weights summing to 1, one per criterion.

    Raises
    ------
    InputError
        An unknown method, a matrix that is not 2-D numbers, fewer than two vendors, a
        missing or non-finite value, a wrong number of objectives, negative values for
        entropy, every criterion constant, or data from which the method gets no weight.
    """
    if method not in OBJECTIVE_METHODS:
        raise InputError(
            [
                _problem(
                    "objective_unknown_method",
                    value=str(method),
                    params={"known": ", ".join(OBJECTIVE_METHODS)},
                )
            ]
        )
    names: list[str] | None = [str(c) for c in criteria] if criteria is not None else None
    if isinstance(matrix, pd.DataFrame):
        names = names or [str(c) for c in matrix.columns]
        matrix = matrix.to_numpy()
    try:
        values = np.array(matrix, dtype=float)
    except (TypeError, ValueError):
        raise InputError([_problem("objective_not_numeric", value=str(matrix)[:80])]) from None
    if values.ndim != 2 or values.shape[1] == 0:
        raise InputError([_problem("objective_shape", value=str(values.shape))])
    m, n = values.shape
    names = names or [f"c{j + 1}" for j in range(n)]
    if len(names) != n:
        raise InputError(
            [_problem("objective_length", value=len(names), params={"expected": n, "count": n})]
        )
    if m < 2:
        raise InputError([_problem("objective_too_few", value=m)])
    bad = [j for j in range(n) if not np.all(np.isfinite(values[:, j]))]
    if bad:
        raise InputError(
            [_problem("objective_not_finite", field=names[j], value=None) for j in bad]
        )
    signs = _signs(objectives, names)
    if method == "entropy":
        negative = [j for j in range(n) if np.any(values[:, j] < 0)]
        if negative:
            raise InputError(
                [
                    _problem("objective_negative", field=names[j], value=float(values[:, j].min()))
                    for j in negative
                ]
            )

    informative = np.ptp(values, axis=0) > 0
    if not informative.any():
        raise InputError([_problem("objective_no_spread", field=", ".join(names), value=None)])
    out = np.zeros(n, dtype=np.float64)
    if informative.sum() == 1:
        out[informative] = 1.0
        return out
    sub = values[:, informative]
    sub_signs = signs[informative]
    with np.errstate(invalid="ignore", divide="ignore"):  # degenerate data: checked below
        if method == "entropy":
            raw = entropy_weights(sub)
        elif method == "critic":
            raw = critic_weights(sub, sub_signs, correlation="pearson", scale=True)
        else:
            raw = std_weights(matrix_scale_by_cenit_distance(sub, objectives=sub_signs))
    result = np.asarray(raw, dtype=np.float64)
    total = float(result.sum()) if np.all(np.isfinite(result)) else math.nan
    if not total > 0:
        raise InputError([_problem("objective_degenerate", value=None, params={"method": method})])
    out[informative] = result / total
    return out


def objective_label(method: ObjectiveMethod, lang: str | None = None) -> str:
    """Return the UI label of data-driven weights, saying they are not preferences.

    Parameters
    ----------
    method
        ``"entropy"``, ``"critic"`` or ``"std"``.
    lang
        ``"fr"`` or ``"en"`` (default from ``ERP_SELECT_LANG``).

    Returns
    -------
    str
        E.g. "Data-driven weights (entropy) — from how much the vendors differ, not
        from your priorities".
    """
    return t("weights.objective.label", lang, method=t(f"weights.objective.{method}", lang))
