"""One cell of the performance table: a vendor's value on a leaf, and the facts it lacks."""

from __future__ import annotations

from dataclasses import dataclass

from erp_select.evaluate import value_functions as vf
from erp_select.evaluate.evidence import ordered
from erp_select.evaluate.missing import Gap, checklist_gap
from erp_select.evaluate.requirements import RequirementFit, requirements_value
from erp_select.evaluate.reviews import ReviewSummary, bayesian_rating
from erp_select.evaluate.tco import CUSTOMISATION, PRICING_FACTS, TcoBreakdown
from erp_select.model import (
    BooleanValue,
    ChecklistValue,
    Criterion,
    EvidenceWidths,
    FactValue,
    LinearValue,
    PiecewiseValue,
    Project,
    RequirementsValue,
    ReviewsValue,
    ScaleValue,
    TcoValue,
    VendorProfile,
)


@dataclass
class Context:
    """What every cell of one evaluation may need."""

    project: Project
    widths: EvidenceWidths
    tco_of: dict[str, TcoBreakdown]
    reviews: dict[str, ReviewSummary]
    fits: dict[tuple[str, str], RequirementFit]


def tco_evidence(
    vendor: VendorProfile, breakdown: TcoBreakdown, requirement_ids: set[str]
) -> tuple[str, ...]:
    """Evidence levels of the pricing facts (and answers) behind a vendor's TCO."""
    used = [f for f in PRICING_FACTS if f in vendor.facts]
    if breakdown.customisation_days is not None:
        used = [f for f in used if f != CUSTOMISATION]
    levels: list[str | None] = [vendor.facts[f].evidence for f in used]
    if breakdown.customisation_days is not None:
        levels += [a.evidence for k, a in vendor.answers.items() if k in requirement_ids]
    return ordered(levels)


def leaf_value(leaf: Criterion, vendor: VendorProfile, ctx: Context) -> vf.Valued | None:
    """The value (with its range) of one vendor on one leaf, by its value function."""
    spec = leaf.value
    widths = ctx.widths
    match spec:
        case TcoValue():
            breakdown = ctx.tco_of[vendor.id]
            total = breakdown.total
            ids = {r.id for r in ctx.project.requirements}
            return vf.Valued(
                total.likely,
                total.low,
                total.high,
                evidence=tco_evidence(vendor, breakdown, ids),
            )
        case ReviewsValue():
            summary = bayesian_rating(vendor, spec, ctx.project.as_of)
            ctx.reviews[vendor.id] = summary
            return vf.Valued(summary.rating, summary.rating, summary.rating)
        case RequirementsValue():
            fit = ctx.fits[(vendor.id, leaf.id)]
            return requirements_value(spec, vendor, fit, widths)
        case FactValue():
            return vf.fact_value(spec, vendor, widths)
        case LinearValue():
            return vf.linear_value(spec, vendor, widths)
        case PiecewiseValue():
            return vf.piecewise_value(spec, vendor, widths)
        case ScaleValue():
            return vf.scale_value(spec, vendor, widths)
        case BooleanValue():
            return vf.boolean_value(spec, vendor, widths)
        case ChecklistValue():
            return vf.checklist_value(spec, vendor, widths)
    raise TypeError(f"unknown value function {spec!r}")  # pragma: no cover


def gap(leaf: Criterion, vendor: VendorProfile, cell: vf.Valued | None, ctx: Context) -> Gap | None:
    """The facts a cell lacks (``None`` when its value rests on every fact it reads)."""
    spec = leaf.value
    if isinstance(spec, TcoValue):
        missing = ctx.tco_of[vendor.id].missing
        return Gap(missing) if missing else None
    if isinstance(spec, ReviewsValue):
        return Gap(("reviews",)) if ctx.reviews[vendor.id].count == 0 else None
    if cell is None:
        return Gap((getattr(spec, "fact", leaf.id),))
    if isinstance(spec, ChecklistValue):
        return checklist_gap(spec, cell)
    return Gap(cell.missing) if cell.missing else None
