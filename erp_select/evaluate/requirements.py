"""Roll vendors' questionnaire answers up into a requirement-fit score and a customisation cost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from erp_select.evaluate.evidence import fact_span, level_of, ordered
from erp_select.evaluate.tco import Estimate
from erp_select.evaluate.value_functions import Valued
from erp_select.model import (
    Answer,
    AnswerKind,
    EvidenceWidths,
    Priority,
    Requirement,
    RequirementsValue,
    VendorProfile,
)

#: Vendor fact giving the vendor's (or its integrator's) day rate in euros.
DAY_RATE_FACT = "price.day_rate"


@dataclass(frozen=True)
class RequirementRow:
    """One requirement and the vendor's answer to it (``None`` when unanswered)."""

    requirement: Requirement
    answer: Answer | None

    @property
    def kind(self) -> AnswerKind | None:
        """The kind of answer, ``None`` when unanswered."""
        return None if self.answer is None else self.answer.answer


@dataclass(frozen=True)
class RequirementFit:
    """How one vendor's answers cover the project's requirements.

    ``coverage`` (0–100) is ``None`` when the vendor answered none of the requirements in
    scope, or when their priorities all weigh 0; ``low``/``high`` widen each answer by its
    evidence. ``rows`` hold every requirement of the project, in order.
    """

    vendor_id: str
    rows: tuple[RequirementRow, ...]
    coverage: float | None
    low: float | None
    high: float | None
    in_scope: int
    answered: int
    unanswered: tuple[str, ...]
    unknown_answers: tuple[str, ...]
    evidence: tuple[str, ...]

    @property
    def has_answers(self) -> bool:
        """True when the vendor answered at least one requirement of the project."""
        return any(r.answer is not None for r in self.rows)

    def unmet(
        self,
        priorities: Sequence[Priority],
        fail_on: Sequence[AnswerKind],
        unanswered_fails: bool = True,
    ) -> list[RequirementRow]:
        """Requirements of ``priorities`` answered with one of ``fail_on`` (or unanswered)."""
        out: list[RequirementRow] = []
        for row in self.rows:
            if row.requirement.priority not in priorities:
                continue
            if (row.kind is None and unanswered_fails) or (
                row.kind is not None and row.kind in fail_on
            ):
                out.append(row)
        return out


def requirement_fit(
    requirements: Sequence[Requirement],
    vendor: VendorProfile,
    spec: RequirementsValue | None = None,
    widths: EvidenceWidths | None = None,
) -> RequirementFit:
    """Compute the priority-weighted coverage of ``requirements`` by ``vendor``'s answers.

    coverage = 100 · Σ pᵣ·sᵣ / Σ pᵣ over the requirements in scope, where pᵣ is the weight
    of the requirement's MoSCoW priority and sᵣ the credit of the vendor's answer (both from
    ``spec``; an unanswered requirement has sᵣ = 0). With evidence widths, an answer of
    width w counts sᵣ(1 − w) in ``low`` and min(1, sᵣ(1 + w)) in ``high``.

    Parameters
    ----------
    requirements : sequence of Requirement
        The project's requirements.
    vendor : VendorProfile
        The vendor, whose ``answers`` are read.
    spec : RequirementsValue, optional
        Priority weights, answer credits and the processes in scope (defaults otherwise).
    widths : EvidenceWidths, optional
        Evidence widths; none applied when omitted.

    Returns
    -------
    RequirementFit
        Coverage with its range, counts, unanswered ids and answers to unknown ids.
    """
    spec = spec or RequirementsValue()
    scope = set(spec.processes)
    rows = tuple(RequirementRow(r, vendor.answers.get(r.id)) for r in requirements)
    known = {r.id for r in requirements}
    total = value = low = high = 0.0
    answered = in_scope = 0
    unanswered: list[str] = []
    levels: list[str | None] = []
    for row in rows:
        req = row.requirement
        if scope and req.process not in scope:
            continue
        in_scope += 1
        p = spec.priority_weights.of(req.priority)
        total += p
        if row.answer is None:
            unanswered.append(req.id)
            continue
        answered += 1
        levels.append(row.answer.evidence)
        s = spec.answer_scores.of(row.answer.answer)
        w = widths.of(row.answer.evidence) if widths is not None else 0.0
        value += p * s
        low += p * s * (1.0 - w)
        high += p * min(1.0, s * (1.0 + w))
    usable = answered > 0 and total > 0
    return RequirementFit(
        vendor_id=vendor.id,
        rows=rows,
        coverage=100.0 * value / total if usable else None,
        low=100.0 * low / total if usable else None,
        high=100.0 * high / total if usable else None,
        in_scope=in_scope,
        answered=answered,
        unanswered=tuple(unanswered) if answered else (),
        unknown_answers=tuple(sorted(k for k in vendor.answers if k not in known)),
        evidence=ordered(levels),
    )


def customisation_days(
    requirements: Sequence[Requirement],
    vendor: VendorProfile,
    widths: EvidenceWidths | None = None,
) -> Estimate:
    """Total customisation effort in days, as low / likely / high.

    Σ effort_days over the requirements answered "customisation", except those of priority
    ``wont`` (they will not be built); each answer's days are widened by its evidence
    width w: d(1 − w) … d(1 + w).
    """
    low = likely = high = 0.0
    for req in requirements:
        answer = vendor.answers.get(req.id)
        if answer is None or answer.answer != "customisation" or req.priority == "wont":
            continue
        days = answer.effort_days or 0.0
        w = widths.of(answer.evidence) if widths is not None else 0.0
        low += days * (1.0 - w)
        likely += days
        high += days * (1.0 + w)
    return Estimate(low, likely, high)


def day_rate(
    vendor: VendorProfile, spec: RequirementsValue | None, widths: EvidenceWidths | None = None
) -> Estimate:
    """The day rate: the vendor's ``price.day_rate`` fact if given, else the criteria's."""
    fact = vendor.facts.get(DAY_RATE_FACT)
    span = fact_span(fact, widths) if fact is not None else None
    if span is not None:
        return Estimate(*span)
    spec = spec or RequirementsValue()
    low = spec.day_rate_low if spec.day_rate_low is not None else spec.day_rate
    high = spec.day_rate_high if spec.day_rate_high is not None else spec.day_rate
    return Estimate(low, spec.day_rate, high)


def requirement_fits(
    requirements: Sequence[Requirement],
    vendors: Sequence[VendorProfile],
    spec: RequirementsValue | None = None,
    widths: EvidenceWidths | None = None,
) -> dict[str, RequirementFit]:
    """:func:`requirement_fit` of each vendor, by vendor id.

    The vendors that answered nothing share one computation (their fits differ only by
    the vendor's id): a long list is mostly such vendors.
    """
    out: dict[str, RequirementFit] = {}
    blank: RequirementFit | None = None
    for vendor in vendors:
        if vendor.answers:
            out[vendor.id] = requirement_fit(requirements, vendor, spec, widths)
            continue
        if blank is None:
            blank = requirement_fit(requirements, vendor, spec, widths)
        out[vendor.id] = replace(blank, vendor_id=vendor.id)
    return out


def customisation_cost(
    requirements: Sequence[Requirement],
    vendor: VendorProfile,
    spec: RequirementsValue | None = None,
    widths: EvidenceWidths | None = None,
) -> tuple[Estimate, Estimate] | None:
    """Customisation cost of the answers: days × day rate, bound by bound.

    Returns
    -------
    tuple of Estimate or None
        ``(cost, days)``; ``None`` when the vendor answered none of ``requirements`` (the
        TCO then keeps the vendor's ``price.customisation`` quote).
    """
    if not any(r.id in vendor.answers for r in requirements):
        return None
    days = customisation_days(requirements, vendor, widths)
    return days.times(day_rate(vendor, spec, widths)), days


def requirements_value(
    spec: RequirementsValue,
    vendor: VendorProfile,
    fit: RequirementFit,
    widths: EvidenceWidths | None = None,
) -> Valued:
    """Score (0–100) of a ``requirements`` criterion for one vendor.

    The coverage maps linearly from ``spec.worst`` (0) to ``spec.best`` (100), clipped.
    Without a usable coverage the ``fallback_fact`` (a coverage percentage, widened by its
    evidence) is used; without that either the score is 0 and the answers are reported
    missing.
    """

    def scale(x: float) -> float:
        return float(np.clip(100.0 * (x - spec.worst) / (spec.best - spec.worst), 0.0, 100.0))

    if fit.coverage is not None and fit.low is not None and fit.high is not None:
        return Valued(scale(fit.coverage), scale(fit.low), scale(fit.high), evidence=fit.evidence)
    if spec.fallback_fact is not None:
        fact = vendor.facts.get(spec.fallback_fact)
        span = fact_span(fact, widths) if fact is not None else None
        if fact is not None and span is not None:
            lo, v, hi = (scale(x) for x in span)
            return Valued(v, lo, hi, evidence=(level_of(fact.evidence),))
        return Valued(0.0, 0.0, 0.0, (spec.fallback_fact,))
    return Valued(0.0, 0.0, 0.0, ("answers",))


__all__ = [
    "DAY_RATE_FACT",
    "RequirementFit",
    "RequirementRow",
    "customisation_cost",
    "customisation_days",
    "day_rate",
    "requirement_fit",
    "requirements_value",
]
