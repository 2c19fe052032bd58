"""From raw vendor facts to criterion values: value functions, TCO, reviews, performance table."""

from erp_select.evaluate.adjustments import Adjustment, Cell
from erp_select.evaluate.findings import Finding
from erp_select.evaluate.performance import Performance, evaluate
from erp_select.evaluate.reviews import ReviewSummary, bayesian_rating
from erp_select.evaluate.tco import Estimate, TcoBreakdown, tco

__all__ = [
    "Adjustment",
    "Cell",
    "Estimate",
    "Finding",
    "Performance",
    "ReviewSummary",
    "TcoBreakdown",
    "bayesian_rating",
    "evaluate",
    "tco",
]
