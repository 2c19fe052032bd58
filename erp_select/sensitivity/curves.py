"""One-at-a-time weight curves: scores as one weight sweeps 0→1, and exact winner crossovers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from erp_select.i18n import fmt_percent, t
from erp_select.sensitivity._common import (
    OKABE_ITO,
    FloatArray,
    Inputs,
    chart_title,
    check_inputs,
    check_positive_int,
    leaders,
    margin_over_rest,
    score,
    sweep_weights,
)

#: Default number of grid points per sweep (the grid only brackets; roots are exact).
DEFAULT_GRID = 201


@dataclass(frozen=True)
class WeightCurves:
    """Result of the one-at-a-time sweeps.

    Attributes
    ----------
    method
        Method key used to score.
    curves
        Tidy table: ``criterion``, ``weight`` (of that criterion), ``alternative``,
        ``utility`` (higher is better), ``leader`` (bool: top vendor at that weight).
    crossovers
        One row per change of the top vendor: ``criterion``, ``current_weight``,
        ``weight`` (exact, by root-finding), ``winner_before`` (below that weight),
        ``winner_after`` (above it), ``utility`` (of the two tied vendors there).
    current_weights
        The weights analysed, indexed by criterion.
    winner
        Top vendor at the current weights.
    """

    method: str
    curves: pd.DataFrame
    crossovers: pd.DataFrame
    current_weights: pd.Series
    winner: str


def _crossings(
    inputs: Inputs, j: int, grid: FloatArray, utils: FloatArray
) -> list[tuple[float, int, int, float]]:
    """Exact weights of criterion ``j`` where the top vendor changes, with who before/after."""
    from scipy.optimize import brentq

    def at(x: float) -> FloatArray:
        return score(inputs, sweep_weights(inputs.weights, j, [x]))

    lead = leaders(inputs, utils)
    events: list[tuple[float, int, int, float]] = []
    for i in np.flatnonzero(lead[:-1] != lead[1:]):
        lo, hi = float(grid[i]), float(grid[i + 1])
        a, target = int(lead[i]), int(lead[i + 1])
        for _ in range(inputs.m + 2):

            def gap(x: float, a: int = a) -> float:
                return float(margin_over_rest(inputs, at(x), a)[0])

            g_lo, g_hi = gap(lo), gap(hi)
            if g_hi > 0:  # ``a`` leads again at ``hi``: nothing left to find in the bracket
                break
            root = lo if g_lo <= 0 else float(brentq(gap, lo, hi, xtol=1e-14, rtol=1e-15))
            step = min(1e-9, (hi - root) / 2)
            after = int(leaders(inputs, at(root + step))[0]) if step > 0 else target
            if after == a:  # touched zero without crossing; move on
                lo = root + step
                continue
            events.append((root, a, after, float(at(root)[0, a])))
            if after == target or step <= 0:
                break
            lo, a = root + step, after
    return events


def weight_curves(
    matrix: npt.ArrayLike,
    objectives: Sequence[str],
    weights: npt.ArrayLike,
    method: str = "topsis",
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    grid: int = DEFAULT_GRID,
) -> WeightCurves:
    """Sweep each criterion's weight from 0 to 1 (others in proportion) and find crossovers.

    For criterion ``j`` at weight ``t`` the others become ``w_k (1 - t) / (1 - w_j)``; when
    ``w_j = 1`` they share ``1 - t`` equally. Every vendor is scored on a grid of ``grid``
    weights in one batch; each change of the top vendor between two grid points is then
    located exactly by Brent's method on the margin of the leader over the others.

    Parameters
    ----------
    matrix
        ``(m, n)`` raw values, vendors × leaf criteria.
    objectives
        ``"max"`` or ``"min"`` per criterion.
    weights
        Global leaf weights (sum 1).
    method
        Method key of :mod:`erp_select.engine`.
    alternatives, criteria
        Ids used in the tables (default ``A1…``, ``C1…``).
    grid
        Number of grid points (at least 3); it brackets the roots, it does not round them.

    Returns
    -------
    WeightCurves
        Curves, crossovers, current weights and current winner.
    """
    check_positive_int(grid, "grid", minimum=3)
    inputs = check_inputs(matrix, objectives, weights, method, alternatives, criteria)
    return _weight_curves(inputs, grid)


def _weight_curves(inputs: Inputs, grid: int = DEFAULT_GRID) -> WeightCurves:
    ts = np.linspace(0.0, 1.0, grid)
    base = score(inputs, inputs.weights[None, :])
    winner = inputs.alternatives[int(leaders(inputs, base)[0])]
    frames: list[pd.DataFrame] = []
    rows: list[dict[str, Any]] = []
    sweeps = range(inputs.n) if inputs.n > 1 else range(0)
    for j in sweeps:
        utils = score(inputs, sweep_weights(inputs.weights, j, ts))
        lead = leaders(inputs, utils)
        frames.append(
            pd.DataFrame(
                {
                    "criterion": inputs.criteria[j],
                    "weight": np.repeat(ts, inputs.m),
                    "alternative": np.tile(np.array(inputs.alternatives, dtype=object), ts.size),
                    "utility": utils.reshape(-1),
                    "leader": (lead[:, None] == np.arange(inputs.m)[None, :]).reshape(-1),
                }
            )
        )
        for root, a, b, level in _crossings(inputs, j, ts, utils):
            rows.append(
                {
                    "criterion": inputs.criteria[j],
                    "current_weight": float(inputs.weights[j]),
                    "weight": root,
                    "winner_before": inputs.alternatives[a],
                    "winner_after": inputs.alternatives[b],
                    "utility": level,
                }
            )
    columns = ["criterion", "weight", "alternative", "utility", "leader"]
    curves = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    crossovers = pd.DataFrame(
        rows,
        columns=[
            "criterion",
            "current_weight",
            "weight",
            "winner_before",
            "winner_after",
            "utility",
        ],
    )
    return WeightCurves(
        method=inputs.method,
        curves=curves,
        crossovers=crossovers,
        current_weights=pd.Series(inputs.weights, index=list(inputs.criteria), name="weight"),
        winner=winner,
    )


def weight_crossovers(
    matrix: npt.ArrayLike,
    objectives: Sequence[str],
    weights: npt.ArrayLike,
    method: str = "topsis",
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Weights at which the top vendor changes, per criterion (others rescaled in proportion).

    Parameters
    ----------
    matrix, objectives, weights, method, alternatives, criteria
        As in :func:`weight_curves`.

    Returns
    -------
    pandas.DataFrame
        One row per crossover, sorted by criterion then weight, with columns
        ``criterion``, ``current_weight``, ``weight`` (exact crossover weight),
        ``winner_before``, ``winner_after`` (top vendor just below / above that weight),
        and ``distance`` (``weight - current_weight``). A criterion whose weight can move
        from 0 to 1 without changing the winner has no row.
    """
    result = weight_curves(matrix, objectives, weights, method, alternatives, criteria)
    out = result.crossovers.copy()
    out["distance"] = out["weight"] - out["current_weight"]
    return out.reset_index(drop=True)


def curves_chart(
    result: WeightCurves,
    criterion: str,
    lang: str | None = None,
    labels: Mapping[str, str] | None = None,
) -> Any:
    """Altair chart of every vendor's utility as ``criterion``'s weight sweeps 0→1.

    The current weight is a dashed rule; each crossover is a point with the new winner.
    ``labels`` maps criterion and vendor ids to display names.
    """
    import altair as alt

    from erp_select.engine import method_info
    from erp_select.explain.orientation import oriented_scores

    names = dict(labels or {})
    data = result.curves[result.curves["criterion"] == criterion].copy()
    data["vendor"] = data["alternative"].map(lambda a: names.get(a, a))
    cross = result.crossovers[result.crossovers["criterion"] == criterion].copy()
    # The same scale as the ranking bars (1 − VIKOR score…): the method's own score turned
    # so that higher is better, named on the axis.
    sign = 1.0 if method_info(result.method).higher_is_better else -1.0
    native = sign * np.concatenate(
        [data["utility"].to_numpy(dtype=float), cross["utility"].to_numpy(dtype=float)]
    )
    oriented = oriented_scores(
        result.method, native, lang, vendors=int(result.curves["alternative"].nunique())
    )
    data["shown"] = oriented.values[: len(data)]
    cross["shown"] = oriented.values[len(data) :]
    crit_label = names.get(criterion, criterion)
    x = alt.X("weight:Q", title=t("sensitivity.chart.weight_of", lang, criterion=crit_label))
    x = x.axis(format="%").scale(domain=[0, 1])
    lines = (
        alt.Chart(data)
        .mark_line()
        .encode(
            x=x,
            y=alt.Y("shown:Q", title=oriented.title),
            color=alt.Color("vendor:N", title=t("sensitivity.chart.vendor", lang)).scale(
                range=OKABE_ITO
            ),
            strokeDash=alt.StrokeDash("vendor:N", title=t("sensitivity.chart.vendor", lang)),
            tooltip=[
                "vendor:N",
                alt.Tooltip("weight:Q", format=".1%"),
                alt.Tooltip("shown:Q", title=oriented.title, format=".3f"),
            ],
        )
    )
    current = float(result.current_weights[criterion])
    rule = (
        alt.Chart(pd.DataFrame({"weight": [current]}))
        .mark_rule(strokeDash=[4, 4], color="#000000")
        .encode(x="weight:Q", tooltip=[alt.Tooltip("weight:Q", format=".1%")])
    )
    cross["winner"] = cross["winner_after"].map(lambda a: names.get(a, a))
    points = (
        alt.Chart(cross)
        .mark_point(shape="diamond", size=90, filled=True, color="#000000")
        .encode(
            x="weight:Q",
            y="shown:Q",
            tooltip=[alt.Tooltip("weight:Q", format=".2%"), "winner:N"],
        )
    )
    subtitle = t(
        "sensitivity.chart.curves_subtitle",
        lang,
        criterion=crit_label,
        current=fmt_percent(current, lang, 1),
    )
    return (lines + rule + points).properties(
        title=chart_title(t("sensitivity.chart.curves_title", lang, criterion=crit_label), subtitle)
    )
