"""Fill the missing values of one criterion column by the criterion's rule, saying how.

The rules (``Criterion.missing``, default ``worst``):

- ``refuse``: the project is refused with a located problem naming vendor, criterion and
  the missing facts.
- ``worst``: a 0–100 score counts the missing fact as absent, i.e. the bottom of the scale
  (a checklist counts each missing item as absent); a quantity in its own unit (a raw
  fact, the TCO, the reviews' rating) takes the worst value observed among the vendors
  that have it (0 when none has).
- ``neutral``: the median of the values of the vendors that have it, so the gap neither
  helps nor hurts against the vendors compared (the median, not the mean, so that one
  outlier does not set it; not the middle of the scale, which says nothing about the
  market and does not exist for euros or months). Two cases differ: a checklist counts
  each missing item as the majority of the vendors that state that fact do (the median of
  their yes/no; half on a tie), keeping the items the vendor does state; the reviews'
  rating takes the prior mean, the value its Bayesian average gives with no review. With
  no vendor having the value, a score counts 50 (the middle of its scale), a quantity 0.
- ``exclude``: the vendor is excluded at screening; its cell holds the worst value so the
  table stays whole.

A filled cell has no range (low = high = the value).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from erp_select.errors import Problem
from erp_select.evaluate.adjustments import Adjustment, Basis
from erp_select.evaluate.value_functions import Valued
from erp_select.model import ChecklistValue, Criterion, ReviewsValue, VendorProfile
from erp_select.model.criteria import SCORE_KINDS
from erp_select.model.fact_names import fact_names

#: Middle of a 0–100 score, the neutral value when no vendor has one.
SCALE_MIDDLE = 50.0


@dataclass(frozen=True)
class Gap:
    """The facts a cell lacks; ``partial`` when the cell still rests on some of its facts."""

    facts: tuple[str, ...]
    partial: bool = False


def checklist_gap(spec: ChecklistValue, cell: Valued) -> Gap | None:
    """The gap of a checklist cell (partial when some of its facts are stated)."""
    if not cell.missing:
        return None
    every = {i.fact for i in spec.items}
    return Gap(cell.missing, partial=len(set(cell.missing)) < len(every))


def _majority(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else SCALE_MIDDLE / 100


def _item_credits(spec: ChecklistValue, vendors: Sequence[VendorProfile]) -> list[float]:
    """Per item, the median presence (0, ½ or 1) among the vendors that state its fact."""
    credits: list[float] = []
    for item in spec.items:
        seen: list[float] = []
        for vendor in vendors:
            raw = vendor.lookup(item.fact)
            if raw is None:
                continue
            if item.item is None:
                seen.append(1.0 if raw is True else 0.0)
            else:
                listed = isinstance(raw, list) and item.item.lower() in {
                    str(x).lower() for x in raw
                }
                seen.append(1.0 if listed else 0.0)
        credits.append(_majority(seen))
    return credits


def _checklist_neutral(
    spec: ChecklistValue, vendor: VendorProfile, cell: Valued, credits: list[float]
) -> float:
    total = sum(i.weight for i in spec.items)
    extra = sum(
        item.weight * credit
        for item, credit in zip(spec.items, credits, strict=True)
        if vendor.lookup(item.fact) is None
    )
    return min(100.0, cell.value + 100.0 * extra / total)


def fill_column(
    leaf: Criterion,
    j: int,
    vendors: Sequence[VendorProfile],
    cells: Sequence[Valued | None],
    gaps: Sequence[Gap | None],
    values: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    adjustments: list[list[list[Adjustment]]],
) -> list[Problem]:
    """Fill column ``j`` where ``gaps`` has a gap, by ``leaf``'s rule.

    ``values``, ``low`` and ``high`` hold the cells' computed values (NaN where none);
    known cells (no gap) are left as they are. Each filled cell gets a ``missing``
    :class:`Adjustment`.

    Returns
    -------
    list of Problem
        One per refused cell (rule ``refuse``); empty otherwise.
    """
    rule = leaf.missing_rule
    spec = leaf.value
    assert spec is not None
    kind = spec.kind
    rows = [i for i, g in enumerate(gaps) if g is not None]
    if not rows:
        return []
    if rule == "refuse":
        return [_refusal(leaf, vendors[i], gaps[i]) for i in rows]  # type: ignore[arg-type]
    known = [float(values[i, j]) for i, g in enumerate(gaps) if g is None]
    is_score = kind in SCORE_KINDS
    credits = (
        _item_credits(spec, vendors)
        if isinstance(spec, ChecklistValue) and rule == "neutral"
        else []
    )
    for i in rows:
        gap = gaps[i]
        assert gap is not None
        cell = cells[i]
        value, basis = _filled(leaf, rule, known, cell, is_score)
        if rule == "neutral" and isinstance(spec, ChecklistValue) and cell is not None:
            value, basis = _checklist_neutral(spec, vendors[i], cell, credits), "items"
        if rule == "neutral" and isinstance(spec, ReviewsValue):
            value, basis = spec.prior_mean, "prior"
        values[i, j] = low[i, j] = high[i, j] = value
        if rule == "neutral" and basis == "items" and cell is not None:
            # The stated items keep their evidence range; the filled share has none.
            low[i, j] = cell.low + (value - cell.value)
            high[i, j] = min(100.0, cell.high + (value - cell.value))
        adjustments[i][j].append(
            Adjustment(
                "missing",
                after=float(value),
                before=None,
                params={
                    "rule": rule,
                    "basis": basis,
                    "facts": gap.facts,
                    "partial": gap.partial,
                    "label": leaf.label,
                },
            )
        )
    return []


def _filled(
    leaf: Criterion, rule: str, known: list[float], cell: Valued | None, is_score: bool
) -> tuple[float, Basis]:
    """The value and its basis for one missing cell (rules worst, exclude, neutral)."""
    if rule == "neutral":
        if known:
            return float(statistics.median(known)), "median"
        return (SCALE_MIDDLE, "middle") if is_score else (0.0, "none")
    if is_score and cell is not None:
        partial_checklist = isinstance(leaf.value, ChecklistValue) and cell.value > 0
        return cell.value, "absent" if partial_checklist else "scale"
    if known:
        worst = max(known) if leaf.direction == "cost" else min(known)
        return float(worst), "observed"
    return 0.0, "none"


def _refusal(leaf: Criterion, vendor: VendorProfile, gap: Gap) -> Problem:
    facts = ", ".join(gap.facts)
    return Problem(
        rule="cells.refused",
        source=vendor.name,
        field=facts,
        params={
            "vendor": vendor.name,
            "criterion_fr": leaf.label.fr,
            "criterion_en": leaf.label.en,
            "facts_fr": fact_names(gap.facts, "fr", leaf.label),
            "facts_en": fact_names(gap.facts, "en", leaf.label),
        },
    )


__all__ = ["SCALE_MIDDLE", "Gap", "checklist_gap", "fill_column"]
