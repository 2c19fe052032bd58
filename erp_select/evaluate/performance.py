"""Build the performance table (vendor × leaf criterion) of a project, with findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd

from erp_select.errors import InputError, Problem
from erp_select.evaluate import value_functions as vf
from erp_select.evaluate.adjustments import Adjustment, Cell, marks
from erp_select.evaluate.cells import Context, leaf_value
from erp_select.evaluate.cells import gap as cell_gap
from erp_select.evaluate.columns import leaf_column, tco_column
from erp_select.evaluate.evidence import ordered, rests_on_claims
from erp_select.evaluate.findings import Finding, flag_low_prices, requirement_findings
from erp_select.evaluate.missing import Gap, fill_column
from erp_select.evaluate.requirements import (
    RequirementFit,
    customisation_cost,
    requirement_fits,
)
from erp_select.evaluate.reviews import ReviewSummary
from erp_select.evaluate.tco import TcoBreakdown, tco
from erp_select.evaluate.trace import customisation_adjustments, evidence_adjustments
from erp_select.model import (
    Criterion,
    Project,
    RequirementsValue,
    TcoValue,
    VendorProfile,
)
from erp_select.model.facts import unknown_facts, vocabulary_for
from erp_select.model.problem import Problem as RankingProblem


@dataclass(frozen=True)
class Performance:
    """Values of every vendor on every leaf criterion, ready for an MCDA method.

    ``values``, ``low`` and ``high`` are (vendors × criteria) arrays; ``low``/``high`` equal
    ``values`` where a value is certain, and otherwise carry explicit ranges and the
    evidence widths (a claim is less certain than a contract). ``objectives`` are
    ``"max"``/``"min"`` per criterion, ``weights`` the global leaf weights (sum 1).
    ``evidence[i][j]`` lists the evidence levels (weakest first) of the facts or answers
    behind cell (i, j); ``requirements`` holds each vendor's requirement fit when the
    project has requirements. ``raw`` holds the figure each cell's facts give (NaN where a
    fact is missing) and ``adjustments[i][j]`` why the ranked value (or its range) differs
    from it; :meth:`cell` gathers both.
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
    raw: np.ndarray | None = None
    adjustments: list[list[tuple[Adjustment, ...]]] = field(default_factory=list)

    def subset(self, vendor_ids: Sequence[str]) -> Performance:
        """The same table restricted to ``vendor_ids`` (in that order)."""
        position = {v: i for i, v in enumerate(self.vendors)}
        rows = [position[v] for v in vendor_ids]
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
            raw=self.raw[rows] if self.raw is not None else None,
            adjustments=[self.adjustments[i] for i in rows] if self.adjustments else [],
        )

    @cached_property
    def problem(self) -> RankingProblem:
        """The table as the ranking problem every analysis takes (checked once).

        Values, objectives, weights, vendor and criterion ids, and the value ranges
        (``low``/``high``) that SMAA-2 samples.
        """
        return RankingProblem.of(
            self.values,
            self.objectives,
            self.weights,
            self.vendors,
            self.criteria,
            self.low,
            self.high,
        )

    def cell(self, vendor_id: str, criterion_id: str) -> Cell:
        """One cell with its raw figure, ranked value, range and adjustments."""
        return self._cell_at(self._rows[vendor_id], self.criteria.index(criterion_id))

    @cached_property
    def _rows(self) -> dict[str, int]:
        """Row of each vendor (computed once: the tables may hold thousands)."""
        return {v: i for i, v in enumerate(self.vendors)}

    def _cell_at(self, i: int, j: int) -> Cell:
        value = float(self.values[i, j])
        raw: float | None = value
        if self.raw is not None:
            raw = None if np.isnan(self.raw[i, j]) else float(self.raw[i, j])
        return Cell(
            vendor_id=self.vendors[i],
            criterion_id=self.criteria[j],
            unit=self.units[j],
            raw=raw,
            used=value,
            low=float(self.low[i, j]),
            high=float(self.high[i, j]),
            adjustments=self.adjustments[i][j] if self.adjustments else (),
        )

    def cells(self, vendor_ids: Sequence[str] | None = None) -> list[Cell]:
        """Every cell of ``vendor_ids`` (default all), vendor by vendor, criteria in order."""
        rows = (
            range(len(self.vendors)) if vendor_ids is None else [self._rows[v] for v in vendor_ids]
        )
        return [self._cell_at(i, j) for i in rows for j in range(len(self.criteria))]

    def marked(self, vendor_ids: Sequence[str] | None = None) -> list[Cell]:
        """The cells whose ranked value differs from the raw figure (they carry the mark)."""
        if not self.adjustments:
            return []
        rows = (
            range(len(self.vendors)) if vendor_ids is None else [self._rows[v] for v in vendor_ids]
        )
        return [
            self._cell_at(i, j)
            for i in rows
            for j in range(len(self.criteria))
            if marks(self.adjustments[i][j])
        ]

    def no_data(self) -> list[str]:
        """Criteria for which no vendor of the table has any of the facts they read.

        Such a criterion cannot tell the vendors apart: every value is filled by its rule.
        """
        if not self.vendors or not self.adjustments:
            return []

        def wholly_missing(cell: tuple[Adjustment, ...]) -> bool:
            return any(a.code == "missing" and not a.params.get("partial") for a in cell)

        return [
            criterion_id
            for j, criterion_id in enumerate(self.criteria)
            if all(wholly_missing(row[j]) for row in self.adjustments)
        ]

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


def _cell_by_cell(
    leaf: Criterion,
    j: int,
    vendors: list[VendorProfile],
    ctx: Context,
    values: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    raw: np.ndarray,
    evidence: list[list[tuple[str, ...]]],
) -> tuple[list[vf.Valued | None], list[Gap | None]]:
    """Score column ``j`` (``leaf``) vendor by vendor into the arrays; its cells and gaps."""
    cells: list[vf.Valued | None] = []
    gaps: list[Gap | None] = []
    for i, vendor in enumerate(vendors):
        cell = leaf_value(leaf, vendor, ctx)
        gap = cell_gap(leaf, vendor, cell, ctx)
        cells.append(cell)
        gaps.append(gap)
        if cell is not None:
            values[i, j], low[i, j], high[i, j] = cell.value, cell.low, cell.high
            evidence[i][j] = ordered(cell.evidence)
        if gap is None:
            raw[i, j] = values[i, j]
    return cells, gaps


def evaluate(project: Project, *, by_column: bool = True) -> Performance:
    """Evaluate every vendor of ``project`` on every leaf criterion.

    A missing value is filled by its criterion's rule (``missing``: refuse, worst, neutral
    or exclude; see :mod:`erp_select.evaluate.missing`); each filled cell keeps a ``missing``
    adjustment and a :class:`Finding`. Each value's range comes from the facts'
    explicit ``low``/``high`` or, without one, from its evidence level (the criteria's
    ``evidence`` widths). A ``requirements`` criterion rolls the vendor's questionnaire
    answers up (see :mod:`erp_select.evaluate.requirements`); the answers' customisation
    effort × day rate replaces the vendor's ``price.customisation`` quote in the TCO.
    Review ratings are aged against ``project.as_of`` (today when unset).

    A vendor whose TCO is below the criterion's ``low_price_ratio`` × the median TCO of
    the other vendors is flagged as priced suspiciously low; with a ``low_price_penalty``,
    its ranked cost is raised to that floor × (1 + penalty). Every cell keeps its raw
    figure and the adjustments that lead to the ranked one (see
    :mod:`erp_select.evaluate.adjustments`).

    A leaf scored from facts alone is scored over the whole vendor column, each distinct
    set of facts once (:mod:`erp_select.evaluate.columns`); the others cell by cell.

    Parameters
    ----------
    project : Project
        The project (company profile, criteria, vendors).
    by_column : bool
        ``False`` scores every leaf cell by cell (the reference the column path is
        tested against).

    Returns
    -------
    Performance
        The performance table with ranges, objectives, global weights and findings.

    Raises
    ------
    InputError
        When a criterion whose rule is ``refuse`` lacks a vendor's value (one problem per
        vendor and criterion, naming the facts).
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
        (vendor_id, leaf_id): fit
        for leaf_id, spec in req_specs.items()
        for vendor_id, fit in requirement_fits(project.requirements, vendors, spec, widths).items()
    }
    customisations = [
        customisation_cost(project.requirements, v, main_spec, widths)
        if project.requirements
        else None
        for v in vendors
    ]
    if by_column:  # a TCO not priced by answers reads the pricing facts alone
        tco_of = tco_column(
            vendors, company.erp_users, company.horizon_years, widths, company.costs, customisations
        )
    else:
        tco_of = {
            v.id: tco(
                v,
                company.erp_users,
                company.horizon_years,
                widths=widths,
                terms=company.costs,
                customisation=customisation,
            )
            for v, customisation in zip(vendors, customisations, strict=True)
        }
    ctx = Context(project, widths, tco_of, {}, fits)
    reviews = ctx.reviews
    findings: list[Finding] = []
    m, n = len(vendors), len(leaves)
    values = np.full((m, n), np.nan)
    low = np.full((m, n), np.nan)
    high = np.full((m, n), np.nan)
    evidence: list[list[tuple[str, ...]]] = [[() for _ in leaves] for _ in vendors]

    raw = np.full((m, n), np.nan)
    adjustments: list[list[list[Adjustment]]] = [[[] for _ in leaves] for _ in vendors]
    refused: list[Problem] = []
    for j, leaf in enumerate(leaves):
        column = leaf_column(leaf, vendors, ctx) if by_column else None
        if column is not None:  # each distinct set of read facts scored once
            cells, gaps = column.cells, column.gaps
            values[:, j], low[:, j], high[:, j] = column.values, column.low, column.high
            raw[:, j] = column.raw
            for i, levels in enumerate(column.evidence):
                evidence[i][j] = levels
        else:
            cells, gaps = _cell_by_cell(leaf, j, vendors, ctx, values, low, high, raw, evidence)
        refused += fill_column(leaf, j, vendors, cells, gaps, values, low, high, adjustments)
        for i, gap in enumerate(gaps):
            if gap is not None and adjustments[i][j]:
                findings.append(
                    Finding(
                        vendors[i].id,
                        "missing_value",
                        leaf.id,
                        {
                            "criterion": leaf.label,
                            "unit": leaf.unit,
                            "adjustment": adjustments[i][j][-1],
                        },
                    )
                )
    if refused:
        raise InputError(refused)

    for j, leaf in enumerate(leaves):
        if isinstance(leaf.value, TcoValue):
            customisation_adjustments(j, project, tco_of, raw, values, adjustments)
            flag_low_prices(leaf, leaf.value, j, vendors, values, low, high, findings, adjustments)
    evidence_adjustments(widths, evidence, values, low, high, adjustments)
    findings += requirement_findings(project, fits, leaves, tco_of)
    vocab = vocabulary_for(project.criteria)
    unknown: dict[tuple[str, ...], list[tuple[str, str | None]]] = {}  # by the facts stated
    for v in vendors:
        stated = tuple(v.facts)
        if stated not in unknown:
            unknown[stated] = unknown_facts(stated, vocab)
        for fact_id, near in unknown[stated]:
            key = "facts.finding.unknown_suggest" if near else "facts.finding.unknown"
            findings.append(Finding(v.id, key, None, {"fact": fact_id, "suggestion": near}))
    summary_spec = main_spec or RequirementsValue()
    first_leaf = next(iter(req_specs), None)  # its fits are the summary's: computed once
    requirements: dict[str, RequirementFit] = {}
    if project.requirements and first_leaf is not None:
        requirements = {v.id: fits[(v.id, first_leaf)] for v in vendors}
    elif project.requirements:
        requirements = requirement_fits(project.requirements, vendors, summary_spec, widths)

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
        # A TCO is money whatever unit the file states (none in many trees).
        units=[leaf.unit or ("€" if isinstance(leaf.value, TcoValue) else None) for leaf in leaves],
        findings=findings,
        tco=tco_of,
        reviews=reviews,
        evidence=evidence,
        requirements=requirements,
        raw=raw,
        adjustments=[[tuple(cell) for cell in row] for row in adjustments],
    )
