"""Scores turned so that higher is better on every chart, with the axis title that says how.

Some methods score "lower is better" (VIKOR's Q, SPOTIS's distance, ELECTRE II's mean
position): drawn as they are, the winner's bar would be the shortest (VIKOR: length 0).
Charts plot instead a transform that is higher for better vendors, named on the axis:

- a method whose score is already "higher is better" is plotted as it is;
- VIKOR and SPOTIS (scores in [0, 1]): ``1 − score``;
- ELECTRE II (mean of two rank positions among ``m`` vendors): ``m − score``, the number of
  vendors ranked below, on average;
- any other "lower is better" method: ``worst − score``, the distance from the worst score.

Bars start at :attr:`Oriented.baseline` (0, or the lowest value when some are negative, as
MOORA's can be), so the longest bar is always the best-ranked vendor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from erp_select.engine import method_info
from erp_select.i18n import t

#: "Lower is better" methods whose score cannot exceed this bound (plotted ``bound − score``).
UPPER_BOUND = {"vikor": 1.0, "spotis": 1.0}
#: "Lower is better" methods scored by a mean rank position (plotted ``m − score``).
RANK_POSITION = {"electre2"}


@dataclass(frozen=True)
class Oriented:
    """Scores oriented so that higher is better, and how to say so.

    Attributes
    ----------
    values
        One value per vendor, in the input order: higher is better.
    baseline
        Where bars start: 0, or the lowest value when it is negative.
    title
        Axis title naming what is plotted ("1 − VIKOR score (higher is better)").
    subtitle
        One sentence for the chart: the longest bar is the best, and why for a flipped score.
    flipped
        True when ``values`` are not the method's own scores.
    """

    values: npt.NDArray[np.float64]
    baseline: float
    title: str
    subtitle: str
    flipped: bool


def oriented_scores(
    method: str,
    scores: Sequence[float] | npt.ArrayLike,
    lang: str | None,
    vendors: int | None = None,
) -> Oriented:
    """Turn a method's scores into values that are higher for better vendors.

    Parameters
    ----------
    method
        Method key (``"topsis"``, ``"vikor"``…).
    scores
        The method's own scores, one per ranked vendor (or more: a curve's points).
    lang
        ``"fr"`` or ``"en"``.
    vendors
        Number of ranked vendors, when ``scores`` holds more values than one per vendor
        (ELECTRE II's positions run from 1 to that number; default: ``len(scores)``).

    Returns
    -------
    Oriented
    """
    key = str(method).strip().lower()
    info = method_info(key)
    name = info.title(lang)
    s = np.asarray(scores, dtype=np.float64).ravel()
    if info.higher_is_better:
        values, kind = s.copy(), "native"
    elif key in UPPER_BOUND:
        values, kind = UPPER_BOUND[key] - s, "one_minus"
    elif key in RANK_POSITION:
        values, kind = float(vendors if vendors is not None else s.size) - s, "ranked_below"
    else:
        worst = float(np.nanmax(s)) if s.size else 0.0
        values, kind = worst - s, "from_worst"
    finite = values[np.isfinite(values)]
    baseline = min(0.0, float(finite.min())) if finite.size else 0.0
    return Oriented(
        values=values,
        baseline=baseline,
        title=t(f"verdict.chart.title.{kind}", lang, method=name),
        subtitle=t(f"verdict.chart.subtitle.{kind}", lang, method=name),
        flipped=kind != "native",
    )


def direction_text(method: str, lang: str | None) -> str:
    """ "higher is better" or "lower is better" for the method's own score."""
    better = method_info(str(method).strip().lower()).higher_is_better
    return t("verdict.chart.higher" if better else "verdict.chart.lower", lang)
