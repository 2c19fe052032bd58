"""The smallest single-weight move that changes the winner, for the robustness summary."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from erp_select.sensitivity.what_it_takes import WhatItTakes


def nearest_crossover(
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


def closer_move(
    nearest: dict[str, Any] | None, what: WhatItTakes, current: Mapping[str, float]
) -> dict[str, Any] | None:
    """``nearest``, or a challenger's single-weight move of ``what`` when it is closer."""
    best = nearest
    for challenger, row in what.weight_changes.iterrows():
        crit, value = row.get("single_criterion"), row.get("single_weight")
        if not isinstance(crit, str) or crit not in current or value is None:
            continue
        target = float(value)
        gap = abs(target - current[crit])
        if not math.isfinite(gap) or (best is not None and gap >= best["gap"] - 1e-12):
            continue
        best = {
            "criterion": crit,
            "weight": target,
            "current": current[crit],
            "after": str(challenger),
            "up": target > current[crit],
            "gap": gap,
        }
    return best
