"""Findings on a project's values (warnings, not errors) and the low-price penalty."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from erp_select.evaluate.adjustments import Adjustment, describe
from erp_select.evaluate.requirements import RequirementFit
from erp_select.evaluate.tco import CUSTOMISATION, TcoBreakdown
from erp_select.i18n import fmt_money, fmt_number, fmt_percent, t
from erp_select.model import (
    Criterion,
    Project,
    RequirementsValue,
    TcoValue,
    Text,
    VendorProfile,
)
from erp_select.model.facts import vocabulary


@dataclass(frozen=True)
class Finding:
    """Something the user should know about a vendor's values (a warning, not an error)."""

    vendor_id: str
    key: str
    criterion_id: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str | None = None) -> str:
        """The sentence in ``lang``, with shares and amounts in the language's format."""
        adjustment = self.params.get("adjustment")
        if isinstance(adjustment, Adjustment):
            label = self.params.get("criterion")
            return t(
                "cells.finding",
                lang,
                criterion=label.get(lang) if isinstance(label, Text) else str(label),
                reason=describe(adjustment, lang, self.params.get("unit")),
            )
        # Labels (a criterion's, a fact's) are said in ``lang``, never as their ids.
        params: dict[str, Any] = {
            k: v.get(lang) if isinstance(v, Text) else v for k, v in self.params.items()
        }
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


def _fact_label(fact_id: str, criterion: Criterion) -> Text:
    """The fact vocabulary's label of ``fact_id`` (the criterion's for an undeclared fact)."""
    spec = vocabulary().spec(fact_id)
    return spec.label if spec is not None else criterion.label


def requirement_findings(
    project: Project,
    fits: dict[tuple[str, str], RequirementFit],
    leaves: list[Criterion],
    tco_of: dict[str, TcoBreakdown],
) -> list[Finding]:
    """Findings on the questionnaire answers: fallbacks, unanswered, unknown, customisation."""
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
                            {
                                "criterion": leaf.label,
                                "fact": _fact_label(spec.fallback_fact, leaf),
                            },
                        )
                    )
            elif fit.unanswered:
                findings.append(
                    Finding(
                        vendor.id,
                        "requirements_unanswered",
                        leaf.id,
                        {
                            "criterion": leaf.label,
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


def _median_without(ordered: np.ndarray, value: float) -> float:
    """Median of the sorted ``ordered`` values once one copy of ``value`` is removed.

    O(log n) per call (a search in the sorted values), so flagging n vendors stays
    O(n log n): the plain way (a median of the n − 1 peers each time) is O(n²).
    """
    k = int(np.searchsorted(ordered, value))

    def at(index: int) -> float:  # index among the values without position k
        return float(ordered[index if index < k else index + 1])

    m = len(ordered) - 1
    if m % 2:
        return at(m // 2)
    return (at(m // 2 - 1) + at(m // 2)) / 2


def flag_low_prices(
    leaf: Criterion,
    spec: TcoValue,
    j: int,
    vendors: list[VendorProfile],
    values: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    findings: list[Finding],
    adjustments: list[list[list[Adjustment]]],
) -> None:
    """Flag TCOs below ``low_price_ratio`` × the median of the peers; apply the penalty.

    Cells filled for a missing value (an adjustment already says so) are neither flagged
    nor counted among the peers. A penalised cell gets a ``low_price`` adjustment.
    """
    filled = {i for i in range(len(vendors)) if any(a.code == "missing" for a in adjustments[i][j])}
    real = [i for i in range(len(vendors)) if i not in filled]
    if len(real) < 3:
        return  # with fewer than two peers a median says nothing
    column = values[:, j].copy()
    ordered = np.sort(column[real])
    for i in real:
        vendor = vendors[i]
        median = _median_without(ordered, float(column[i]))
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
                # To the cent: floor × (1 + penalty) carries float noise (201 300.000…03).
                ranked = round(floor * (1.0 + spec.low_price_penalty), 2)
                values[i, j] = ranked
                low[i, j] = max(low[i, j], ranked)
                high[i, j] = max(high[i, j], ranked)
                adjustments[i][j].append(
                    Adjustment(
                        "low_price",
                        after=float(ranked),
                        before=float(column[i]),
                        params={
                            "share": float(column[i] / median),
                            "ratio": spec.low_price_ratio,
                            "median": float(median),
                            "penalty": spec.low_price_penalty,
                            "floor": float(floor),
                        },
                    )
                )
