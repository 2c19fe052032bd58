"""The range of levels a demo round's spread gives a level criterion (« standard », from
« basique » to « avancé »)."""

from __future__ import annotations

from erp_select.model.criteria import CriteriaTree, Criterion, ScaleValue
from erp_select.model.facts import level_rank, vocabulary_for
from erp_select.scoring.facts import fact_value


def level_bounds(
    tree: CriteriaTree, criterion: Criterion, level: str, low: float, high: float
) -> tuple[str, str] | None:
    """The (low, high) levels of a scale criterion agreed at ``level`` whose evaluators
    scored from ``low`` to ``high`` (scale 1–5); ``None`` when they all map to one level.

    Each score maps to its level as the agreed score does
    (:func:`erp_select.scoring.facts.fact_value`); the bounds are the lowest and highest of
    those levels and ``level`` in the fact vocabulary's order (the scale's scores when the
    vocabulary does not order them), so that ``low ≤ value ≤ high`` holds.
    """
    spec = criterion.value
    if not isinstance(spec, ScaleValue):
        return None
    found = {level, str(fact_value(criterion, low)[1]), str(fact_value(criterion, high)[1])}
    if len(found) == 1:
        return None
    fact = vocabulary_for(tree).fact_spec(spec.fact)
    ranks = {x: level_rank(fact, x) if fact is not None else None for x in found}
    scores = {k.lower(): v for k, v in spec.levels.items()}
    if all(r is not None for r in ranks.values()):
        order = sorted(found, key=lambda x: ranks[x] or 0)
    else:
        order = sorted(found, key=lambda x: scores.get(x.lower(), 0.0))
    return order[0], order[-1]
