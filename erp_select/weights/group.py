"""Merge several participants' judgments into group weights, and show where they disagree."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from erp_select.errors import Problem
from erp_select.model.criteria import CriteriaTree
from erp_select.model.judgments import AhpJudgment, Judgment
from erp_select.weights.aggregate import (
    VectorMean,
    aggregate_matrices,
    aggregate_vectors,
    checked_participant_weights,
)
from erp_select.weights.ahp import AhpReport, ahp
from erp_select.weights.ahp_scale import RiTable
from erp_select.weights.checks import check, fail, problem
from erp_select.weights.comparisons import comparisons_matrix
from erp_select.weights.tree import LevelWeights, apply_weight_levels, level_ids, weigh_judgment

FloatArray = NDArray[np.float64]

GroupHow = Literal["auto", "matrix", "arithmetic", "geometric"]


@dataclass(frozen=True, eq=False)
class Dispersion:
    """How far participants are from each other and from the group.

    Attributes
    ----------
    table
        One row per criterion: ``group`` weight, ``mean``, ``std`` (population standard
        deviation across participants), ``min`` and ``min_participant``, ``max`` and
        ``max_participant``, ``spread`` (= max − min).
    distances
        Euclidean distance of each participant's weight vector to the group vector,
        largest first.
    farthest
        The participant farthest from the group (``None`` without participants).
    """

    table: pd.DataFrame
    distances: pd.Series
    farthest: str | None


def dispersion(
    weights_by_participant: Mapping[str, ArrayLike],
    group_weights: ArrayLike,
    ids: Sequence[str] | None = None,
) -> Dispersion:
    """Describe the disagreement between participants, criterion by criterion.

    Parameters
    ----------
    weights_by_participant
        Participant name → weight vector (same order as ``group_weights``).
    group_weights
        The group's weight vector.
    ids
        Criterion ids (default ``c1, c2, …``).

    Returns
    -------
    Dispersion
        The per-criterion table and each participant's distance to the group.

    Raises
    ------
    InputError
        No participant, or vectors whose length differs from the group's.
    """
    group = np.array(group_weights, dtype=float).ravel()
    names = [f"c{i + 1}" for i in range(group.size)] if ids is None else [str(x) for x in ids]
    if len(names) != group.size:
        fail([problem("ids_mismatch", value=len(names), expected=group.size)])
    if not weights_by_participant:
        fail([problem("empty", value=0)])
    people = list(weights_by_participant)
    rows = [np.array(weights_by_participant[p], dtype=float).ravel() for p in people]
    bad = [p for p, r in zip(people, rows, strict=True) if r.size != group.size]
    if bad:
        fail([problem("shape_mismatch", field=p, value=None) for p in bad])
    stack = np.stack(rows)
    lo, hi = stack.argmin(axis=0), stack.argmax(axis=0)
    table = pd.DataFrame(
        {
            "group": group,
            "mean": stack.mean(axis=0),
            "std": stack.std(axis=0),
            "min": stack.min(axis=0),
            "min_participant": [people[i] for i in lo],
            "max": stack.max(axis=0),
            "max_participant": [people[i] for i in hi],
            "spread": stack.max(axis=0) - stack.min(axis=0),
        },
        index=pd.Index(names, name="criterion"),
    )
    dist = pd.Series(
        np.linalg.norm(stack - group, axis=1),
        index=pd.Index(people, name="participant"),
        name="distance",
    ).sort_values(ascending=False, kind="stable")
    return Dispersion(table=table, distances=dist, farthest=str(dist.index[0]))


@dataclass(frozen=True, eq=False)
class GroupLevel:
    """The group's local weights on one node, with each participant's own.

    Attributes
    ----------
    node
        Parent criterion (``None`` = top level).
    ids
        Children of ``node``, in tree order.
    how
        ``"matrix"`` (geometric mean of pairwise matrices, then AHP), ``"arithmetic"`` or
        ``"geometric"`` (mean of the participants' weight vectors).
    weights
        The group's local weight by child id (sum 1).
    participant_weights
        Weight of each participant in the aggregation.
    individual
        Each participant's own result on this node.
    ahp
        Diagnostics of the group matrix when ``how == "matrix"``, else ``None``.
    dispersion
        Disagreement per criterion and distance of each participant to the group.
    """

    node: str | None
    ids: tuple[str, ...]
    how: str
    weights: dict[str, float]
    participant_weights: dict[str, float]
    individual: dict[str, LevelWeights]
    ahp: AhpReport | None
    dispersion: Dispersion


def group_level(
    tree: CriteriaTree,
    judgments: Sequence[Judgment],
    participant_weights: Mapping[str, float] | None = None,
    how: GroupHow = "auto",
    *,
    ri_table: RiTable = "saaty1980",
) -> GroupLevel:
    """Merge several participants' judgments on one node into the group's local weights.

    With ``how="matrix"`` (the default when every judgment is AHP) the pairwise matrices
    are merged by weighted geometric mean (reciprocity kept) and the group matrix goes
    through AHP; otherwise each participant's weight vector is computed with their own
    method and the vectors are averaged (``"arithmetic"`` or ``"geometric"``).

    Parameters
    ----------
    tree
        The criteria tree.
    judgments
        One judgment per participant, all on the same node; methods may differ.
    participant_weights
        Participant name → non-negative weight (default: all equal). When given, it must
        name every participant.
    how
        ``"auto"``, ``"matrix"``, ``"arithmetic"`` or ``"geometric"``.
    ri_table
        Random-index table for AHP consistency.

    Returns
    -------
    GroupLevel
        Group weights, each participant's own weights and the dispersion.

    Raises
    ------
    InputError
        No judgment, judgments on different nodes, a participant twice, a participant
        without a weight, bad weights, ``"matrix"`` with non-AHP judgments, or any
        judgment rejected on its own (the problem's source names the participant).
    """
    if not judgments:
        fail([problem("empty", value=0)])
    node = judgments[0].node
    problems: list[Problem] = []
    people: list[str] = []
    for j in judgments:
        if j.node != node:
            problems.append(problem("mixed_nodes", field="node", value=j.node, first=node))
        if j.participant in people:
            problems.append(
                problem("duplicate_participant", field="participant", value=j.participant)
            )
        people.append(j.participant)
    check(problems)
    if participant_weights is None:
        lam = dict.fromkeys(people, 1.0)
    else:
        missing = [p for p in people if p not in participant_weights]
        if missing:
            fail([problem("participant_weight_missing", field=p, value=p) for p in missing])
        lam = {p: float(participant_weights[p]) for p in people}
    lam_vec = checked_participant_weights(len(people), [lam[p] for p in people])

    individual = {j.participant: weigh_judgment(tree, j, ri_table=ri_table) for j in judgments}
    ids = level_ids(tree, node, [], require_all=False)
    all_ahp = all(isinstance(j, AhpJudgment) for j in judgments)
    chosen = ("matrix" if all_ahp else "arithmetic") if how == "auto" else how
    if chosen not in ("matrix", "arithmetic", "geometric"):
        fail([problem("unknown_aggregation", value=str(how))])
    report: AhpReport | None = None
    if chosen == "matrix":
        if not all_ahp:
            others = [j.participant for j in judgments if not isinstance(j, AhpJudgment)]
            fail([problem("matrix_needs_ahp", field=", ".join(others), value=None)])
        mats = [
            comparisons_matrix(ids, j.comparisons) for j in judgments if isinstance(j, AhpJudgment)
        ]
        group_vec, report = ahp(aggregate_matrices(mats, lam_vec.tolist()), ids, ri_table=ri_table)
    else:
        vectors = [[individual[p].weights[c] for c in ids] for p in people]
        mean: VectorMean = "geometric" if chosen == "geometric" else "arithmetic"
        group_vec = aggregate_vectors(vectors, lam_vec.tolist(), how=mean)
    spread = dispersion(
        {p: [individual[p].weights[c] for c in ids] for p in people}, group_vec, ids
    )
    return GroupLevel(
        node=node,
        ids=tuple(ids),
        how=chosen,
        weights={c: float(w) for c, w in zip(ids, group_vec, strict=True)},
        participant_weights=lam,
        individual=individual,
        ahp=report,
        dispersion=spread,
    )


def group_tree(
    tree: CriteriaTree,
    judgments: Sequence[Judgment],
    participant_weights: Mapping[str, float] | None = None,
    how: GroupHow = "auto",
    *,
    ri_table: RiTable = "saaty1980",
) -> tuple[CriteriaTree, list[GroupLevel]]:
    """Merge every participant's judgments node by node and return the re-weighted tree.

    Judgments are grouped by node (order of first appearance); every node is computed
    before anything is applied. Nodes nobody judged keep their weights.

    Parameters
    ----------
    tree
        The criteria tree (left unchanged).
    judgments
        Any number of judgments, at most one per participant and node.
    participant_weights, how, ri_table
        As in :func:`group_level`.

    Returns
    -------
    tuple[CriteriaTree, list[GroupLevel]]
        The new tree and the group result of each judged node.
    """
    by_node: dict[str | None, list[Judgment]] = {}
    for j in judgments:
        by_node.setdefault(j.node, []).append(j)
    levels = [
        group_level(tree, js, participant_weights, how, ri_table=ri_table)
        for js in by_node.values()
    ]
    return apply_weight_levels(tree, [(lv.node, lv.weights) for lv in levels]), levels
