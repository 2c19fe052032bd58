"""Each analysis of the suite, one function per figure, on a project prepared once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pandas as pd

from erp_select.analysis import reuse
from erp_select.analysis.settings import AnalysisSettings, pin
from erp_select.engine import Problem
from erp_select.explain.benefit import BenefitScore, benefit_score
from erp_select.explain.contributions import SUPPORTED_METHODS, Contributions
from erp_select.explain.contributions import contributions as explain_contributions
from erp_select.explain.contributions import value_for_money as explain_value_for_money
from erp_select.explain.summary import Summary, robustness_summary
from erp_select.model import Project, ReviewsValue
from erp_select.model.criteria import SCORE_KINDS
from erp_select.pipeline import Analysis
from erp_select.sensitivity.agreement import AgreementResult, method_agreement
from erp_select.sensitivity.blocks import default_workers
from erp_select.sensitivity.curves import WeightCurves, weight_curves
from erp_select.sensitivity.smaa import SmaaResult, run_smaa
from erp_select.sensitivity.stability import stability_intervals
from erp_select.sensitivity.tornado import tornado
from erp_select.sensitivity.what_it_takes import WhatItTakes, what_it_takes
from erp_select.weights.group import group_tree

#: Tolerance when comparing the tree's weights with those the judgments give.
WEIGHT_TOL = 1e-3
#: Units that mark a criterion as a cost in money (besides a TCO criterion).
MONEY_UNITS = frozenset({"eur", "€", "euro", "euros", "k€", "keur"})


#: Most vendors the sensitivity analyses follow: the leading ones of a long list.
PROBE_VENDORS = 30


@dataclass(frozen=True)
class Prepared:
    """A project pinned to its run's date and seed, ranked once; every part starts here.

    Attributes
    ----------
    project : Project
        The project as analysed (see :func:`erp_select.analysis.settings.pin`), one vendor
        profile per ranked alternative when vendors have offers or integrators.
    analysis : Analysis
        The pipeline's evaluation, screening and ranking of that project.
    settings : AnalysisSettings
    seed : int
        The seed of every random part.
    day : datetime.date
        The date of the run.
    evaluation : str
        The digest of what the evaluation read (:func:`erp_select.analysis.reuse.evaluation_key`):
        equal for two versions of a project that differ only in weights, method or seed.
    source : Project or None
        The pinned project as written (with its offers and integrators) when it differs
        from ``project``.
    """

    project: Project
    analysis: Analysis
    settings: AnalysisSettings
    seed: int
    day: dt.date
    evaluation: str = ""
    source: Project | None = None

    @property
    def problem(self) -> Problem:
        """The ranked vendors' table: the problem every analysis takes (with value ranges)."""
        return self.analysis.ranked.problem

    @cached_property
    def probe(self) -> Problem:
        """The table the sensitivity analyses take: the ranked vendors, at most the first
        :data:`PROBE_VENDORS` of the ranking (kept in their input order).

        A long list is screened and ranked whole; its sensitivity is that of its
        shortlist, the vendors that can still win (SMAA-2's rank table alone grows as the
        square of the vendors).
        """
        ranked = self.analysis.ranked
        if len(ranked.vendors) <= PROBE_VENDORS:
            return ranked.problem
        top = set(self.analysis.order()[:PROBE_VENDORS])
        return ranked.subset([v for v in ranked.vendors if v in top]).problem

    @property
    def method(self) -> str:
        """The project's ranking method."""
        return self.analysis.method

    @cached_property
    def benefit(self) -> BenefitScore:
        """The ranking's method on every criterion but the cost ones (computed once: the
        value-for-money part starts from it too)."""
        return benefit_score(
            self.problem, method=self.method, cost_criteria=cost_criteria(self.project)
        )


def prepare(project: Project, settings: AnalysisSettings | None = None) -> Prepared:
    """Pin ``project`` to the run's date and seed and run the pipeline on it.

    The evaluation and screening are reused from an earlier run on the same facts
    (:mod:`erp_select.analysis.reuse`): after a weight or method change only the ranking
    is computed again.
    """
    chosen = settings or AnalysisSettings()
    day = chosen.day()
    seed = chosen.seed_for(project)
    pinned = pin(project, seed=seed, day=day)
    key = reuse.evaluation_key(pinned)
    analysis = reuse.analyse(pinned, key=key)
    source = pinned if analysis.project is not pinned else None
    return Prepared(analysis.project, analysis, chosen, seed, day, key, source)


def value_bounds(project: Project) -> dict[str, tuple[float, float]]:
    """The reachable range of each score criterion (0–100, reviews 0–scale).

    What-it-takes never asks for a score above its scale; raw facts and costs keep the
    core's search range (no bound is known for them).
    """
    out: dict[str, tuple[float, float]] = {}
    for leaf in project.criteria.leaves():
        spec = leaf.value
        if spec is None:
            continue
        if spec.kind in SCORE_KINDS:
            out[leaf.id] = (0.0, 100.0)
        elif isinstance(spec, ReviewsValue):
            out[leaf.id] = (0.0, float(spec.scale_max))
    return out


def cost_criteria(project: Project) -> tuple[str, ...]:
    """The leaf criteria that measure cost in money: a TCO, or a value in euros."""
    out = []
    for leaf in project.criteria.leaves():
        kind = leaf.value.kind if leaf.value is not None else None
        unit = (leaf.unit or "").strip().lower()
        if kind == "tco" or (leaf.direction == "cost" and unit in MONEY_UNITS):
            out.append(leaf.id)
    return tuple(out)


def weight_levels(prep: Prepared) -> tuple[list[Any], bool] | None:
    """The workshop's weights level by level, and whether the tree's weights are theirs."""
    project = prep.project
    if not project.judgments:
        return None
    tree, levels = group_tree(project.criteria, project.judgments)
    ours = project.criteria.global_weights()
    theirs = tree.global_weights()
    return list(levels), all(abs(ours[k] - theirs[k]) <= WEIGHT_TOL for k in ours)


def curves(prep: Prepared) -> WeightCurves:
    """Weight curves and crossovers of every criterion."""
    return weight_curves(prep.probe, method=prep.method)


def nearest_criteria(crossovers: pd.DataFrame | None, limit: int) -> list[str]:
    """The criteria whose change of winner is nearest their current weight, at most ``limit``."""
    if crossovers is None or len(crossovers) == 0:
        return []
    gaps = (crossovers["weight"] - crossovers["current_weight"]).abs()
    order = crossovers.assign(gap=gaps).sort_values("gap", kind="stable")
    return list(dict.fromkeys(str(c) for c in order["criterion"]))[:limit]


def stability(prep: Prepared) -> pd.DataFrame:
    """Stability intervals of every criterion's weight."""
    return stability_intervals(prep.probe, method=prep.method)


def tornado_table(prep: Prepared) -> pd.DataFrame:
    """The winner's margin when each weight moves by ± the settings' delta."""
    return tornado(prep.probe, method=prep.method, delta=prep.settings.tornado_delta)


def smaa_task(prep: Prepared, beside: bool = False) -> dict[str, Any]:
    """The arguments of SMAA-2 for this run (plain data: a worker process can take it).

    ``beside``: SMAA-2 runs beside the other analyses, so it leaves them a core (its
    threads: the cores available but one, at least one; the result is the same).

    The problem carries the value ranges: every value with a range (``low < high``) is
    uncertain, including a range on one side only (a score of 100 that may be 75:
    triangular 75–100–100); values without a range (``low == value == high``) are certain.
    """
    task: dict[str, Any] = {
        "problem": prep.probe,
        "method": prep.method,
        "n": prep.settings.samples,
        "seed": prep.seed,
    }
    if beside:
        task["workers"] = max(1, default_workers() - 1)
    return task


def run_smaa_task(task: Mapping[str, Any]) -> SmaaResult:
    """``run_smaa`` of a task: a module-level function, so a worker process can run it."""
    options = {k: v for k, v in task.items() if k != "problem"}
    return run_smaa(task["problem"], **options)


def smaa(prep: Prepared) -> SmaaResult:
    """SMAA-2 of this run (in this process)."""
    return run_smaa_task(smaa_task(prep))


def runner_up(prep: Prepared) -> str | None:
    """The vendor ranked second (whose what-it-takes the summary quotes), if any."""
    order = prep.analysis.order()
    return order[1] if len(order) > 1 else None


def challengers(prep: Prepared) -> list[str]:
    """The vendors what-it-takes is run for: the next ones after the winner."""
    order = prep.analysis.order()
    return order[1 : 1 + prep.settings.challengers]


def what_for(prep: Prepared, challenger: str) -> WhatItTakes:
    """What it takes for ``challenger`` to come first (scores capped at their scale)."""
    return what_it_takes(
        prep.probe,
        method=prep.method,
        challengers=[challenger],
        seed=prep.seed,
        value_bounds=value_bounds(prep.project),
    )


def agreement(prep: Prepared, lang: str | None = None) -> AgreementResult:
    """The ranks every method gives, their correlations and consensus.

    ``lang`` is the language of the messages of methods that fail (the figures do not
    depend on it).
    """
    return method_agreement(
        prep.probe,
        reference=prep.method,
        reversal_methods=None if prep.settings.agreement_reversal else [],
        seed=prep.seed,
        lang=lang,
    )


def contributions(prep: Prepared) -> Contributions | None:
    """The criterion-by-criterion breakdown (``None`` for a method that has none)."""
    if prep.method not in SUPPORTED_METHODS:
        return None
    return explain_contributions(prep.problem, method=prep.method)


def benefit(prep: Prepared) -> BenefitScore:
    """The ranking's method on every criterion but the cost ones, weights renormalised."""
    return prep.benefit


def value_for_money(prep: Prepared) -> pd.DataFrame:
    """Benefit score against 5-year cost, and the efficient frontier on that plane."""
    score = prep.benefit
    ranked = prep.analysis.ranked
    costs = [ranked.tco[v].total.likely for v in ranked.vendors]
    return explain_value_for_money(
        score.scores.to_numpy(), costs, ranked.vendors, higher_is_better=score.higher_is_better
    )


def labels(project: Project, lang: str) -> dict[str, str]:
    """Display names by id: vendors (and offers) by name, criteria by their label in ``lang``."""
    out = {v.id: v.name for v in project.expanded().vendors}
    out.update({c.id: c.label.get(lang) for c in project.criteria.walk()})
    return out


def summary(
    prep: Prepared,
    lang: str,
    *,
    smaa_result: SmaaResult | None,
    crossovers: pd.DataFrame | None,
    stability_table: pd.DataFrame | None,
    what: WhatItTakes | None,
) -> Summary:
    """The plain-language robustness summary in ``lang``, from the parts already computed."""
    ranked = prep.analysis.ranked
    return robustness_summary(
        winner=prep.analysis.order()[0],
        smaa=smaa_result,
        crossovers=crossovers,
        stability=stability_table,
        what=what,
        labels=labels(prep.project, lang),
        units=dict(zip(ranked.criteria, ranked.units, strict=True)),
        adjusted={(c.vendor_id, c.criterion_id): c for c in prep.analysis.marked()},
        lang=lang,
    )


#: Every part by name, as a :class:`erp_select.analysis.suite.Runner` computes it.
PARTS: dict[str, Callable[..., Any]] = {
    "weight_levels": weight_levels,
    "contributions": contributions,
    "benefit": benefit,
    "value_for_money": value_for_money,
    "curves": curves,
    "stability": stability,
    "tornado": tornado_table,
    "agreement": agreement,
    "what": what_for,
    "smaa": smaa,
}
