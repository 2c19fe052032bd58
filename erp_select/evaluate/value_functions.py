"""Score one vendor on one leaf criterion from its facts, with the range the facts allow."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from erp_select.evaluate.evidence import fact_span, level_of, widen_score
from erp_select.model import (
    BooleanValue,
    ChecklistValue,
    EvidenceWidths,
    FactValue,
    LinearValue,
    PiecewiseValue,
    ScaleValue,
    VendorProfile,
)


@dataclass(frozen=True)
class Valued:
    """A criterion value with its range.

    ``missing`` names the facts that were absent; ``evidence`` lists the evidence levels
    of the facts the value rests on (``unstated`` for a fact without one).
    """

    value: float
    low: float
    high: float
    missing: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()


def _span(
    vendor: VendorProfile, fact_id: str, widths: EvidenceWidths | None = None
) -> tuple[float, float, float] | None:
    fact = vendor.facts.get(fact_id)
    if fact is None:
        return None
    return fact_span(fact, widths)


def _levels(vendor: VendorProfile, *fact_ids: str) -> tuple[str, ...]:
    return tuple(
        level_of(vendor.facts[f].evidence) for f in dict.fromkeys(fact_ids) if f in vendor.facts
    )


def _width(vendor: VendorProfile, fact_id: str, widths: EvidenceWidths | None) -> float:
    fact = vendor.facts.get(fact_id)
    return 0.0 if widths is None or fact is None else widths.of(fact.evidence)


def _monotone(func: object, span: tuple[float, float, float], levels: tuple[str, ...]) -> Valued:
    f = func  # a callable float -> float, monotone on the span
    assert callable(f)
    a, v, b = (float(f(x)) for x in span)
    return Valued(v, min(a, b, v), max(a, b, v), evidence=levels)


def fact_value(
    spec: FactValue, vendor: VendorProfile, widths: EvidenceWidths | None = None
) -> Valued | None:
    """The raw number (``None`` when the vendor lacks it), widened by its evidence."""
    span = _span(vendor, spec.fact, widths)
    if span is None:
        return None
    return Valued(span[1], span[0], span[2], evidence=_levels(vendor, spec.fact))


def linear_value(
    spec: LinearValue, vendor: VendorProfile, widths: EvidenceWidths | None = None
) -> Valued:
    """0 at ``worst``, 100 at ``best``, clipped; a missing fact scores 0."""
    span = _span(vendor, spec.fact, widths)
    if span is None:
        return Valued(0.0, 0.0, 0.0, (spec.fact,))

    def f(x: float) -> float:
        return float(np.clip(100.0 * (x - spec.worst) / (spec.best - spec.worst), 0.0, 100.0))

    return _monotone(f, span, _levels(vendor, spec.fact))


def piecewise_value(
    spec: PiecewiseValue, vendor: VendorProfile, widths: EvidenceWidths | None = None
) -> Valued:
    """Interpolate between the points (clipped at both ends); a missing fact scores 0."""
    span = _span(vendor, spec.fact, widths)
    if span is None:
        return Valued(0.0, 0.0, 0.0, (spec.fact,))
    xs = [p[0] for p in spec.points]
    ys = [p[1] for p in spec.points]
    values = [float(np.interp(x, xs, ys)) for x in span]
    # Piecewise functions need not be monotone: the range is the extreme over [low, high].
    inner = [y for x, y in spec.points if span[0] <= x <= span[2]]
    return Valued(
        values[1],
        min([*values, *inner]),
        max([*values, *inner]),
        evidence=_levels(vendor, spec.fact),
    )


def scale_value(
    spec: ScaleValue, vendor: VendorProfile, widths: EvidenceWidths | None = None
) -> Valued:
    """Look the fact's label up in the levels (case-insensitive); unknown or missing scores 0.

    A fact with a range of levels (« standard », from « basique » to « avancé ») takes the
    scores of its low and high levels as its range, as a number's low/high do: (min, max)
    of the three levels' scores; a bound the scale does not score leaves the range to the
    evidence. Otherwise the score is widened by the fact's evidence: score × (1 ∓ w),
    clipped to 0–100.
    """
    raw = vendor.lookup(spec.fact)
    levels = {k.lower(): v for k, v in spec.levels.items()}
    if isinstance(raw, str) and raw.lower() in levels:
        score = levels[raw.lower()]
        fact = vendor.facts.get(spec.fact)
        bounds = fact.level_range if fact is not None else None
        if bounds is not None and all(b.lower() in levels for b in bounds):
            scores = [levels[b.lower()] for b in bounds]
            low, high = min(score, *scores), max(score, *scores)
        else:
            low, high = widen_score(score, _width(vendor, spec.fact, widths))
        return Valued(score, low, high, evidence=_levels(vendor, spec.fact))
    return Valued(0.0, 0.0, 0.0, (spec.fact,), evidence=_levels(vendor, spec.fact))


def boolean_value(
    spec: BooleanValue, vendor: VendorProfile, widths: EvidenceWidths | None = None
) -> Valued:
    """``true_score`` when the fact is true; a missing fact counts as false.

    The score is widened by the fact's evidence: score × (1 ∓ w), clipped to 0–100.
    """
    raw = vendor.lookup(spec.fact)
    score = spec.true_score if raw is True else spec.false_score
    low, high = widen_score(score, _width(vendor, spec.fact, widths))
    return Valued(
        score,
        low,
        high,
        () if isinstance(raw, bool) else (spec.fact,),
        evidence=_levels(vendor, spec.fact),
    )


def checklist_value(
    spec: ChecklistValue, vendor: VendorProfile, widths: EvidenceWidths | None = None
) -> Valued:
    """Weighted share (0–100) of the controls present; a missing fact counts as absent.

    Each present item's share is widened by its own fact's evidence width wᵢ:
    low = 100·Σ wtᵢ(1 − wᵢ)/Σ wt, high = min(100, 100·Σ wtᵢ(1 + wᵢ)/Σ wt) over present items.
    """
    total = sum(i.weight for i in spec.items)
    present = low = high = 0.0
    missing: list[str] = []
    for item in spec.items:
        raw = vendor.lookup(item.fact)
        if raw is None:
            missing.append(item.fact)
        if item.item is None:
            ok = raw is True
        else:
            ok = isinstance(raw, list) and item.item.lower() in {str(x).lower() for x in raw}
        if ok:
            w = _width(vendor, item.fact, widths)
            present += item.weight
            low += item.weight * (1.0 - w)
            high += item.weight * (1.0 + w)
    score = 100.0 * present / total
    levels = _levels(vendor, *(i.fact for i in spec.items))
    return Valued(
        score,
        100.0 * low / total,
        min(100.0, 100.0 * high / total),
        tuple(dict.fromkeys(missing)),
        evidence=levels,
    )


def is_finite(v: Valued) -> bool:
    """True when every number of ``v`` is finite."""
    return all(math.isfinite(x) for x in (v.value, v.low, v.high))
