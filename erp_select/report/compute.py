"""Run every analysis a report shows, once, and keep what failed and why."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import pandas as pd

import erp_select
from erp_select.errors import InputError
from erp_select.model import Project
from erp_select.model.fingerprint import fingerprint
from erp_select.pipeline import Analysis, analyse
from erp_select.report import DEFAULT_SAMPLES

#: At most this many weight-curve charts (the criteria whose change of winner is nearest).
MAX_CURVES = 3
#: ``what_it_takes`` is run for this many challengers (the next vendors in the ranking);
#: each costs about a second of optimisation.
MAX_CHALLENGERS = 1
#: Tolerance when comparing the tree's weights with those the judgments give.
WEIGHT_TOL = 1e-3

T = TypeVar("T")
LinAlgError = np.linalg.LinAlgError


@dataclass(frozen=True)
class Skipped:
    """An analysis the report could not show, and why (a catalogue key and its params)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


@dataclass
class ReportInputs:
    """Everything a report shows, computed once for every language and format.

    Attributes left ``None`` were not computed; ``skipped`` says why, by section.
    """

    project: Project
    analysis: Analysis
    fingerprint: str
    version: str
    generated: dt.date
    samples: int
    seed: int
    weight_levels: list[Any] | None = None
    weights_consistent: bool = True
    curves: Any = None
    curve_criteria: list[str] = field(default_factory=list)
    stability: pd.DataFrame | None = None
    smaa: Any = None
    agreement: Any = None
    what: Any = None
    contributions: Any = None
    value_for_money: pd.DataFrame | None = None
    skipped: dict[str, Skipped] = field(default_factory=dict)

    @property
    def kept(self) -> list[str]:
        """Vendor ids that passed the must-haves, in input order."""
        return list(self.analysis.screening.kept)

    @property
    def order(self) -> list[str]:
        """Kept vendor ids from best to worst."""
        return self.analysis.order()


def _attempt(
    inputs: ReportInputs, section: str, func: Callable[[], T], lang: str | None = None
) -> T | None:
    """Run ``func``; on a rejected input, record the reason under ``section`` and return None."""
    try:
        return func()
    except InputError as exc:
        inputs.skipped[section] = Skipped("report.skipped.input", problems=tuple(exc.lines(lang)))
    except (ValueError, ArithmeticError, LinAlgError) as exc:
        inputs.skipped[section] = Skipped("report.skipped.failed", {"error": type(exc).__name__})
    return None


def _weight_levels(inputs: ReportInputs) -> None:
    project = inputs.project
    if not project.judgments:
        return
    from erp_select.weights.group import group_tree

    result = _attempt(inputs, "weights", lambda: group_tree(project.criteria, project.judgments))
    if result is None:
        return
    tree, levels = result
    inputs.weight_levels = list(levels)
    ours = project.criteria.global_weights()
    theirs = tree.global_weights()
    inputs.weights_consistent = all(abs(ours[k] - theirs[k]) <= WEIGHT_TOL for k in ours)


def _run_smaa(kwargs: dict[str, Any]) -> Any:
    """``run_smaa(**kwargs)``: a module-level task, so a worker process can run it."""
    from erp_select.sensitivity.smaa import run_smaa

    return run_smaa(**kwargs)


def _nearest_criteria(crossovers: pd.DataFrame, limit: int) -> list[str]:
    if crossovers is None or len(crossovers) == 0:
        return []
    gaps = (crossovers["weight"] - crossovers["current_weight"]).abs()
    order = crossovers.assign(gap=gaps).sort_values("gap", kind="stable")
    return list(dict.fromkeys(str(c) for c in order["criterion"]))[:limit]


def compute(
    project: Project,
    *,
    sensitivity_samples: int = DEFAULT_SAMPLES,
    seed: int | None = None,
    generated: dt.date | None = None,
) -> ReportInputs:
    """Run the pipeline and every analysis the report shows.

    Parameters
    ----------
    project : Project
        The validated project.
    sensitivity_samples : int
        Number of SMAA-2 samples.
    seed : int, optional
        Seed of the random analyses (default: the project's seed).
    generated : datetime.date, optional
        Date printed on the report (default: today).

    Returns
    -------
    ReportInputs
        The analyses; those that could not run are listed in ``skipped``. Its
        ``project`` is the project as analysed: without a reference date (``as_of``, the
        date the customer reviews are aged to), it gets the report's date, and it carries
        the seed used; the fingerprint is of that project, so saving it reproduces the
        report on any later day (a project without a date would drift as reviews age).
    """
    from erp_select.explain.contributions import contributions, value_for_money
    from erp_select.sensitivity.agreement import method_agreement
    from erp_select.sensitivity.curves import weight_curves
    from erp_select.sensitivity.stability import stability_intervals
    from erp_select.sensitivity.what_it_takes import what_it_takes

    run_seed = project.seed if seed is None else int(seed)
    day = generated or dt.date.today()
    pinned: dict[str, object] = {}
    if project.as_of is None:
        pinned["as_of"] = day
    if run_seed != project.seed:
        pinned["seed"] = run_seed
    if pinned:
        project = project.model_copy(update=pinned)
    analysis = analyse(project)
    inputs = ReportInputs(
        project=project,
        analysis=analysis,
        fingerprint=fingerprint(project),
        version=erp_select.__version__,
        generated=day,
        samples=int(sensitivity_samples),
        seed=run_seed,
    )
    _weight_levels(inputs)
    result = analysis.result
    ranked = analysis.ranked
    if result is None:
        inputs.skipped["ranking"] = Skipped("report.skipped.no_vendor")
        return inputs
    method = analysis.method
    args = (ranked.values, ranked.objectives, ranked.weights)
    alts, crits = ranked.vendors, ranked.criteria

    costs = [ranked.tco[v].total.likely for v in ranked.vendors]
    inputs.value_for_money = _attempt(
        inputs,
        "value_for_money",
        lambda: value_for_money(
            result.scores, costs, ranked.vendors, higher_is_better=result.higher_is_better
        ),
    )
    if method in ("topsis", "wsm"):
        inputs.contributions = _attempt(
            inputs,
            "contributions",
            lambda: contributions(*args, method=method, alternatives=alts, criteria=crits),
        )
    else:
        inputs.skipped["contributions"] = Skipped("report.skipped.no_decomposition")

    if len(ranked.vendors) < 2:
        for section in ("curves", "stability", "smaa", "agreement", "what"):
            inputs.skipped[section] = Skipped("report.skipped.one_vendor")
        return inputs

    # SMAA-2 is the longest analysis: when the report's worker processes are running (a
    # PDF or HTML report started them), one of them runs it while this process runs the
    # others; otherwise (or if no worker is free) it runs here, as before.
    from erp_select.report import workers

    smaa_task: dict[str, Any] = {
        "matrix": ranked.values,
        "objectives": ranked.objectives,
        "weights": ranked.weights,
        "method": method,
        "n": inputs.samples,
        "seed": run_seed,
        "low": np.where(ranked.low != ranked.values, ranked.low, np.nan),
        "high": np.where(ranked.high != ranked.values, ranked.high, np.nan),
        "alternatives": alts,
        "criteria": crits,
    }
    smaa_future = workers.submit(_run_smaa, smaa_task) if workers.pool_running() else None
    inputs.curves = _attempt(
        inputs, "curves", lambda: weight_curves(*args, method, alternatives=alts, criteria=crits)
    )
    if inputs.curves is not None:
        inputs.curve_criteria = _nearest_criteria(inputs.curves.crossovers, MAX_CURVES)
    inputs.stability = _attempt(
        inputs,
        "stability",
        lambda: stability_intervals(*args, method, alternatives=alts, criteria=crits),
    )
    inputs.agreement = _attempt(
        inputs,
        "agreement",
        # The rank-reversal check re-ranks the vendors many times (about 20 s for 30
        # vendors) and the report does not show it: left out.
        lambda: method_agreement(
            *args,
            reference=method,
            reversal_methods=[],
            seed=run_seed,
            alternatives=alts,
            criteria=crits,
        ),
    )
    order = analysis.order()
    challengers = [v for v in order[1 : 1 + MAX_CHALLENGERS]]
    inputs.what = _attempt(
        inputs,
        "what",
        lambda: what_it_takes(
            *args, method, challengers=challengers, seed=run_seed, alternatives=alts, criteria=crits
        ),
    )
    inputs.smaa = _attempt(
        inputs, "smaa", lambda: workers.result(smaa_future, _run_smaa, smaa_task)
    )
    return inputs


def finite(value: float) -> bool:
    """True when ``value`` is a finite number."""
    return isinstance(value, int | float | np.floating) and math.isfinite(float(value))
