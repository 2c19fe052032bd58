"""The analysis suite: one function turns a project and its settings into every figure."""

from erp_select.analysis.settings import AnalysisSettings
from erp_select.analysis.suite import (
    AnalysisSuite,
    Runner,
    Skipped,
    Submit,
    assemble,
    run_analysis,
)

__all__ = [
    "AnalysisSettings",
    "AnalysisSuite",
    "Runner",
    "Skipped",
    "Submit",
    "assemble",
    "run_analysis",
]
