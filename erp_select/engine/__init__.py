"""Ranking engine: MCDA methods through scikit-criteria, batch scorers and rank-reversal checks."""

from erp_select.engine.registry import (
    MethodInfo,
    Note,
    Objective,
    RankResult,
    method_info,
    methods,
    rank,
)

__all__ = ["MethodInfo", "Note", "Objective", "RankResult", "method_info", "methods", "rank"]
