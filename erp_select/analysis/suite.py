"""One analysis suite: a project and its settings in, every figure of every surface out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import numpy as np
import pandas as pd

import erp_select
from erp_select.analysis import parts
from erp_select.analysis.settings import AnalysisSettings
from erp_select.errors import InputError, Problem
from erp_select.explain.benefit import BenefitScore
from erp_select.explain.contributions import Contributions
from erp_select.explain.summary import Summary
from erp_select.i18n import t
from erp_select.model import Project
from erp_select.model.fingerprint import fingerprint
from erp_select.pipeline import Analysis
from erp_select.sensitivity.agreement import AgreementResult
from erp_select.sensitivity.curves import WeightCurves
from erp_select.sensitivity.smaa import SmaaResult
from erp_select.sensitivity.what_it_takes import WhatItTakes

T = TypeVar("T")
R = TypeVar("R")
#: The languages the summary is written in.
LANGS = ("fr", "en")
#: Size of the recommended shortlist (at most; fewer when fewer vendors pass).
SHORTLIST_SIZE = 3
#: How many ranked vendors just below the shortlist count as near misses.
NEAR_MISS_RANKS = 1
#: The sections that need two ranked vendors.
COMPARISONS = ("curves", "stability", "tornado", "smaa", "agreement", "what", "summary")


class Submit(Protocol):
    """Start ``func(item)`` somewhere (a worker process…) and return a call that waits for it.

    The waiting call returns ``func(item)`` or raises what it raised. ``func`` is a
    module-level function and ``item`` plain data, so both can be pickled.
    """

    def __call__(self, func: Callable[[T], R], item: T, /) -> Callable[[], R]: ...


class Runner(Protocol):
    """Compute the part ``name`` (a key of :data:`erp_select.analysis.parts.PARTS`).

    ``runner(name, *args)`` returns ``PARTS[name](prepared, *args)``; a caller may
    memoise it (the app caches each part), never compute it another way.
    """

    def __call__(self, name: str, /, *args: Any) -> Any: ...


def direct(prep: parts.Prepared) -> Runner:
    """The default :class:`Runner`: compute each part on ``prep`` when asked."""

    def run(name: str, /, *args: Any) -> Any:
        return parts.PARTS[name](prep, *args)

    return run


def run_here(func: Callable[[T], R], item: T, /) -> Callable[[], R]:
    """A :class:`Submit` that runs ``func(item)`` in this thread when waited for."""
    return lambda: func(item)


def in_thread(func: Callable[[T], R], item: T, /) -> Callable[[], R]:
    """The default :class:`Submit`: start ``func(item)`` on a thread of this process now.

    SMAA-2 spends its time in numpy loops that release the interpreter, so it runs beside
    the other analyses (mostly Python) on a second core; its result is the same.
    """
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="analysis")
    future = pool.submit(func, item)
    pool.shutdown(wait=False)
    return future.result


@dataclass(frozen=True)
class Skipped:
    """A section the suite could not compute, and why (a catalogue key, its params, problems)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    def lines(self, lang: str | None) -> list[str]:
        """The reason then each problem, in ``lang``."""
        return [t(self.key, lang, **self.params), *(p.render(lang) for p in self.problems)]


@dataclass(frozen=True)
class AnalysisSuite:
    """Every analysis of a project, computed once with one set of settings.

    A section left ``None`` (or empty) was not computed; ``skipped`` says why, by
    section: ``weights``, ``ranking``, ``contributions``, ``value_for_money``, ``curves``,
    ``stability``, ``tornado``, ``smaa``, ``agreement``, ``what``, ``summary``.

    Attributes
    ----------
    project : Project
        The project as analysed: pinned to the run's reference date when it had none, and
        carrying the seed used (saving it reproduces every figure on any later day).
    analysis : Analysis
        The pipeline's evaluation, screening and ranking.
    settings : AnalysisSettings
    fingerprint : str
        SHA-256 of the analysed project.
    version : str
        The tool's version.
    day : datetime.date
        The date of the run.
    seed : int
        The seed of every random analysis.
    weight_levels : list or None
        The workshop's weights level by level (``None`` without judgments).
    weights_consistent : bool
        Whether the tree's weights are those the judgments give.
    curves : WeightCurves or None
    curve_criteria : list of str
        The criteria whose change of winner is nearest (at most ``settings.max_curves``).
    stability, tornado : DataFrame or None
    smaa : SmaaResult or None
    agreement : AgreementResult or None
    what : mapping of str to WhatItTakes
        What it takes for each of the next ``settings.challengers`` vendors.
    contributions : Contributions or None
    benefit : BenefitScore or None
        The ranking without its cost criteria (value for money's vertical axis).
    value_for_money : DataFrame or None
        Benefit score against 5-year cost, with the efficient frontier.
    summaries : mapping of str to Summary
        The robustness summary in each of :data:`LANGS`.
    skipped : mapping of str to Skipped
    source : Project or None
        The analysed project as written, with its offers and integrators, when ``project``
        is its expansion into alternatives (save this one).
    """

    project: Project
    analysis: Analysis
    settings: AnalysisSettings
    fingerprint: str
    version: str
    day: dt.date
    seed: int
    weight_levels: list[Any] | None = None
    weights_consistent: bool = True
    curves: WeightCurves | None = None
    curve_criteria: list[str] = field(default_factory=list)
    stability: pd.DataFrame | None = None
    tornado: pd.DataFrame | None = None
    smaa: SmaaResult | None = None
    agreement: AgreementResult | None = None
    what: Mapping[str, WhatItTakes] = field(default_factory=dict)
    contributions: Contributions | None = None
    benefit: BenefitScore | None = None
    value_for_money: pd.DataFrame | None = None
    summaries: Mapping[str, Summary] = field(default_factory=dict)
    skipped: Mapping[str, Skipped] = field(default_factory=dict)
    source: Project | None = None

    @property
    def saved(self) -> Project:
        """The project to save with the results: as written, offers and integrators kept."""
        return self.source or self.project

    @property
    def samples(self) -> int:
        """Number of SMAA-2 samples."""
        return self.settings.samples

    @property
    def kept(self) -> list[str]:
        """Vendor ids that passed the must-haves, in input order."""
        return list(self.analysis.screening.kept)

    @property
    def order(self) -> list[str]:
        """Kept vendor ids from best to worst."""
        return self.analysis.order()

    @property
    def shortlist(self) -> list[str]:
        """The recommended shortlist: the :data:`SHORTLIST_SIZE` best-ranked vendors."""
        return self.order[:SHORTLIST_SIZE]

    @property
    def near_misses(self) -> list[str]:
        """The vendors that almost made the shortlist, ranked ones first.

        A near miss is either ranked just below the shortlist (the next
        :data:`NEAR_MISS_RANKS` vendors of the order) or excluded narrowly by the must-haves
        (every rule it fails, it fails within that rule's ``near_miss`` tolerance: see
        :meth:`erp_select.screen.ScreenResult.near_misses`).
        """
        below = self.order[SHORTLIST_SIZE : SHORTLIST_SIZE + NEAR_MISS_RANKS]
        return below + [v for v in self.analysis.screening.near_misses() if v not in below]

    @property
    def runner_up_what(self) -> WhatItTakes | None:
        """What it takes for the vendor ranked second (the one the summary quotes)."""
        order = self.order
        return self.what.get(order[1]) if len(order) > 1 else None

    def summary(self, lang: str) -> Summary | None:
        """The robustness summary in ``lang`` (``None`` when it could not be written)."""
        return self.summaries.get(lang)


class _Sections:
    """Runs each section, keeping the reason of those that reject their data."""

    def __init__(self) -> None:
        self.skipped: dict[str, Skipped] = {}

    def attempt(self, section: str, func: Callable[[], T]) -> T | None:
        try:
            return func()
        except InputError as exc:
            self.skipped[section] = Skipped("analysis.skipped.input", problems=tuple(exc.problems))
        except (ValueError, ArithmeticError, np.linalg.LinAlgError) as exc:
            self.skipped[section] = Skipped(
                "analysis.skipped.failed", {"error": type(exc).__name__}
            )
        return None

    def skip(self, section: str, key: str) -> None:
        self.skipped[section] = Skipped(f"analysis.skipped.{key}")


def run_analysis(
    project: Project,
    settings: AnalysisSettings | None = None,
    *,
    submit: Submit | None = None,
) -> AnalysisSuite:
    """Run the pipeline and every analysis any surface shows, once.

    Parameters
    ----------
    project : Project
        The validated project.
    settings : AnalysisSettings, optional
        Samples, seed, reference date… (default: :class:`AnalysisSettings()`).
    submit : Submit, optional
        Where SMAA-2, the longest part, runs: it is started first and collected last, so
        another process (the report's workers) can run it meanwhile. Default: a thread of
        this process (:func:`in_thread`).

    Returns
    -------
    AnalysisSuite
        An analysis that rejects the data is left out with its reason in ``skipped``
        instead of failing the run.
    """
    return assemble(parts.prepare(project, settings), submit=submit)


def assemble(
    prep: parts.Prepared, *, submit: Submit | None = None, runner: Runner | None = None
) -> AnalysisSuite:
    """The suite of an already prepared project, each part from ``runner``.

    :func:`run_analysis` is ``assemble(prepare(project, settings))``; the app passes a
    runner that memoises each part, so a page that showed a part and the report share it.
    With a ``runner``, SMAA-2 comes from it too and ``submit`` is not used.
    """
    run = runner or direct(prep)
    sections = _Sections()
    base: dict[str, Any] = {
        "project": prep.project,
        "analysis": prep.analysis,
        "settings": prep.settings,
        "fingerprint": fingerprint(prep.source or prep.project),
        "source": prep.source,
        "version": erp_select.__version__,
        "day": prep.day,
        "seed": prep.seed,
        "skipped": sections.skipped,
    }
    levels = sections.attempt("weights", lambda: run("weight_levels"))
    if levels is not None:
        base["weight_levels"], base["weights_consistent"] = levels
    analysis = prep.analysis
    if analysis.result is None:
        sections.skip("ranking", "no_vendor")
        return AnalysisSuite(**base)
    base["benefit"] = sections.attempt("value_for_money", lambda: run("benefit"))
    if base["benefit"] is not None:
        base["value_for_money"] = sections.attempt(
            "value_for_money", lambda: run("value_for_money")
        )
    base["contributions"] = sections.attempt("contributions", lambda: run("contributions"))
    if base["contributions"] is None and "contributions" not in sections.skipped:
        sections.skip("contributions", "no_decomposition")
    if len(analysis.ranked.vendors) < 2:
        for section in COMPARISONS:
            sections.skip(section, "one_vendor")
        return AnalysisSuite(**base)
    if runner is not None:
        smaa_wait: Callable[[], SmaaResult] = lambda: run("smaa")  # noqa: E731
    else:
        task = parts.smaa_task(prep, beside=True)
        smaa_wait = (submit or in_thread)(parts.run_smaa_task, task)
    return AnalysisSuite(**base, **_comparisons(prep, sections, run, smaa_wait))


def _comparisons(
    prep: parts.Prepared,
    sections: _Sections,
    run: Runner,
    smaa_wait: Callable[[], SmaaResult],
) -> dict[str, Any]:
    """The analyses that compare two vendors or more; SMAA-2 runs alongside the others."""
    out: dict[str, Any] = {}
    curves = sections.attempt("curves", lambda: run("curves"))
    out["curves"] = curves
    if curves is not None:
        out["curve_criteria"] = parts.nearest_criteria(curves.crossovers, prep.settings.max_curves)
    out["stability"] = sections.attempt("stability", lambda: run("stability"))
    out["tornado"] = sections.attempt("tornado", lambda: run("tornado"))
    out["agreement"] = sections.attempt("agreement", lambda: run("agreement"))
    what: dict[str, WhatItTakes] = {}
    for challenger in parts.challengers(prep):
        found = sections.attempt("what", lambda c=challenger: run("what", c))  # type: ignore[misc]
        if found is not None:
            what[challenger] = found
    out["what"] = what
    smaa = sections.attempt("smaa", smaa_wait)
    out["smaa"] = smaa
    second = parts.runner_up(prep)
    runner_up = what.get(second) if second is not None else None
    summaries: dict[str, Summary] = {}
    if smaa is not None or curves is not None or out["stability"] is not None:
        for lang in LANGS:
            found_summary = sections.attempt(
                "summary",
                lambda lang=lang: parts.summary(  # type: ignore[misc]
                    prep,
                    lang,
                    smaa_result=smaa,
                    crossovers=curves.crossovers if curves is not None else None,
                    stability_table=out["stability"],
                    what=runner_up,
                ),
            )
            if found_summary is not None:
                summaries[lang] = found_summary
    out["summaries"] = summaries
    return out
