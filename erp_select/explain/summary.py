"""Plain-language robustness summary (fr/en) and verdict from the sensitivity results."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from erp_select.errors import InputError, Problem
from erp_select.evaluate.adjustments import Cell, reasons, value_text
from erp_select.explain.nearest_move import closer_move, nearest_crossover
from erp_select.explain.verdict import (
    ROBUST_FIRST_SHARE,
    ROBUST_WEIGHT_GAP,
    TOSS_UP_FIRST_SHARE,
    TOSS_UP_SHARE_GAP,
    TOSS_UP_WEIGHT_GAP,
    Verdict,
    WeightMove,
    change_percent,
    current_weights_of,
    glossary,
    robustness_verdict,
    share_printer,
    verdict_sentence,
    weight_move,
    weight_move_sentence,
    weight_sentence,
)
from erp_select.i18n import fmt_money, fmt_number, normalise_lang, t
from erp_select.sensitivity.smaa import SmaaResult
from erp_select.sensitivity.what_it_takes import WhatItTakes

__all__ = [
    "ROBUST_FIRST_SHARE",
    "ROBUST_WEIGHT_GAP",
    "TOSS_UP_FIRST_SHARE",
    "TOSS_UP_SHARE_GAP",
    "TOSS_UP_WEIGHT_GAP",
    "Summary",
    "Verdict",
    "format_value",
    "robustness_summary",
    "robustness_verdict",
    "weight_move_sentence",
]

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


def format_value(value: float, unit: str | None, lang: str | None) -> str:
    """A criterion value with its unit: money as money, others as a number and the unit."""
    if unit and unit.strip().lower() in _MONEY_UNITS:
        return fmt_money(value, lang)
    digits = 0 if float(value).is_integer() or abs(value) >= 1000 else 1
    text = fmt_number(value, lang, digits)
    if unit and unit.strip() == "%":
        return f"{text} %" if normalise_lang(lang) == "fr" else f"{text}%"
    return f"{text} {unit}" if unit else text


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
    rival: str | None = None
    if table is not None:
        shares = table[1]
        first_share = float(shares.get(winner, 0.0))
        others = shares.drop(index=winner, errors="ignore")
        rival = str(others.idxmax()) if len(others) else None
        rival_share = float(others.max()) if len(others) else 0.0
        facts.update(first_share=first_share, runner_up=rival, runner_up_share=rival_share)
    # One precision for every share of this summary, so each comparison reads true.
    share = share_printer(first_share, rival_share if rival is not None else None, lang)
    if first_share is not None and rival_share is not None:
        sentences.append(
            t("sensitivity.summary.smaa_first", lang, winner=name(winner), share=share(first_share))
        )
        if rival is not None and rival_share > first_share:
            sentences.append(
                t(
                    "sensitivity.summary.smaa_other_winner",
                    lang,
                    other=name(rival),
                    share=share(rival_share),
                    winner=name(winner),
                )
            )
        elif rival is not None and rival_share > 0:
            sentences.append(
                t(
                    "sensitivity.summary.smaa_runner_up",
                    lang,
                    runner_up=name(rival),
                    share=share(rival_share),
                )
            )
    nearest = nearest_crossover(winner, crossovers, stability)
    if what is not None and (crossovers is not None or stability is not None):
        # A challenger's own single-weight move is a change of winner too: the nearest
        # change said first can never be farther than a move said further on.
        nearest = closer_move(nearest, what, current_weights_of(what, crossovers, stability))
    move: WeightMove | None = None
    explained = False  # the definition of a point of weight is given after its first use
    if crossovers is not None or stability is not None:
        if nearest is None:
            sentences.append(t("sensitivity.summary.stays_whatever", lang))
            facts["nearest_gap"] = math.inf
        else:
            move = weight_move(nearest["current"], nearest["weight"], lang)
            key = "stays_unless_above" if move.up else "stays_unless_below"
            if nearest["after"] is None:
                key += "_unnamed"
            sentences.append(
                t(
                    f"verdict.{key}",
                    lang,
                    winner=name(winner),
                    criterion=name(nearest["criterion"]),
                    weight=move.weight_text,
                    current=move.current_text,
                    points=move.points_text,
                    after=name(nearest["after"]) if nearest["after"] is not None else "",
                )
            )
            sentences.append(glossary(lang))
            explained = True
            facts.update(
                nearest_criterion=nearest["criterion"],
                nearest_weight=nearest["weight"],
                nearest_current=nearest["current"],
                nearest_after=nearest["after"],
                nearest_gap=nearest["gap"],
                nearest_points=move.points,
            )
    current: dict[str, float] = {}
    if what is not None:
        current = current_weights_of(what, crossovers, stability)
        extra = _what_sentences(
            what, winner, name, unit_of, lang, facts, dict(real_values or {}), current, adjusted
        )
        sentences.extend(extra)
        if not explained and "challenger_points" in facts:
            sentences.append(glossary(lang))
            explained = True
    weights_known = crossovers is not None or stability is not None
    if not weights_known and "challenger_points" in facts:
        # No sweep given: the one weight move known is the challenger's, just said.
        crit = facts["challenger_weight_criterion"]
        start = current[crit]
        move = weight_move(start, facts["challenger_weight"], lang)
        nearest = {"criterion": crit}
        facts["nearest_gap"] = abs(facts["challenger_weight"] - start)
    verdict = robustness_verdict(first_share, rival_share, facts.get("nearest_gap"))
    facts["verdict"] = verdict
    sentences.append(
        verdict_sentence(
            verdict,
            first=first_share,
            rival=rival_share if rival is not None else None,
            rival_name=name(rival) if rival is not None else None,
            nearest=move,
            nearest_name=name(nearest["criterion"]) if nearest is not None else None,
            lang=lang,
            weights_known=weights_known,
        )
    )
    if not explained and move is not None:
        sentences.append(glossary(lang))
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
    current_weights: Mapping[str, float] | None = None,
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
                t(f"sensitivity.summary.{key}", lang, pct=change_percent(abs(pct), lang), **params)
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
        if challenger in what.weight_changes.index:
            said = weight_sentence(what, challenger, name, lang, facts, current_weights)
            if said is not None:
                out.append(said)
    return out
