"""The one flow every view drives: evaluate → screen → rank a project."""

from __future__ import annotations

from dataclasses import dataclass, field

from erp_select.engine import RankResult, rank
from erp_select.evaluate import Cell, Performance, evaluate
from erp_select.evaluate.adjustments import cell_text
from erp_select.io.column_cells import paused_gc
from erp_select.model import Project, TcoValue
from erp_select.model.alternatives import Alternative
from erp_select.screen import ScreenResult, screen


@dataclass(frozen=True)
class Analysis:
    """A project's evaluation, screening and ranking of the vendors that passed.

    ``performance`` covers every vendor; ``ranked`` only those kept by the must-haves, in
    the order of ``result`` rows. ``result`` is ``None`` when no vendor passes.

    When vendors have offers or integrators, ``project`` is the project as ranked (one
    vendor profile per alternative, see :meth:`Project.expanded`) and ``alternatives``
    says which vendor, offer and integrator each ranked id stands for.
    """

    project: Project
    method: str
    performance: Performance
    screening: ScreenResult
    ranked: Performance
    result: RankResult | None
    alternatives: tuple[Alternative, ...] = field(default=())

    @property
    def winner(self) -> str | None:
        """Id of the vendor ranked first (the first listed on a tie), if any."""
        order = self.order()
        return order[0] if order else None

    @property
    def tco_criterion(self) -> str | None:
        """Id of the first TCO criterion (the cost every view shows), if any."""
        return next(
            (c.id for c in self.project.criteria.leaves() if isinstance(c.value, TcoValue)), None
        )

    def tco_cell(self, vendor_id: str) -> Cell | None:
        """The vendor's TCO cell (raw figure, ranked value, reasons), if a TCO is ranked."""
        crit = self.tco_criterion
        return None if crit is None else self.performance.cell(vendor_id, crit)

    def marked(self, vendor_ids: list[str] | None = None) -> list[Cell]:
        """Cells whose ranked value differs from the raw figure, vendors in the given order.

        Default: the ranked vendors, best first.
        """
        return self.performance.marked(self.order() if vendor_ids is None else vendor_ids)

    def marked_costs(self, lang: str | None = None) -> dict[str, str]:
        """By vendor id, ``quote → ranked †`` for each vendor whose ranked TCO differs."""
        crit = self.tco_criterion
        return {c.vendor_id: cell_text(c, lang) for c in self.marked() if c.criterion_id == crit}

    def names(self) -> dict[str, str]:
        """Each analysed vendor's name by id (« Vendor — Offer » for an alternative)."""
        return {v.id: v.name for v in self.project.vendors}

    def variant_of(self, alternative_id: str) -> tuple[str, str] | None:
        """The vendor's name and the offer / integrator part of an alternative's name.

        ``None`` for a vendor ranked without offers or integrators.
        """
        for alt in self.alternatives:
            if alt.id == alternative_id and alt.variant:
                return alt.vendor_name, alt.variant
        return None

    def vendor_of(self, alternative_id: str) -> str:
        """The vendor an alternative belongs to (the id itself without offers)."""
        for alt in self.alternatives:
            if alt.id == alternative_id:
                return alt.vendor_id
        return alternative_id

    def grouped(self) -> list[tuple[str, list[str]]]:
        """Ranked ids grouped by vendor: vendors in the order of their best alternative."""
        groups: dict[str, list[str]] = {}
        for alt_id in self.order():
            groups.setdefault(self.vendor_of(alt_id), []).append(alt_id)
        return list(groups.items())

    def no_data(self) -> list[str]:
        """Criteria that no kept vendor has a value for: they cannot tell them apart."""
        return self.ranked.no_data() if self.ranked.vendors else []

    def order(self) -> list[str]:
        """Kept vendor ids from best to worst (ties in input order)."""
        if self.result is None:
            return []
        ranks = self.result.ranks
        return [
            self.result.alternatives[i]
            for i in sorted(range(len(ranks)), key=lambda i: int(ranks[i]))
        ]


def analyse(project: Project, method: str | None = None) -> Analysis:
    """Run the whole flow on ``project`` with ``method`` (default: the project's method).

    Parameters
    ----------
    project : Project
        The validated project.
    method : str, optional
        A key of :func:`erp_select.engine.methods`; the project's method when omitted.

    Returns
    -------
    Analysis
        Everything the views show: values, screening, ranking.
    """
    key = method or project.method
    alts: tuple[Alternative, ...] = ()
    if project.has_variants:
        alts = tuple(project.alternatives())
        project = project.expanded()
    with paused_gc():  # a long list makes hundreds of thousands of small acyclic objects
        performance = evaluate(project)
        screening = screen(project.vendors, project.company, performance)
        ranked = performance.subset(screening.kept)
    result = None
    if screening.kept:
        result = rank(ranked.problem, method=key)
    return Analysis(project, key, performance, screening, ranked, result, alts)
