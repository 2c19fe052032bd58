"""Where a demo score goes: the criterion's fact and the value that gives it that score."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any, NoReturn

import numpy as np

from erp_select.errors import InputError, Problem
from erp_select.model import Project
from erp_select.model.criteria import Criterion, LinearValue, PiecewiseValue, ScaleValue
from erp_select.scoring.scale import LOW, as_percent


def refuse_scores(
    rule: str, *, field: str | None = None, value: Any = None, **params: Any
) -> NoReturn:
    raise InputError([Problem(rule=f"evalteam.{rule}", field=field, value=value, params=params)])


def _invert_piecewise(spec: PiecewiseValue, score: float) -> float | None:
    xs = [float(x) for x, _ in spec.points]
    ys = [float(y) for _, y in spec.points]
    if all(b >= a for a, b in itertools.pairwise(ys)):
        return float(np.interp(score, ys, xs))
    if all(b <= a for a, b in itertools.pairwise(ys)):
        return float(np.interp(score, ys[::-1], xs[::-1]))
    return None


def fact_value(criterion: Criterion, score: float) -> tuple[str, float | str]:
    """The fact and value that give ``criterion`` the 0–100 value of ``score`` (scale 1–5).

    A linear or monotone piecewise criterion takes the fact value its function maps to
    that percentage; a scale criterion takes the level whose score is nearest (the lower
    level on a tie). Other kinds (yes/no, checklists, questionnaire, costs, reviews, raw
    quantities) are refused: a demo score does not say what their facts are.
    """
    spec = criterion.value
    pct = as_percent(score)
    if isinstance(spec, LinearValue):
        return spec.fact, spec.worst + pct / 100.0 * (spec.best - spec.worst)
    if isinstance(spec, PiecewiseValue):
        x = _invert_piecewise(spec, pct)
        if x is not None:
            return spec.fact, x
    if isinstance(spec, ScaleValue):
        level = min(spec.levels, key=lambda k: (abs(spec.levels[k] - pct), spec.levels[k]))
        return spec.fact, level
    kind = spec.kind if spec is not None else ""
    refuse_scores("cannot_take_demo", field=criterion.id, value=kind)


def demo_criteria_refused(project: Project, criteria: Sequence[str]) -> list[str]:
    """The criteria of ``criteria`` a demo score cannot be written into (see :func:`fact_value`)."""
    out: list[str] = []
    for cid in criteria:
        try:
            fact_value(project.criteria.node(cid), float(LOW))
        except InputError:
            out.append(cid)
    return out


def scorable(project: Project, criteria: Sequence[str] | None) -> list[str]:
    """The leaf criteria a demo score can be written into (all of them by default)."""
    leaves = [c.id for c in project.criteria.leaves()]
    chosen = list(criteria) if criteria is not None else leaves
    refused = set(demo_criteria_refused(project, chosen))
    return [c for c in chosen if c not in refused]
