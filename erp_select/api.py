"""The small public facade for notebooks and scripts: rank, weigh, probe, load, analyse.

Everything here takes plain Python / NumPy values and returns pandas or plain values;
the same functions drive the app, the command line and the reports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from erp_select import engine, io, pipeline, weights
from erp_select.analysis import AnalysisSettings, AnalysisSuite, run_analysis
from erp_select.catalogue import default_criteria, demo_vendors, presets, sectors
from erp_select.demos import ReferenceCall, reference_questions
from erp_select.demos.references import record_call, remove_call
from erp_select.engine import Problem
from erp_select.io.questionnaire import export_questionnaire, import_questionnaire, sector_template
from erp_select.model import Project
from erp_select.model.demo_script import DemoScript
from erp_select.model.problem import as_problem
from erp_select.sensitivity.curves import weight_crossovers as _weight_crossovers
from erp_select.sensitivity.smaa import smaa as _smaa
from erp_select.workshop.scorecard_import import import_scorecards
from erp_select.workshop.scorecard_sheet import export_scorecards

__all__ = [
    "AnalysisSettings",
    "Problem",
    "ahp",
    "analyse",
    "analyse_project",
    "default_criteria",
    "demo_script",
    "demo_script_document",
    "demo_vendors",
    "export_questionnaire",
    "export_scorecards",
    "import_questionnaire",
    "import_scorecards",
    "load_project",
    "methods",
    "presets",
    "rank",
    "rank_weights",
    "record_reference_call",
    "reference_questions",
    "remove_reference_call",
    "sector_template",
    "sectors",
    "smaa",
    "weight_crossovers",
]


def methods() -> list[str]:
    """The keys of the ranking methods, default (``"topsis"``) first."""
    return [info.key for info in engine.methods()]


def rank(
    matrix: Problem | npt.ArrayLike,
    objectives: Sequence[Any] | None = None,
    weights: npt.ArrayLike | None = None,
    method: str = "topsis",
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Rank alternatives on raw performance values.

    Parameters
    ----------
    matrix : array-like, shape (m, n), or Problem
        Raw values: one row per alternative, one column per criterion; the problem is
        built from them (:meth:`Problem.of`, checked once). A ``Problem`` built already
        is taken as it is (then pass nothing but ``method``).
    objectives : sequence of {"max", "min"}
        Whether more is better (``"max"``) or worse (``"min"``, e.g. a cost) per criterion;
        ``"benefit"``/``"cost"``, ``"maximise"``/``"minimise"`` and 1/−1 are accepted too, by
        every function of this module that takes a problem.
    weights : array-like, shape (n,)
        Non-negative weights with a positive sum (normalised to sum 1).
    method : str
        A key of :func:`methods`; TOPSIS with vector normalisation by default.
    alternatives, criteria : sequence of str, optional
        Names (``A1…``, ``C1…`` by default).

    Returns
    -------
    pandas.DataFrame
        Indexed by alternative, with columns ``score`` and ``rank`` (1 = best; equal
        scores share the best rank).
    """
    problem = as_problem(matrix, objectives, weights, alternatives, criteria)
    return engine.rank(problem, method=method).to_frame()[["score", "rank"]]


def ahp(matrix: npt.ArrayLike, ids: Sequence[str] | None = None) -> tuple[np.ndarray, Any]:
    """AHP priorities of a pairwise comparison matrix and its consistency report.

    Returns the principal-eigenvector priorities (sum 1) and a report with ``lambda_max``,
    ``ci``, ``cr`` (Saaty's random index), whether it is consistent (CR ≤ 0.10) and the
    judgments that most hurt consistency. Unanswered pairs may be NaN (Harker completion).
    """
    return weights.ahp(matrix, ids)


def rank_weights(
    ranks: Mapping[str, int] | Sequence[int],
    method: Literal["roc", "rank_sum", "reciprocal"] = "roc",
) -> np.ndarray:
    """Weights from a ranking of criteria (1 = most important, ties allowed).

    ``"roc"`` is the rank-order centroid, w_k = (1/n) Σ_{i=k..n} 1/i.
    """
    values, _report = weights.rank_weights(ranks, method)
    return values


def smaa(
    matrix: Problem | npt.ArrayLike,
    objectives: Sequence[Any] | None = None,
    weights: npt.ArrayLike | None = None,
    method: str = "topsis",
    n: int = 10_000,
    seed: int = 0,
    **options: Any,
) -> pd.DataFrame:
    """SMAA-2 rank acceptability indices (alternatives × ranks), reproducible with ``seed``.

    The problem is stated as for :func:`rank` (same objective spellings, weights with any
    positive sum, normalised). Without ``weights`` the weights are drawn uniformly on the
    simplex (no preferences); with them, around them (see :mod:`erp_select.sensitivity.smaa`).
    ``low``/``high`` (in ``options``) are the bounds of uncertain values. A ``Problem``
    is taken as it is (its weights are sampled around; ``uniform=True`` ignores them).
    """
    return _smaa(matrix, objectives, weights, method, n, seed, **options)


def weight_crossovers(
    matrix: Problem | npt.ArrayLike,
    objectives: Sequence[Any] | None = None,
    weights: npt.ArrayLike | None = None,
    method: str = "topsis",
    **options: Any,
) -> pd.DataFrame:
    """Per criterion, the exact weights at which the top alternative changes.

    The problem is stated as for :func:`rank`. The criterion's weight is swept from 0 to 1,
    the other weights rescaled in proportion; a tie is not a change, and the rows do not
    depend on the order of the alternatives.
    """
    return _weight_crossovers(matrix, objectives, weights, method, **options)


def load_project(path: str | Path) -> Project:
    """Load and validate a project file (JSON); ``InputError`` with located messages if bad."""
    return io.load_project(path)


def analyse(project: Project, method: str | None = None) -> pipeline.Analysis:
    """Evaluate, screen and rank a project (see :class:`erp_select.pipeline.Analysis`)."""
    return pipeline.analyse(project, method)


def analyse_project(
    project: Project, settings: AnalysisSettings | None = None, **options: Any
) -> AnalysisSuite:
    """Every analysis of a project at once, as the app and the report show them.

    Parameters
    ----------
    project : Project
        A validated project (see :func:`load_project`).
    settings : AnalysisSettings, optional
        SMAA-2 samples, seed, reference date, tornado delta, challengers…
    **options
        Instead of ``settings``: its fields by name (``samples=2000, seed=7``).

    Returns
    -------
    AnalysisSuite
        Ranking, weight curves and crossovers, stability, tornado, SMAA-2, what-it-takes,
        method agreement, contributions, value for money on the benefit score, the
        summary in French and English, and the sections skipped with their reasons.

    Raises
    ------
    InputError
        ``analysis.settings.*`` for bad settings (each names its field).
    """
    chosen = settings if settings is not None else AnalysisSettings(**options)
    return run_analysis(project, chosen)


def demo_script(project: Project, lang: str = "fr") -> DemoScript:
    """The project's demo script: its own when it has one, else generated in ``lang``.

    The generated script takes the catalogue's scenarios that the project's must and
    should requirements (and its must-have facts) call for; see ``erp_select.demos``.
    """
    from erp_select.report.demo_export import script_of

    return script_of(project, lang)


def demo_script_document(
    project: Project, fmt: Literal["pdf", "html", "xlsx"] = "pdf", lang: str = "fr"
) -> bytes:
    """The demo script for vendors (``pdf``, ``html``) or as a scoring grid (``xlsx``)."""
    from erp_select.report.demo_export import demo_script_bytes

    return demo_script_bytes(project, fmt, lang)


def record_reference_call(project: Project, call: ReferenceCall, confirmed: list[str]) -> Project:
    """``project`` with a reference call recorded; the facts it confirms rise to "reference"."""
    return record_call(project, call, confirmed)


def remove_reference_call(project: Project, call_id: str) -> Project:
    """``project`` without a reference call; its facts get back their earlier evidence."""
    return remove_call(project, call_id)
