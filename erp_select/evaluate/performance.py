"""Build the performance table (vendor × leaf criterion) of a project, with findings."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from erp_select.evaluate import value_functions as vf
from erp_select.evaluate.reviews import ReviewSummary, bayesian_rating
from erp_select.evaluate.tco import TcoBreakdown, tco
from erp_select.i18n import fmt_money, fmt_percent, t
from erp_select.model import (
    BooleanValue,
    ChecklistValue,
    Criterion,
    FactValue,
    LinearValue,
    PiecewiseValue,
    Project,
    ReviewsValue,
    ScaleValue,
    TcoValue,
    VendorProfile,
)


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
        if isinstance(params.get("median"), float):
            params["median"] = fmt_money(params["median"], lang)
        return t(f"evaluate.{self.key}", lang, **params)


@dataclass(frozen=True)
class Performance:
    """Values of every vendor on every leaf criterion, ready for an MCDA method.

    ``values``, ``low`` and ``high`` are (vendors × criteria) arrays; ``low``/``high`` equal
    ``values`` where a value is certain. ``objectives`` are ``"max"``/``"min"`` per criterion,
    ``weights`` the global leaf weights (sum 1).
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
        )

    def value(self, vendor_id: str, criterion_id: str) -> float:
        """One cell of the table."""
        return float(self.values[self.vendors.index(vendor_id), self.criteria.index(criterion_id)])

    def has_uncertainty(self) -> bool:
        """True when any value has a range."""
        return bool(np.any(self.low != self.values) or np.any(self.high != self.values))

    def frame(self) -> pd.DataFrame:
        """The table as a DataFrame (index vendor ids, columns criterion ids)."""
        return pd.DataFrame(self.values, index=self.vendors, columns=self.criteria)


def _leaf_value(
    leaf: Criterion,
    vendor: VendorProfile,
    tco_of: dict[str, TcoBreakdown],
    reviews: dict[str, ReviewSummary],
) -> vf.Valued | None:
    spec = leaf.value
    match spec:
        case TcoValue():
            total = tco_of[vendor.id].total
            return vf.Valued(total.likely, total.low, total.high)
        case ReviewsValue():
            summary = bayesian_rating(vendor, spec)
            reviews[vendor.id] = summary
            return vf.Valued(summary.rating, summary.rating, summary.rating)
        case FactValue():
            return vf.fact_value(spec, vendor)
        case LinearValue():
            return vf.linear_value(spec, vendor)
        case PiecewiseValue():
            return vf.piecewise_value(spec, vendor)
        case ScaleValue():
            return vf.scale_value(spec, vendor)
        case BooleanValue():
            return vf.boolean_value(spec, vendor)
        case ChecklistValue():
            return vf.checklist_value(spec, vendor)
    raise TypeError(f"unknown value function {spec!r}")  # pragma: no cover


def evaluate(project: Project) -> Performance:
    """Evaluate every vendor of ``project`` on every leaf criterion.

    Missing facts never stop the evaluation: a score criterion counts the fact as absent
    (0), a raw-fact criterion takes the worst value observed among the other vendors; each
    case is reported as a :class:`Finding`. A vendor whose TCO is below the criterion's
    ``low_price_ratio`` × the median TCO of the other vendors is flagged as priced
    suspiciously low; with a ``low_price_penalty``, its ranked cost is raised to that floor
    × (1 + penalty).

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
    tco_of = {v.id: tco(v, company.erp_users, company.horizon_years) for v in vendors}
    reviews: dict[str, ReviewSummary] = {}
    findings: list[Finding] = []
    m, n = len(vendors), len(leaves)
    values = np.full((m, n), np.nan)
    low = np.full((m, n), np.nan)
    high = np.full((m, n), np.nan)

    for j, leaf in enumerate(leaves):
        for i, vendor in enumerate(vendors):
            cell = _leaf_value(leaf, vendor, tco_of, reviews)
            if cell is None:
                findings.append(Finding(vendor.id, "missing_fact", leaf.id, {"criterion": leaf.id}))
                continue
            values[i, j], low[i, j], high[i, j] = cell.value, cell.low, cell.high
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
