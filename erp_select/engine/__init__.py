"""Ranking engine: MCDA methods through scikit-criteria, batch scorers and rank-reversal checks."""

from erp_select.engine.ranking import rank
from erp_select.engine.registry import MethodInfo, method_info, methods
from erp_select.engine.result import Note, RankResult
from erp_select.model.problem import Objective, Problem

__all__ = [
    "MethodInfo",
    "Note",
    "Objective",
    "Problem",
    "RankResult",
    "method_info",
    "methods",
    "rank",
]
