"""Record why ranked values differ from the raw facts: questionnaire customisation, evidence."""

from __future__ import annotations

import math

import numpy as np

from erp_select.evaluate.adjustments import Adjustment
from erp_select.evaluate.tco import CUSTOMISATION, TcoBreakdown, tco
from erp_select.model import EvidenceWidths, Project


def customisation_adjustments(
    j: int,
    project: Project,
    tco_of: dict[str, TcoBreakdown],
    raw: np.ndarray,
    values: np.ndarray,
    adjustments: list[list[list[Adjustment]]],
) -> None:
    """Mark each TCO cell (column ``j``) whose customisation comes from the answers.

    The raw figure becomes the TCO with the vendor's own ``price.customisation`` quote
    (none counts 0); a ``customisation`` adjustment leads from it to the ranked TCO, with
    the days, their cost and the quote it replaces. Days that cost the quote mark nothing.
    """
    company = project.company
    widths = project.criteria.evidence
    for i, vendor in enumerate(project.vendors):
        breakdown = tco_of[vendor.id]
        if breakdown.customisation_days is None or adjustments[i][j]:
            continue  # a TCO filled for missing pricing: its rule's adjustment says why
        with_quote = tco(
            vendor, company.erp_users, company.horizon_years, widths=widths, terms=company.costs
        )
        if math.isclose(with_quote.total.likely, float(values[i, j]), rel_tol=1e-12):
            continue  # the days cost the quote: the ranked figure is the raw one, no mark
        quote = vendor.facts.get(CUSTOMISATION)
        raw[i, j] = with_quote.total.likely
        adjustments[i][j].append(
            Adjustment(
                "customisation",
                after=float(values[i, j]),
                before=float(with_quote.total.likely),
                params={
                    "days": float(breakdown.customisation_days.likely),
                    "amount": float(breakdown.components["customisation"].likely),
                    "quote": float(quote.number)
                    if quote is not None and quote.number is not None
                    else None,
                },
            )
        )


def evidence_adjustments(
    widths: EvidenceWidths,
    evidence: list[list[tuple[str, ...]]],
    values: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    adjustments: list[list[list[Adjustment]]],
) -> None:
    """An ``evidence`` adjustment on each cell whose range comes from its evidence levels.

    The ranked value is unchanged; the simulations draw it within [low, high]. A filled
    cell (missing value) and a cell whose range comes only from explicit bounds get none.
    """
    ranged = ((low < values) | (high > values)).tolist()  # NaN compares False, as floats do
    value_rows, low_rows, high_rows = values.tolist(), low.tolist(), high.tolist()
    wide_of: dict[tuple[str, ...], tuple[tuple[str, float], ...]] = {}
    for i, row in enumerate(evidence):
        for j, levels in enumerate(row):
            if not ranged[i][j] or any(a.code == "missing" for a in adjustments[i][j]):
                continue
            wide = wide_of.get(levels)
            if wide is None:
                wide = wide_of[levels] = tuple(
                    (lv, widths.of(lv)) for lv in levels if widths.of(lv) > 0
                )
            if wide:
                value = value_rows[i][j]
                adjustments[i][j].append(
                    Adjustment(
                        "evidence",
                        after=value,
                        before=value,
                        params={"low": low_rows[i][j], "high": high_rows[i][j], "levels": wide},
                    )
                )


__all__ = ["customisation_adjustments", "evidence_adjustments"]
