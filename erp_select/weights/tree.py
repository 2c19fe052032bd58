"""Put weights on the criteria tree: one level at a time, from numbers or from judgments."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from erp_select.errors import InputError, Problem
from erp_select.model.criteria import CriteriaTree
from erp_select.model.judgments import (
    AhpJudgment,
    DirectJudgment,
    Judgment,
    RankJudgment,
    SwingJudgment,
)
from erp_select.weights.ahp import AhpReport
from erp_select.weights.ahp_scale import RiTable
from erp_select.weights.checks import check, fail, problem
from erp_select.weights.comparisons import ahp_from_comparisons
from erp_select.weights.direct import DirectReport, SwingReport, direct_weights, swing_weights
from erp_select.weights.rank import RankReport, rank_weights

LevelReport = DirectReport | AhpReport | RankReport | SwingReport


@dataclass(frozen=True, eq=False)
class LevelWeights:
    """Local weights of the children of one node, and how they were obtained.

    Attributes
    ----------
    node
        The parent criterion (``None`` = top level).
    method
        ``"direct"``, ``"ahp"``, ``"rank"`` or ``"swing"``.
    participant
        Whose judgment it was (``None`` for a group result or plain numbers).
    weights
        Local weight by child id, in the tree's order (sum 1).
    report
        The method's diagnostics (normalisation, consistency, positions…).
    """

    node: str | None
    method: str
    participant: str | None
    weights: dict[str, float]
    report: LevelReport


def level_ids(
    tree: CriteriaTree, node: str | None, ids: Sequence[str], *, require_all: bool = True
) -> list[str]:
    """Check that ``ids`` are children of ``node`` and return all the children, in tree order.

    Parameters
    ----------
    tree
        The criteria tree.
    node
        Parent criterion id, ``None`` for the top level.
    ids
        The criteria a judgment or a set of weights names.
    require_all
        When true, every child of ``node`` must be named.

    Returns
    -------
    list[str]
        The ids of the children of ``node``.

    Raises
    ------
    InputError
        Unknown node, a leaf as node, an unknown criterion, a criterion of another level,
        or (with ``require_all``) a child left out.
    """
    if node is not None:
        try:
            parent = tree.node(node)
        except KeyError:
            fail([problem("unknown_node", field="node", value=node, node=node)])
        if parent.is_leaf:
            fail([problem("leaf_node", field="node", value=node, node=node)])
    children = [c.id for c in tree.siblings(node)]
    expected = ", ".join(children)
    known = set(tree.ids())
    problems: list[Problem] = []
    for cid in ids:
        if cid in children:
            continue
        if cid in known:
            problems.append(
                problem("wrong_level", field=cid, value=cid, criterion=cid, expected=expected)
            )
        else:
            problems.append(problem("unknown_criterion", field=cid, value=cid, criterion=cid))
    if require_all:
        named = set(ids)
        for cid in children:
            if cid not in named:
                problems.append(
                    problem("missing_criterion", field=cid, criterion=cid, expected=expected)
                )
    check(problems)
    return children


def apply_level_weights(
    tree: CriteriaTree, parent_id: str | None, weights: Mapping[str, float]
) -> CriteriaTree:
    """Return a copy of ``tree`` with the local weights of ``parent_id``'s children replaced.

    The numbers are stored as given; the tree normalises each level when it computes
    local and global weights, so only their ratios matter.

    Parameters
    ----------
    tree
        The criteria tree (left unchanged).
    parent_id
        Parent criterion id, ``None`` for the top level.
    weights
        Weight of every child of ``parent_id`` (≥ 0, finite, positive sum).

    Returns
    -------
    CriteriaTree
        The new tree.

    Raises
    ------
    InputError
        Unknown node or criterion, a criterion of another level, a child left out, a
        negative or non-finite weight, or weights summing to zero.
    """
    level_ids(tree, parent_id, list(weights))
    problems: list[Problem] = []
    for cid, v in weights.items():
        number = isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool)
        if not number or not math.isfinite(float(v)) or float(v) < 0:
            problems.append(problem("negative", field=cid, value=v, criterion=cid))
    check(problems)
    total = math.fsum(float(v) for v in weights.values())
    if total <= 0:
        fail([problem("zero_sum", field=parent_id or "node", value=total, node=parent_id)])
    return tree.with_weights({k: float(v) for k, v in weights.items()})


def weigh_judgment(
    tree: CriteriaTree, judgment: Judgment, *, ri_table: RiTable = "saaty1980"
) -> LevelWeights:
    """Compute the local weights one judgment gives to the children of its node.

    Parameters
    ----------
    tree
        The criteria tree.
    judgment
        A direct, AHP, rank or swing judgment on ``judgment.node``.
    ri_table
        Random-index table for AHP consistency.

    Returns
    -------
    LevelWeights
        The local weights (in tree order) with the method's report.

    Raises
    ------
    InputError
        The judgment names criteria that are not exactly the children of its node, or its
        numbers are rejected by the method; each problem's ``source`` is the participant.
    """
    try:
        return _weigh(tree, judgment, ri_table)
    except InputError as exc:
        raise InputError(
            [
                p if p.source else dataclasses.replace(p, source=judgment.participant)
                for p in exc.problems
            ]
        ) from None


def _weigh(tree: CriteriaTree, judgment: Judgment, ri_table: RiTable) -> LevelWeights:
    node = judgment.node
    report: LevelReport
    if isinstance(judgment, AhpJudgment):
        children = level_ids(tree, node, judgment.criteria(), require_all=False)
        _, report = ahp_from_comparisons(children, judgment.comparisons, ri_table=ri_table)
    elif isinstance(judgment, DirectJudgment):
        children = level_ids(tree, node, list(judgment.points))
        _, report = direct_weights({c: judgment.points[c] for c in children})
    elif isinstance(judgment, RankJudgment):
        children = level_ids(tree, node, list(judgment.ranks))
        _, report = rank_weights({c: judgment.ranks[c] for c in children}, judgment.variant)
    elif isinstance(judgment, SwingJudgment):
        children = level_ids(tree, node, list(judgment.swings))
        _, report = swing_weights({c: judgment.swings[c] for c in children})
    else:  # pragma: no cover - the union is closed
        raise TypeError(type(judgment).__name__)
    return LevelWeights(
        node=node,
        method=judgment.method,
        participant=judgment.participant,
        weights={c: report.weights[c] for c in children},
        report=report,
    )


def apply_judgments(
    tree: CriteriaTree, judgments: Sequence[Judgment], *, ri_table: RiTable = "saaty1980"
) -> tuple[CriteriaTree, list[LevelWeights]]:
    """Apply one judgment per node (any method at any node) and return the new tree.

    Every judgment is computed before anything is applied, so a rejected judgment leaves
    no level half-changed. Nodes without a judgment keep their current weights.

    Parameters
    ----------
    tree
        The criteria tree (left unchanged).
    judgments
        At most one judgment per node (use :mod:`erp_select.weights.group` to merge
        several participants first).
    ri_table
        Random-index table for AHP consistency.

    Returns
    -------
    tuple[CriteriaTree, list[LevelWeights]]
        The re-weighted tree (read global leaf weights with ``global_weights()``) and the
        per-level results, in the order of ``judgments``.

    Raises
    ------
    InputError
        Two judgments on the same node, or any judgment rejected by :func:`weigh_judgment`.
    """
    seen: dict[str | None, str] = {}
    problems: list[Problem] = []
    for j in judgments:
        if j.node in seen:
            problems.append(
                problem(
                    "duplicate_node",
                    field="node",
                    value=j.node,
                    node=j.node,
                    first=seen[j.node],
                    second=j.participant,
                )
            )
        else:
            seen[j.node] = j.participant
    check(problems)
    levels = [weigh_judgment(tree, j, ri_table=ri_table) for j in judgments]
    return apply_weight_levels(tree, [(lv.node, lv.weights) for lv in levels]), levels


def apply_weight_levels(
    tree: CriteriaTree, levels: Sequence[tuple[str | None, Mapping[str, float]]]
) -> CriteriaTree:
    """Return a copy of ``tree`` with the local weights of several levels replaced at once.

    Parameters
    ----------
    tree
        The criteria tree (left unchanged).
    levels
        ``(node, weights)`` pairs on distinct nodes; each must weigh every child of its
        node.

    Returns
    -------
    CriteriaTree
        The re-weighted tree.

    Raises
    ------
    InputError
        As :func:`apply_level_weights`, for any level.
    """
    merged: dict[str, float] = {}
    for node, weights in levels:
        level_ids(tree, node, list(weights))
        merged.update({k: float(v) for k, v in weights.items()})
    return tree.with_weights(merged) if merged else tree
