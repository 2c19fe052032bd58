"""Plain-language robustness summary (fr/en) and verdict from the sensitivity results."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from erp_select.errors import InputError, Problem
from erp_select.evaluate.adjustments import Cell, reasons, value_text
from erp_select.i18n import fmt_money, fmt_number, fmt_percent, normalise_lang, t
from erp_select.sensitivity.smaa import SmaaResult
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

_MONEY_UNITS = {"eur", "€", "euro", "euros"}


@dataclass(frozen=True)
class Summary:
    """The robustness summary: verdict, sentences in one language, and the numbers used.

    ``facts`` holds the raw numbers behind the sentences (shares, weights, values), so a
    report or a test can check them against the tables they come from.
    """

    lang: str
    winner: str
    verdict: Verdict
    sentences: list[str]
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """All sentences as one paragraph."""
        return " ".join(self.sentences)


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


def format_value(value: float, unit: str | None, lang: str | None) -> str:
    """A criterion value with its unit: money as money, others as a number and the unit."""
    if unit and unit.strip().lower() in _MONEY_UNITS:
        return fmt_money(value, lang)
    digits = 0 if float(value).is_integer() or abs(value) >= 1000 else 1
    text = fmt_number(value, lang, digits)
    if unit and unit.strip() == "%":
        return f"{text} %" if normalise_lang(lang) == "fr" else f"{text}%"
    return f"{text} {unit}" if unit else text


def _pair_percent(a: float, b: float, lang: str | None) -> tuple[str, str]:
    """Two weights as percentages, with a decimal when whole percents would look equal."""
    for digits in (0, 1, 2):
        pa, pb = fmt_percent(a, lang, digits), fmt_percent(b, lang, digits)
        if pa != pb:
            return pa, pb
    return fmt_percent(a, lang, 2), fmt_percent(b, lang, 2)


def _nearest_crossover(
    winner: str, crossovers: pd.DataFrame | None, stability: pd.DataFrame | None
) -> dict[str, Any] | None:
    """The change of winner closest to the current weights (one criterion moved alone)."""
    best: dict[str, Any] | None = None
    if crossovers is not None and len(crossovers):
        for rec in crossovers.to_dict("records"):
            weight, current = float(rec["weight"]), float(rec["current_weight"])
            up = weight > current
            if (up and rec["winner_before"] != winner) or (
                not up and rec["winner_after"] != winner
            ):
                continue
            gap = abs(weight - current)
            if best is None or gap < best["gap"]:
                best = {
                    "criterion": rec["criterion"],
                    "weight": weight,
                    "current": current,
                    "after": rec["winner_after"] if up else rec["winner_before"],
                    "up": up,
                    "gap": gap,
                }
        return best
    if stability is not None and len(stability):
        for crit, row in stability.iterrows():
            for bound, up in ((row["winner_high"], True), (row["winner_low"], False)):
                if (up and bound >= 1.0) or (not up and bound <= 0.0):
                    continue
                gap = abs(bound - row["current_weight"])
                if best is None or gap < best["gap"]:
                    best = {
                        "criterion": crit,
                        "weight": float(bound),
                        "current": float(row["current_weight"]),
                        "after": None,
                        "up": up,
                        "gap": float(gap),
                    }
    return best


def robustness_summary(
    *,
    winner: str | None = None,
    smaa: SmaaResult | pd.DataFrame | None = None,
    crossovers: pd.DataFrame | None = None,
    stability: pd.DataFrame | None = None,
    what: WhatItTakes | None = None,
    labels: Mapping[str, str] | None = None,
    units: Mapping[str, str | None] | None = None,
    real_values: Mapping[tuple[str, str], float] | None = None,
    adjusted: Mapping[tuple[str, str], Cell] | None = None,
    lang: str | None = None,
) -> Summary:
    """Write the robustness summary of a ranking in French or English.

    Parameters
    ----------
    winner
        Id of the current winner (default: from ``what``, ``stability``, or the SMAA).
    smaa
        :class:`~erp_select.sensitivity.smaa.SmaaResult` or its acceptability table.
    crossovers
        Table of :func:`erp_select.sensitivity.curves.weight_crossovers`.
    stability
        Table of :func:`erp_select.sensitivity.stability.stability_intervals` (used for the
        nearest change of winner when ``crossovers`` is not given).
    what
        Result of :func:`erp_select.sensitivity.what_it_takes.what_it_takes`.
    labels
        Display names of vendors and criteria by id (ids are shown otherwise).
    units
        Unit of each criterion by id (``"EUR"`` is written as money).
    real_values
        The real value of each ``(vendor, criterion)`` cell whose ranked value was
        replaced by a penalty (a 5-year cost flagged as suspiciously low). A sentence
        about that cell quotes the real value, says it is flagged, and gives the
        penalised value only as what the ranking uses.
    adjusted
        The performance cells whose ranked value differs from the raw figure, by
        ``(vendor, criterion)`` (see :meth:`erp_select.pipeline.Analysis.marked`). A
        sentence about such a cell quotes both figures and the reason, in the words of
        :func:`erp_select.evaluate.adjustments.describe`; it takes precedence over
        ``real_values``.
    lang
        ``"fr"`` or ``"en"``.

    Returns
    -------
    Summary
        Verdict, sentences and the numbers behind them.
    """
    if smaa is None and crossovers is None and stability is None:
        raise InputError([Problem(rule="sensitivity.summary_nothing")])
    names = dict(labels or {})
    unit_of = dict(units or {})

    def name(x: Any) -> str:
        return names.get(str(x), str(x))

    table = smaa.acceptability if isinstance(smaa, SmaaResult) else smaa
    if winner is None:
        if what is not None:
            winner = what.winner
        elif stability is not None and len(stability):
            winner = str(stability["winner"].iloc[0])
        elif table is not None:
            winner = str(table[1].idxmax())
        else:
            winner = (
                str(crossovers.iloc[0]["winner_before"])
                if crossovers is not None and len(crossovers)
                else ""
            )
    sentences: list[str] = []
    facts: dict[str, Any] = {"winner": winner}
    first_share: float | None = None
    rival_share: float | None = None
    if table is not None:
        shares = table[1]
        first_share = float(shares.get(winner, 0.0))
        others = shares.drop(index=winner, errors="ignore")
        rival = str(others.idxmax()) if len(others) else None
        rival_share = float(others.max()) if len(others) else 0.0
        facts.update(first_share=first_share, runner_up=rival, runner_up_share=rival_share)
        sentences.append(
            t(
                "sensitivity.summary.smaa_first",
                lang,
                winner=name(winner),
                share=fmt_percent(first_share, lang),
            )
        )
        if rival is not None and rival_share > first_share:
            sentences.append(
                t(
                    "sensitivity.summary.smaa_other_winner",
                    lang,
                    other=name(rival),
                    share=fmt_percent(rival_share, lang),
                    winner=name(winner),
                )
            )
        elif rival is not None and rival_share > 0:
            sentences.append(
                t(
                    "sensitivity.summary.smaa_runner_up",
                    lang,
                    runner_up=name(rival),
                    share=fmt_percent(rival_share, lang),
                )
            )
    nearest = _nearest_crossover(winner, crossovers, stability)
    if crossovers is not None or stability is not None:
        if nearest is None:
            sentences.append(t("sensitivity.summary.stays_whatever", lang))
            facts["nearest_gap"] = math.inf
        else:
            weight_text, current_text = _pair_percent(nearest["weight"], nearest["current"], lang)
            key = "stays_unless_above" if nearest["up"] else "stays_unless_below"
            sentence = t(
                f"sensitivity.summary.{key}",
                lang,
                winner=name(winner),
                criterion=name(nearest["criterion"]),
                weight=weight_text,
                current=current_text,
                after=name(nearest["after"]) if nearest["after"] is not None else "?",
            )
            if nearest["after"] is None:
                sentence = sentence.split(";")[0].rstrip() + "."
            sentences.append(sentence)
            facts.update(
                nearest_criterion=nearest["criterion"],
                nearest_weight=nearest["weight"],
                nearest_current=nearest["current"],
                nearest_after=nearest["after"],
                nearest_gap=nearest["gap"],
            )
    if what is not None:
        sentences.extend(
            _what_sentences(
                what, winner, name, unit_of, lang, facts, dict(real_values or {}), adjusted
            )
        )
    verdict = robustness_verdict(first_share, rival_share, facts.get("nearest_gap"))
    facts["verdict"] = verdict
    sentences.append(
        t(
            f"sensitivity.summary.verdict.{verdict}",
            lang,
            robust_share=fmt_percent(ROBUST_FIRST_SHARE, lang),
            robust_gap=fmt_number(100 * ROBUST_WEIGHT_GAP, lang, 0),
            toss_share=fmt_percent(TOSS_UP_FIRST_SHARE, lang),
            toss_gap=fmt_number(100 * TOSS_UP_SHARE_GAP, lang, 0),
            toss_weight=fmt_number(100 * TOSS_UP_WEIGHT_GAP, lang, 0),
        )
    )
    return Summary(
        lang=lang or "en", winner=winner, verdict=verdict, sentences=sentences, facts=facts
    )


def _what_sentences(
    what: WhatItTakes,
    winner: str,
    name: Any,
    units: Mapping[str, str | None],
    lang: str | None,
    facts: dict[str, Any],
    real_values: Mapping[tuple[str, str], float] | None = None,
    adjusted: Mapping[tuple[str, str], Cell] | None = None,
) -> list[str]:
    """Sentences on the closest challenger: one value change, then a weight change."""
    out: list[str] = []
    best = what.best_value_changes
    if len(best) == 0:
        out.append(t("sensitivity.summary.value_impossible", lang, winner=name(winner)))
    else:
        challenger = str(best["change_of_range"].idxmin())
        row: dict[str, Any] = {str(k): v for k, v in best.loc[challenger].items()}
        crit = str(row["criterion"])
        unit = units.get(crit)
        params = {
            "challenger": name(challenger),
            "criterion": name(crit),
            "winner": name(winner),
            "required": format_value(float(row["required"]), unit, lang),
            "current": format_value(float(row["current"]), unit, lang),
        }
        pct = float(row["change_pct"])
        real = (real_values or {}).get((challenger, crit))
        cell = (adjusted or {}).get((challenger, crit))
        if cell is not None and cell.adjusted:
            facts["challenger_real"] = cell.raw
            key = "cells.summary_value" if cell.raw is not None else "cells.summary_value_missing"
            raw = value_text(cell.raw, cell.unit, lang) if cell.raw is not None else "—"
            out.append(t(key, lang, raw=raw, reasons=reasons(cell, lang), **params))
        elif real is not None:
            facts["challenger_real"] = float(real)
            out.append(
                t(
                    "sensitivity.summary.value_flagged",
                    lang,
                    real=format_value(float(real), unit, lang),
                    **params,
                )
            )
        elif math.isfinite(pct):
            key = "value_lower" if row["change"] < 0 else "value_higher"
            out.append(
                t(f"sensitivity.summary.{key}", lang, pct=fmt_percent(abs(pct), lang), **params)
            )
        else:
            out.append(t("sensitivity.summary.value_absolute", lang, **params))
        facts.update(
            challenger=challenger,
            challenger_criterion=crit,
            challenger_required=float(row["required"]),
            challenger_current=float(row["current"]),
            challenger_change_pct=pct,
        )
        weights = what.weight_changes
        if challenger in weights.index:
            wrow: dict[str, Any] = {str(k): v for k, v in weights.loc[challenger].items()}
            if bool(wrow["possible"]):
                points = 50 * float(wrow["l1"])  # weight moved = half the L1 distance
                facts["challenger_weight_moved"] = float(wrow["l1"]) / 2
                out.append(
                    t(
                        "sensitivity.summary.weight_change",
                        lang,
                        challenger=name(challenger),
                        points=fmt_number(points, lang, 1),
                    )
                )
            else:
                out.append(
                    t("sensitivity.summary.weight_impossible", lang, challenger=name(challenger))
                )
    return out
