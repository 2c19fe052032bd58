"""Weights from people's judgments: direct, AHP, rank-based, swing, tree levels and groups."""

from erp_select.weights.aggregate import aggregate_matrices, aggregate_vectors
from erp_select.weights.ahp import AhpReport, Inconsistency, ahp
from erp_select.weights.ahp_scale import (
    CR_THRESHOLD,
    RANDOM_INDEX,
    RANDOM_INDEX_SOURCE,
    SAATY_SCALE,
    random_index,
    snap_to_scale,
)
from erp_select.weights.comparisons import ahp_from_comparisons, comparisons_matrix
from erp_select.weights.direct import DirectReport, SwingReport, direct_weights, swing_weights
from erp_select.weights.group import (
    Dispersion,
    GroupLevel,
    dispersion,
    group_level,
    group_tree,
)
from erp_select.weights.rank import RANK_METHODS, RankReport, position_weights, rank_weights
from erp_select.weights.tree import (
    LevelWeights,
    apply_judgments,
    apply_level_weights,
    apply_weight_levels,
    level_ids,
    weigh_judgment,
)

__all__ = [
    "CR_THRESHOLD",
    "RANDOM_INDEX",
    "RANDOM_INDEX_SOURCE",
    "RANK_METHODS",
    "SAATY_SCALE",
    "AhpReport",
    "DirectReport",
    "Dispersion",
    "GroupLevel",
    "Inconsistency",
    "LevelWeights",
    "RankReport",
    "SwingReport",
    "aggregate_matrices",
    "aggregate_vectors",
    "ahp",
    "ahp_from_comparisons",
    "apply_judgments",
    "apply_level_weights",
    "apply_weight_levels",
    "comparisons_matrix",
    "direct_weights",
    "dispersion",
    "group_level",
    "group_tree",
    "level_ids",
    "position_weights",
    "random_index",
    "rank_weights",
    "snap_to_scale",
    "swing_weights",
    "weigh_judgment",
]
