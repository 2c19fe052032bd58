"""The report's analyses: the analysis suite, with SMAA-2 handed to a report worker."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from erp_select.analysis import AnalysisSettings, AnalysisSuite, Skipped, run_analysis
from erp_select.model import Project
from erp_select.report import workers
from erp_select.report.formats import DEFAULT_SAMPLES

T = TypeVar("T")
R = TypeVar("R")

#: What a report shows: the analysis suite (one computation for every language and format).
ReportInputs = AnalysisSuite

__all__ = ["ReportInputs", "Skipped", "compute", "finite", "settings_for", "worker_submit"]


def worker_submit(func: Callable[[T], R], item: T, /) -> Callable[[], R]:
    """Hand ``func(item)`` to a report worker when the pool runs (else run it when waited for).

    SMAA-2 is the longest analysis: when the report's worker processes are running (a PDF
    or HTML report started them), one of them runs it while this process runs the others;
    if no worker takes it, or its worker dies, it runs here.
    """
    future = workers.submit(func, item) if workers.pool_running() else None
    return lambda: workers.result(future, func, item)


def settings_for(
    sensitivity_samples: int = DEFAULT_SAMPLES,
    seed: int | None = None,
    generated: dt.date | None = None,
) -> AnalysisSettings:
    """The analysis settings of a report: its samples, seed and date."""
    return AnalysisSettings(
        samples=int(sensitivity_samples),
        seed=None if seed is None else int(seed),
        reference_date=generated,
    )


def compute(
    project: Project,
    *,
    sensitivity_samples: int = DEFAULT_SAMPLES,
    seed: int | None = None,
    generated: dt.date | None = None,
) -> AnalysisSuite:
    """Run the analysis suite for a report.

    Parameters
    ----------
    project : Project
        The validated project.
    sensitivity_samples : int
        Number of SMAA-2 samples.
    seed : int, optional
        Seed of the random analyses (default: the project's seed).
    generated : datetime.date, optional
        Date printed on the report, and the reference date of a project without one
        (default: today).

    Returns
    -------
    AnalysisSuite
        See :func:`erp_select.analysis.run_analysis`: its ``project`` is the project as
        analysed (pinned to the report's date when it had no reference date, carrying the
        seed), so saving it reproduces the report on any later day.
    """
    settings = settings_for(sensitivity_samples, seed, generated)
    return run_analysis(project, settings, submit=worker_submit)


def finite(value: float) -> bool:
    """True when ``value`` is a finite number."""
    return isinstance(value, int | float | np.floating) and math.isfinite(float(value))
