"""How each participant's weights would rank the vendors, next to the group's ranking."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from numpy.typing import ArrayLike

from erp_select.engine import rank
from erp_select.errors import InputError
from erp_select.model import Project
from erp_select.pipeline import analyse
from erp_select.weights import apply_level_weights
from erp_select.weights.checks import fail, problem

#: Name of the group's column in :func:`participant_rankings`.
GROUP_COLUMN = "group"


def participant_rankings(
    matrix: ArrayLike,
    objectives: Sequence[Any],
    weights_by_participant: Mapping[str, ArrayLike],
    group_weights: ArrayLike,
    method: str = "topsis",
    alternatives: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Rank the vendors with each participant's weights, next to the group's ranking.

    Parameters
    ----------
    matrix
        Performance table, vendors × leaf criteria.
    objectives
        Per criterion, as :func:`erp_select.engine.rank` accepts them (e.g. ``"benefit"`` /
        ``"cost"``).
    weights_by_participant
        Participant name → global leaf weights.
    group_weights
        The group's global leaf weights.
    method
        MCDA method name for :func:`erp_select.engine.rank` (default ``"topsis"``).
    alternatives
        Vendor ids (default: the engine's default names).

    Returns
    -------
    pandas.DataFrame
        One row per vendor (index ``alternative``), sorted by the group's rank; column
        ``group`` then one column per participant, each holding ranks (1 = best).

    Raises
    ------
    InputError
        A participant named ``group``, or any input the engine rejects.
    """
    if GROUP_COLUMN in weights_by_participant:
        fail([problem("reserved_participant", field=GROUP_COLUMN, value=GROUP_COLUMN)])
    group = rank(matrix, objectives, group_weights, method=method, alternatives=alternatives)
    columns: dict[str, list[int]] = {GROUP_COLUMN: [int(r) for r in group.ranks]}
    for name, weights in weights_by_participant.items():
        result = rank(matrix, objectives, weights, method=method, alternatives=alternatives)
        by_alt = dict(zip(result.alternatives, result.ranks, strict=True))
        columns[name] = [int(by_alt[a]) for a in group.alternatives]
    frame = pd.DataFrame(columns, index=pd.Index(list(group.alternatives), name="alternative"))
    return frame.sort_values(GROUP_COLUMN, kind="stable")


def round_rankings(
    project: Project,
    node: str | None,
    group: Mapping[str, float],
    others: Mapping[str, Mapping[str, float]],
) -> pd.DataFrame | None:
    """Rank the vendors under the group's and each visible person's local weights on ``node``.

    Parameters
    ----------
    group
        The group's local weights on the children of ``node``.
    others
        Label (a name or a pseudonym) → that person's local weights.

    Returns
    -------
    pandas.DataFrame or None
        As :func:`participant_rankings`, one column per label; ``None`` when the project
        cannot be ranked (fewer than two vendors, or inputs the pipeline refuses).
    """
    keys = {f"#{i}": label for i, label in enumerate(others, start=1)}
    try:
        ranked = analyse(project).ranked
        if len(ranked.vendors) < 2:
            return None

        def leaf_weights(local: Mapping[str, float]) -> list[float]:
            glob = apply_level_weights(project.criteria, node, dict(local)).global_weights()
            return [glob[c] for c in ranked.criteria]

        frame = participant_rankings(
            ranked.values,
            ranked.objectives,
            {k: leaf_weights(others[label]) for k, label in keys.items()},
            leaf_weights(group),
            method=project.method,
            alternatives=ranked.vendors,
        )
    except InputError:
        return None
    return frame.rename(columns=keys)
