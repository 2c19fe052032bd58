"""The robustness verdict and its reasons, with shares and weight moves printed so they agree.

One definition of a move of weight holds everywhere (summary, app, report): a **point of
weight** is one percentage point of one criterion's weight, the other weights moving in
proportion so that all still add up to 100 % (the one-at-a-time sweep of the weight curves,
stability intervals and crossovers). :func:`weight_move` prints such a move, and
:func:`glossary` says the definition in words.

Printed numbers agree with the comparisons the sentences make: a share or a weight is
printed with as many decimals as it takes for the printed figures to fall on the same side
of every threshold as the exact ones ("49,96 %", never "50 %" for "less than 50 %"), and
the points of a move are the difference of the two printed weights.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Literal

import pandas as pd

from erp_select.i18n import fmt_number, fmt_percent, normalise_lang, t
from erp_select.sensitivity.what_it_takes import WhatItTakes

Verdict = Literal["robust", "fragile", "toss_up"]

#: Robust: the winner is first in at least this share of the simulations ...
ROBUST_FIRST_SHARE = 0.70
#: ... and no single weight is closer than this (absolute weight) to a change of winner.
ROBUST_WEIGHT_GAP = 0.10
#: Toss-up: the winner is first in less than this share of the simulations, ...
TOSS_UP_FIRST_SHARE = 0.50
#: ... or a challenger's first-rank share is within this of the winner's, ...
TOSS_UP_SHARE_GAP = 0.10
#: ... or a single weight closer than this to its current value changes the winner.
TOSS_UP_WEIGHT_GAP = 0.02

#: Most decimals used to keep a printed figure on the right side of a threshold.
MAX_DIGITS = 4


def robustness_verdict(
    first_share: float | None,
    runner_up_share: float | None,
    nearest_gap: float | None,
) -> Verdict:
    """Classify a result as robust, fragile or a toss-up.

    Parameters
    ----------
    first_share
        Share of SMAA simulations where the winner is first (``None`` if not simulated).
    runner_up_share
        Largest first-rank share among the other vendors (``None`` if not simulated).
    nearest_gap
        Smallest distance (absolute weight) between a current weight and a weight where the
        winner changes (``None``/``inf`` if no single weight changes it).

    Returns
    -------
    str
        ``"toss_up"`` when ``first_share`` < 50 %, or a challenger is within 10 points of
        the winner's share, or a crossover is less than 0.02 away; ``"robust"`` when
        ``first_share`` ≥ 70 % (or not simulated) and no crossover is less than 0.10 away;
        ``"fragile"`` otherwise.
    """
    gap = math.inf if nearest_gap is None else nearest_gap
    if first_share is not None:
        rival = runner_up_share or 0.0
        if first_share < TOSS_UP_FIRST_SHARE or first_share - rival < TOSS_UP_SHARE_GAP:
            return "toss_up"
    if gap < TOSS_UP_WEIGHT_GAP:
        return "toss_up"
    if (first_share is None or first_share >= ROBUST_FIRST_SHARE) and gap >= ROBUST_WEIGHT_GAP:
        return "robust"
    return "fragile"


def _percent(share: float, digits: int) -> Decimal:
    """``share`` in percent, rounded as printed (half to even, like Babel)."""
    return (
        Decimal(repr(float(share))).scaleb(2).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_EVEN)
    )


def points_text(points: float, lang: str | None, digits: int = 1) -> str:
    """A number of points with its noun: ``1,6 point``, ``2 points``; ``1.6 points``.

    French puts the noun in the plural from 2 on; English everywhere but exactly 1.
    """
    text = fmt_number(points, lang, digits)
    rounded = abs(round(points, digits))
    one = rounded < 2 if normalise_lang(lang) == "fr" else rounded == 1
    return t("verdict.point" if one else "verdict.points", lang, n=text)


def change_percent(share: float, lang: str | None) -> str:
    """A relative change as a percentage, with the decimals it takes not to read 0 %.

    ``0.002`` is ``0,2 %``, not ``0 %`` (a change of 0 % would need no change at all).
    """
    digits = 0
    while digits < MAX_DIGITS and share != 0 and _percent(share, digits) == 0:
        digits += 1
    return fmt_percent(share, lang, digits)


def glossary(lang: str | None) -> str:
    """The definition of a point of weight, in one sentence."""
    return t("verdict.glossary", lang)


@dataclass(frozen=True)
class WeightMove:
    """One criterion's weight moved alone (the others in proportion), printed consistently.

    ``points`` is the move in points of weight as printed: the difference of the printed
    ``weight_text`` and ``current_text`` (``digits`` decimals), always positive.
    """

    current: float
    weight: float
    digits: int
    current_text: str
    weight_text: str
    points: float
    points_text: str

    @property
    def up(self) -> bool:
        """True when the weight rises."""
        return self.weight > self.current


def weight_move(
    current: float,
    weight: float,
    lang: str | None,
    limits: Sequence[float] = (TOSS_UP_WEIGHT_GAP, ROBUST_WEIGHT_GAP),
) -> WeightMove:
    """Print a move of one weight from ``current`` to ``weight`` (shares of 1).

    The weights are printed to 0.1 %, or more decimals when needed for the two to differ
    and for the printed move to compare with each of ``limits`` as the exact move does.
    """
    gap = abs(weight - current)
    digits = 1
    for digits in range(1, MAX_DIGITS + 1):
        a, b = _percent(current, digits), _percent(weight, digits)
        moved = abs(b - a)
        if a != b and all((moved < _percent(lim, digits)) == (gap < lim) for lim in limits):
            break
    a, b = _percent(current, digits), _percent(weight, digits)
    points = float(abs(b - a))
    return WeightMove(
        current=float(current),
        weight=float(weight),
        digits=digits,
        current_text=fmt_percent(float(a) / 100, lang, digits),
        weight_text=fmt_percent(float(b) / 100, lang, digits),
        points=points,
        points_text=points_text(points, lang, digits),
    )


def share_digits(first: float, rival: float | None) -> int:
    """Decimals for the printed shares so every threshold compares as with the exact ones.

    Checked: the winner's share against 50 % and 70 %, and the winner's lead over the
    rival (printed as the difference of the two printed shares) against 10 points.
    """
    for digits in range(MAX_DIGITS + 1):
        f = _percent(first, digits)
        ok = all(
            (f < _percent(lim, digits)) == (first < lim)
            for lim in (TOSS_UP_FIRST_SHARE, ROBUST_FIRST_SHARE)
        )
        if rival is not None:
            lead = f - _percent(rival, digits)
            gap_limit = _percent(TOSS_UP_SHARE_GAP, digits)
            ok = ok and (lead < gap_limit) == (first - rival < TOSS_UP_SHARE_GAP)
            ok = ok and (lead > 0) == (first > rival) and (lead == 0) == (first == rival)
        if ok:
            return digits
    return MAX_DIGITS


def _join(parts: list[str], lang: str | None) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    head = t("verdict.join.sep", lang).join(parts[:-1])
    return head + t("verdict.join.last", lang) + parts[-1]


def verdict_sentence(
    verdict: Verdict,
    *,
    first: float | None,
    rival: float | None,
    rival_name: str | None,
    nearest: WeightMove | None,
    nearest_name: str | None,
    lang: str | None,
    weights_known: bool = True,
) -> str:
    """The verdict and the reasons for it that hold, each with its number.

    Parameters
    ----------
    verdict
        From :func:`robustness_verdict` on the same numbers.
    first, rival
        First-rank shares of the winner and of the most frequent challenger (``None``
        when not simulated).
    rival_name
        Display name of that challenger.
    nearest, nearest_name
        The nearest change of winner by one weight (``None``: no single weight changes
        it), and the display name of its criterion.
    lang
        ``"fr"`` or ``"en"``.
    weights_known
        False when no weight was swept: then only a move that is known to change the
        winner (``nearest``, closer than the threshold) is said, never that none does.
    """
    reasons: list[str] = []
    digits = share_digits(first, rival) if first is not None else 0

    def pct(x: float) -> str:
        return fmt_percent(x, lang, digits)

    def limit_pct(x: float) -> str:
        return fmt_percent(x, lang, 0)

    def reason(key: str, **params: object) -> None:
        reasons.append(t(f"verdict.reason.{key}", lang, **params))

    share_limit = TOSS_UP_FIRST_SHARE if verdict == "toss_up" else ROBUST_FIRST_SHARE
    weight_limit = TOSS_UP_WEIGHT_GAP if verdict == "toss_up" else ROBUST_WEIGHT_GAP
    gap = math.inf if nearest is None else abs(nearest.weight - nearest.current)
    if first is not None:
        if first < share_limit:
            reason("share_below", share=pct(first), limit=limit_pct(share_limit))
        elif verdict == "robust":
            reason("share_at_least", share=pct(first), limit=limit_pct(share_limit))
        other = rival if rival is not None else 0.0
        if verdict == "toss_up" and first - other < TOSS_UP_SHARE_GAP and rival_name:
            lead = _percent(first, digits) - _percent(other, digits)
            if lead > 0:
                reason(
                    "rival_close",
                    rival=rival_name,
                    rival_share=pct(other),
                    points=points_text(float(lead), lang, digits),
                    limit=points_text(100 * TOSS_UP_SHARE_GAP, lang, 0),
                )
            elif lead == 0:
                reason("rival_level", rival=rival_name, share=pct(first))
            else:
                reason("rival_ahead", rival=rival_name, rival_share=pct(other), share=pct(first))
    weight_limit_text = points_text(100 * weight_limit, lang, 0)
    if nearest is not None and gap < weight_limit:
        reason(
            "weight_close",
            criterion=nearest_name,
            points=nearest.points_text,
            limit=weight_limit_text,
        )
    elif verdict == "robust" and nearest is not None and weights_known:
        reason(
            "weight_far",
            criterion=nearest_name,
            points=nearest.points_text,
            limit=weight_limit_text,
        )
    elif verdict == "robust" and weights_known:
        reason("weight_none")
    return t(f"verdict.head.{verdict}", lang, reasons=_join(reasons, lang))


def share_printer(
    first: float | None, rival: float | None, lang: str | None
) -> Callable[[float], str]:
    """The formatter of first-rank shares used by every sentence of one summary."""
    digits = share_digits(first, rival) if first is not None else 0
    return lambda x: fmt_percent(x, lang, digits)


def current_weights_of(
    what: WhatItTakes, crossovers: pd.DataFrame | None, stability: pd.DataFrame | None
) -> dict[str, float]:
    """The current weight of each criterion, from whichever table carries it."""
    if what.current_weights is not None:
        return {str(k): float(v) for k, v in what.current_weights.items()}
    out: dict[str, float] = {}
    if stability is not None and len(stability):
        out.update({str(k): float(v) for k, v in stability["current_weight"].items()})
    if crossovers is not None and len(crossovers):
        for rec in crossovers.to_dict("records"):
            out.setdefault(str(rec["criterion"]), float(rec["current_weight"]))
    return out


def weight_move_sentence(
    what: WhatItTakes,
    challenger: str,
    labels: Mapping[str, str] | None = None,
    lang: str | None = None,
    current_weights: Mapping[str, float] | None = None,
) -> str:
    """What the weights alone must do for ``challenger`` to come first, in points of weight.

    One criterion's weight moved alone, the others in proportion (``single_criterion`` and
    ``single_weight`` of :func:`~erp_select.sensitivity.what_it_takes.what_it_takes`):
    the same definition of a point of weight as the crossovers and the verdict. The app's
    what-it-takes tab and the summary print this same sentence.

    Parameters
    ----------
    what
        Result of :func:`~erp_select.sensitivity.what_it_takes.what_it_takes` covering
        ``challenger``.
    challenger
        Vendor id.
    labels
        Display names by id.
    lang
        ``"fr"`` or ``"en"``.
    current_weights
        Current weight by criterion, when ``what`` does not carry them.

    Returns
    -------
    str
    """
    names = dict(labels or {})
    sentence = weight_sentence(
        what, challenger, lambda x: names.get(str(x), str(x)), lang, {}, current_weights
    )
    return sentence or ""


def weight_sentence(
    what: WhatItTakes,
    challenger: str,
    name: Any,
    lang: str | None,
    facts: dict[str, Any],
    current_weights: Mapping[str, float] | None,
) -> str | None:
    """The weight sentence, or ``None`` when the summary already said the same move."""
    weights = what.weight_changes
    row: dict[str, Any] = {str(k): v for k, v in weights.loc[challenger].items()}
    if not bool(row["possible"]):
        return t("sensitivity.summary.weight_impossible", lang, challenger=name(challenger))
    crit = row.get("single_criterion")
    target = float(row.get("single_weight", math.nan))
    if crit is None or (isinstance(crit, float) and math.isnan(crit)) or not math.isfinite(target):
        return t("verdict.weight_several", lang, challenger=name(challenger))
    crit = str(crit)
    known = dict(current_weights or {})
    if what.current_weights is not None:
        known.update({str(k): float(v) for k, v in what.current_weights.items()})
    params = {"challenger": name(challenger), "criterion": name(crit)}
    if crit not in known:
        return t("verdict.weight_to", lang, weight=fmt_percent(target, lang, 1), **params)
    move = weight_move(known[crit], target, lang)
    same = (
        facts.get("nearest_criterion") == crit
        and facts.get("nearest_after") == challenger
        and facts.get("nearest_points") == move.points
        and (facts["nearest_weight"] > facts["nearest_current"]) == move.up
    )
    facts.update(
        challenger_weight_criterion=crit,
        challenger_weight=target,
        challenger_points=move.points,
    )
    if same:  # the summary has just said this very move (the nearest change of winner)
        return None
    return t(
        "verdict.weight_raise" if move.up else "verdict.weight_lower",
        lang,
        current=move.current_text,
        weight=move.weight_text,
        points=move.points_text,
        **params,
    )
