"""Build the performance table (vendor × leaf criterion) of a project, with findings."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from erp_select.evaluate import value_functions as vf
from erp_select.evaluate.evidence import ordered, rests_on_claims
from erp_select.evaluate.requirements import (
    RequirementFit,
    customisation_cost,
    requirement_fit,
    requirements_value,
)
from erp_select.evaluate.reviews import ReviewSummary, bayesian_rating
from erp_select.evaluate.tco import CUSTOMISATION, PRICING_FACTS, TcoBreakdown, tco
from erp_select.i18n import fmt_money, fmt_number, fmt_percent, t
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
from erp_select.model.facts import unknown_facts, vocabulary_for


@dataclass(frozen=True)
class Finding:
    """Something the user should know about a vendor's values (a warning, not an error)."""

    vendor_id: str
    key: str
    criterion_id: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str | None = None) -> str:
        """The sentence in ``lang``, with shares and amounts in the language's format."""
        params = dict(self.params)
        for key in ("share", "ratio", "penalty"):
            if isinstance(params.get(key), float):
                params[key] = fmt_percent(params[key], lang)
        for key in ("median", "amount", "quote"):
            if isinstance(params.get(key), float):
                params[key] = fmt_money(params[key], lang)
        if isinstance(params.get("days"), float):
            params["days"] = fmt_number(params["days"], lang, digits=1)
        key = self.key if self.key.startswith("facts.") else f"evaluate.{self.key}"
        return t(key, lang, **params)


@dataclass(frozen=True)
class Performance:
    """Values of every vendor on every leaf criterion, ready for an MCDA method.

    ``values``, ``low`` and ``high`` are (vendors × criteria) arrays; ``low``/``high`` equal
    ``values`` where a value is certain, and otherwise carry explicit ranges and the
    evidence widths (a claim is less certain than a contract). ``objectives`` are
    ``"max"``/``"min"`` per criterion, ``weights`` the global leaf weights (sum 1).
    ``evidence[i][j]`` lists the evidence levels (weakest first) of the facts or answers
    behind cell (i, j); ``requirements`` holds each vendor's requirement fit when the
    project has requirements.
    """

    vendors: list[str]
    criteria: list[str]
    values: np.ndarray
    low: np.ndarray
    high: np.ndarray
    objectives: list[Literal["max", "min"]]
    weights: np.ndarray
    units: list[str | None]
    findings: list[Finding]
    tco: dict[str, TcoBreakdown]
    reviews: dict[str, ReviewSummary]
    evidence: list[list[tuple[str, ...]]] = field(default_factory=list)
    requirements: dict[str, RequirementFit] = field(default_factory=dict)

    def subset(self, vendor_ids: Sequence[str]) -> Performance:
        """The same table restricted to ``vendor_ids`` (in that order)."""
        rows = [self.vendors.index(v) for v in vendor_ids]
        keep = set(vendor_ids)
        return Performance(
            vendors=list(vendor_ids),
            criteria=self.criteria,
            values=self.values[rows],
            low=self.low[rows],
            high=self.high[rows],
            objectives=self.objectives,
            weights=self.weights,
            units=self.units,
            findings=[f for f in self.findings if f.vendor_id in keep],
            tco={k: v for k, v in self.tco.items() if k in keep},
            reviews={k: v for k, v in self.reviews.items() if k in keep},
            evidence=[self.evidence[i] for i in rows] if self.evidence else [],
            requirements={k: v for k, v in self.requirements.items() if k in keep},
        )

    def value(self, vendor_id: str, criterion_id: str) -> float:
        """One cell of the table."""
        return float(self.values[self.vendors.index(vendor_id), self.criteria.index(criterion_id)])

    def evidence_of(self, vendor_id: str, criterion_id: str) -> tuple[str, ...]:
        """Evidence levels (weakest first) behind one cell; empty when none applies."""
        if not self.evidence:
            return ()
        return self.evidence[self.vendors.index(vendor_id)][self.criteria.index(criterion_id)]

    def claims_only(self) -> list[tuple[str, str]]:
        """(vendor, criterion) cells whose every fact or answer is a vendor claim.

        A fact without an evidence level counts as a claim. Cells resting on no fact (a
        review rating, a missing value) are not listed.
        """
        out: list[tuple[str, str]] = []
        for i, vendor_id in enumerate(self.vendors):
            for j, criterion_id in enumerate(self.criteria):
                if self.evidence and rests_on_claims(self.evidence[i][j]):
                    out.append((vendor_id, criterion_id))
        return out

    def has_uncertainty(self) -> bool:
        """True when any value has a range."""
        return bool(np.any(self.low != self.values) or np.any(self.high != self.values))

    def frame(self) -> pd.DataFrame:
        """The table as a DataFrame (index vendor ids, columns criterion ids)."""
        return pd.DataFrame(self.values, index=self.vendors, columns=self.criteria)


@dataclass
class _Context:
    """What every cell of one evaluation may need."""

    project: Project
    widths: EvidenceWidths
    tco_of: dict[str, TcoBreakdown]
    reviews: dict[str, ReviewSummary]
    fits: dict[tuple[str, str], RequirementFit]


def _tco_evidence(
    vendor: VendorProfile, breakdown: TcoBreakdown, requirement_ids: set[str]
) -> tuple[str, ...]:
    used = [f for f in PRICING_FACTS if f in vendor.facts]
    if breakdown.customisation_days is not None:
        used = [f for f in used if f != CUSTOMISATION]
    levels: list[str | None] = [vendor.facts[f].evidence for f in used]
    if breakdown.customisation_days is not None:
        levels += [a.evidence for k, a in vendor.answers.items() if k in requirement_ids]
    return ordered(levels)


def _leaf_value(leaf: Criterion, vendor: VendorProfile, ctx: _Context) -> vf.Valued | None:
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
                evidence=_tco_evidence(vendor, breakdown, ids),
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


def _requirement_findings(
    project: Project,
    fits: dict[tuple[str, str], RequirementFit],
    leaves: list[Criterion],
    tco_of: dict[str, TcoBreakdown],
) -> list[Finding]:
    findings: list[Finding] = []
    for leaf in leaves:
        spec = leaf.value
        if not isinstance(spec, RequirementsValue):
            continue
        for vendor in project.vendors:
            fit = fits[(vendor.id, leaf.id)]
            if fit.coverage is None:
                # Without requirements in the project the fact is the intended source.
                if (
                    project.requirements
                    and spec.fallback_fact is not None
                    and spec.fallback_fact in vendor.facts
                ):
                    findings.append(
                        Finding(
                            vendor.id,
                            "requirements_fallback",
                            leaf.id,
                            {"criterion": leaf.id, "fact": spec.fallback_fact},
                        )
                    )
            elif fit.unanswered:
                findings.append(
                    Finding(
                        vendor.id,
                        "requirements_unanswered",
                        leaf.id,
                        {
                            "criterion": leaf.id,
                            "count": len(fit.unanswered),
                            "total": fit.in_scope,
                            "ids": ", ".join(fit.unanswered[:10])
                            + (" …" if len(fit.unanswered) > 10 else ""),
                        },
                    )
                )
    ids = {r.id for r in project.requirements}
    for vendor in project.vendors:
        unknown = sorted(k for k in vendor.answers if k not in ids)
        # Answers that all miss the project's list belong to another questionnaire: quiet.
        if unknown and len(unknown) < len(vendor.answers):
            findings.append(
                Finding(
                    vendor.id,
                    "answers_unknown",
                    None,
                    {"count": len(unknown), "ids": ", ".join(unknown[:10])},
                )
            )
        breakdown = tco_of[vendor.id]
        if breakdown.customisation_days is not None:
            quote = vendor.facts.get(CUSTOMISATION)
            params: dict[str, Any] = {
                "days": float(breakdown.customisation_days.likely),
                "amount": float(breakdown.components["customisation"].likely),
            }
            key = "customisation_from_answers_no_quote"
            if quote is not None and quote.number is not None:
                key = "customisation_from_answers"
                params["quote"] = float(quote.number)
            findings.append(Finding(vendor.id, key, None, params))
    return findings


def evaluate(project: Project) -> Performance:
    """Evaluate every vendor of ``project`` on every leaf criterion.

    Missing facts never stop the evaluation: a score criterion counts the fact as absent
    (0), a raw-fact criterion takes the worst value observed among the other vendors; each
    case is reported as a :class:`Finding`. Each value's range comes from the facts'
    explicit ``low``/``high`` or, without one, from its evidence level (the criteria's
    ``evidence`` widths). A ``requirements`` criterion rolls the vendor's questionnaire
    answers up (see :mod:`erp_select.evaluate.requirements`); the answers' customisation
    effort × day rate replaces the vendor's ``price.customisation`` quote in the TCO.
    Review ratings are aged against ``project.as_of`` (today when unset).

    A vendor whose TCO is below the criterion's ``low_price_ratio`` × the median TCO of
    the other vendors is flagged as priced suspiciously low; with a ``low_price_penalty``,
    its ranked cost is raised to that floor × (1 + penalty).

    Parameters
    ----------
    project : Project
        The project (company profile, criteria, vendors).

    Returns
    -------
    Performance
        The performance table with ranges, objectives, global weights and findings.
    """
    leaves = project.criteria.leaves()
    vendors = project.vendors
    company = project.company
    widths = project.criteria.evidence
    req_specs = {
        leaf.id: leaf.value for leaf in leaves if isinstance(leaf.value, RequirementsValue)
    }
    main_spec = next(iter(req_specs.values()), None)
    fits: dict[tuple[str, str], RequirementFit] = {
        (v.id, leaf_id): requirement_fit(project.requirements, v, spec, widths)
        for leaf_id, spec in req_specs.items()
        for v in vendors
    }
    tco_of = {
        v.id: tco(
            v,
            company.erp_users,
            company.horizon_years,
            widths=widths,
            customisation=customisation_cost(project.requirements, v, main_spec, widths)
            if project.requirements
            else None,
        )
        for v in vendors
    }
    ctx = _Context(project, widths, tco_of, {}, fits)
    reviews = ctx.reviews
    findings: list[Finding] = []
    m, n = len(vendors), len(leaves)
    values = np.full((m, n), np.nan)
    low = np.full((m, n), np.nan)
    high = np.full((m, n), np.nan)
    evidence: list[list[tuple[str, ...]]] = [[() for _ in leaves] for _ in vendors]

    for j, leaf in enumerate(leaves):
        for i, vendor in enumerate(vendors):
            cell = _leaf_value(leaf, vendor, ctx)
            if cell is None:
                findings.append(Finding(vendor.id, "missing_fact", leaf.id, {"criterion": leaf.id}))
                continue
            values[i, j], low[i, j], high[i, j] = cell.value, cell.low, cell.high
            evidence[i][j] = ordered(cell.evidence)
            if cell.missing:
                facts = ", ".join(cell.missing)
                findings.append(
                    Finding(
                        vendor.id,
                        "missing_as_absent",
                        leaf.id,
                        {"facts": facts, "criterion": leaf.id},
                    )
                )
        column = values[:, j]
        if np.isnan(column).any():
            known = column[~np.isnan(column)]
            worst = 0.0
            if known.size:
                worst = float(known.max() if leaf.direction == "cost" else known.min())
            for row in np.flatnonzero(np.isnan(column)):
                values[row, j] = low[row, j] = high[row, j] = worst

    for j, leaf in enumerate(leaves):
        if isinstance(leaf.value, TcoValue):
            _flag_low_prices(leaf, leaf.value, j, vendors, values, low, high, findings)
    for v in vendors:
        if tco_of[v.id].missing:
            findings.append(Finding(v.id, "no_pricing"))
    findings += _requirement_findings(project, fits, leaves, tco_of)
    vocab = vocabulary_for(project.criteria)
    for v in vendors:
        for fact_id, near in unknown_facts(v.facts, vocab):
            key = "facts.finding.unknown_suggest" if near else "facts.finding.unknown"
            findings.append(Finding(v.id, key, None, {"fact": fact_id, "suggestion": near}))
    summary_spec = main_spec or RequirementsValue()
    requirements = (
        {v.id: requirement_fit(project.requirements, v, summary_spec, widths) for v in vendors}
        if project.requirements
        else {}
    )

    weights_map = project.criteria.global_weights()
    objectives: list[Literal["max", "min"]] = [
        "min" if leaf.direction == "cost" else "max" for leaf in leaves
    ]
    return Performance(
        vendors=[v.id for v in vendors],
        criteria=[leaf.id for leaf in leaves],
        values=values,
        low=low,
        high=high,
        objectives=objectives,
        weights=np.array([weights_map[leaf.id] for leaf in leaves]),
        units=[leaf.unit for leaf in leaves],
        findings=findings,
        tco=tco_of,
        reviews=reviews,
        evidence=evidence,
        requirements=requirements,
    )


def _flag_low_prices(
    leaf: Criterion,
    spec: TcoValue,
    j: int,
    vendors: list[VendorProfile],
    values: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    findings: list[Finding],
) -> None:
    if len(vendors) < 3:
        return  # with fewer than two peers a median says nothing
    column = values[:, j].copy()
    for i, vendor in enumerate(vendors):
        peers = np.delete(column, i)
        median = statistics.median(peers.tolist())
        floor = spec.low_price_ratio * median
        if median > 0 and column[i] < floor:
            findings.append(
                Finding(
                    vendor.id,
                    "suspiciously_low_price",
                    leaf.id,
                    {
                        "share": column[i] / median,
                        "ratio": spec.low_price_ratio,
                        "median": median,
                        "penalty": spec.low_price_penalty,
                    },
                )
            )
            if spec.low_price_penalty > 0:
                ranked = floor * (1.0 + spec.low_price_penalty)
                values[i, j] = ranked
                low[i, j] = max(low[i, j], ranked)
                high[i, j] = max(high[i, j], ranked)
