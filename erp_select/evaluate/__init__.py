"""From raw vendor facts to criterion values: value functions, TCO, reviews, performance table."""

from erp_select.evaluate.performance import Finding, Performance, evaluate
from erp_select.evaluate.reviews import ReviewSummary, bayesian_rating
from erp_select.evaluate.tco import Estimate, TcoBreakdown, tco

__all__ = [
    "Estimate",
    "Finding",
    "Performance",
    "ReviewSummary",
    "TcoBreakdown",
    "bayesian_rating",
    "evaluate",
    "tco",
]
