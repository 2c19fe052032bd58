"""Score one vendor on one leaf criterion from its facts, with the range the facts allow."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from erp_select.model import (
    BooleanValue,
    ChecklistValue,
    FactValue,
    LinearValue,
    PiecewiseValue,
    ScaleValue,
    VendorProfile,
)


@dataclass(frozen=True)
class Valued:
    """A criterion value with its range; ``missing`` names the facts that were absent."""

    value: float
    low: float
    high: float
    missing: tuple[str, ...] = ()


def _span(vendor: VendorProfile, fact_id: str) -> tuple[float, float, float] | None:
    fact = vendor.facts.get(fact_id)
    if fact is None or fact.number is None:
        return None
    v = fact.number
    return (fact.low if fact.low is not None else v, v, fact.high if fact.high is not None else v)


def _monotone(func: object, span: tuple[float, float, float]) -> Valued:
    f = func  # a callable float -> float, monotone on the span
    assert callable(f)
    a, v, b = (float(f(x)) for x in span)
    return Valued(v, min(a, b, v), max(a, b, v))


def fact_value(spec: FactValue, vendor: VendorProfile) -> Valued | None:
    """The raw number (``None`` when the vendor lacks it)."""
    span = _span(vendor, spec.fact)
    return None if span is None else Valued(span[1], span[0], span[2])


def linear_value(spec: LinearValue, vendor: VendorProfile) -> Valued:
    """0 at ``worst``, 100 at ``best``, clipped; a missing fact scores 0."""
    span = _span(vendor, spec.fact)
    if span is None:
        return Valued(0.0, 0.0, 0.0, (spec.fact,))

    def f(x: float) -> float:
        return float(np.clip(100.0 * (x - spec.worst) / (spec.best - spec.worst), 0.0, 100.0))

    return _monotone(f, span)


def piecewise_value(spec: PiecewiseValue, vendor: VendorProfile) -> Valued:
    """Interpolate between the points (clipped at both ends); a missing fact scores 0."""
    span = _span(vendor, spec.fact)
    if span is None:
        return Valued(0.0, 0.0, 0.0, (spec.fact,))
    xs = [p[0] for p in spec.points]
    ys = [p[1] for p in spec.points]
    values = [float(np.interp(x, xs, ys)) for x in span]
    # Piecewise functions need not be monotone: the range is the extreme over [low, high].
    inner = [y for x, y in spec.points if span[0] <= x <= span[2]]
    return Valued(values[1], min([*values, *inner]), max([*values, *inner]))


def scale_value(spec: ScaleValue, vendor: VendorProfile) -> Valued:
    """Look the fact's label up in the levels (case-insensitive); unknown or missing scores 0."""
    raw = vendor.lookup(spec.fact)
    levels = {k.lower(): v for k, v in spec.levels.items()}
    if isinstance(raw, str) and raw.lower() in levels:
        score = levels[raw.lower()]
        return Valued(score, score, score)
    return Valued(0.0, 0.0, 0.0, (spec.fact,))


def boolean_value(spec: BooleanValue, vendor: VendorProfile) -> Valued:
    """``true_score`` when the fact is true; a missing fact counts as false."""
    raw = vendor.lookup(spec.fact)
    score = spec.true_score if raw is True else spec.false_score
    return Valued(score, score, score, () if isinstance(raw, bool) else (spec.fact,))


def checklist_value(spec: ChecklistValue, vendor: VendorProfile) -> Valued:
    """Weighted share (0–100) of the controls present; a missing fact counts as absent."""
    total = sum(i.weight for i in spec.items)
    present = 0.0
    missing: list[str] = []
    for item in spec.items:
        raw = vendor.lookup(item.fact)
        if raw is None:
            missing.append(item.fact)
        if item.item is None:
            ok = raw is True
        else:
            ok = isinstance(raw, list) and item.item.lower() in {str(x).lower() for x in raw}
        present += item.weight if ok else 0.0
    score = 100.0 * present / total
    return Valued(score, score, score, tuple(dict.fromkeys(missing)))


def is_finite(v: Valued) -> bool:
    """True when every number of ``v`` is finite."""
    return all(math.isfinite(x) for x in (v.value, v.low, v.high))
