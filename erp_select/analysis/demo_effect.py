"""What the scored demonstrations changed: each value before → after, and the ranking's move."""

from __future__ import annotations

from dataclasses import dataclass

from erp_select.analysis import parts
from erp_select.analysis.suite import AnalysisSuite
from erp_select.model.vendor import Fact
from erp_select.pipeline import Analysis
from erp_select.scoring.before import before_demos


@dataclass(frozen=True)
class ValueChange:
    """One vendor fact a demo round set: as it was (``None``: none) and as it is now."""

    vendor_id: str
    fact_id: str
    before: Fact | None
    after: Fact


@dataclass(frozen=True)
class RankMove:
    """A vendor's score and rank before the demonstrations and now (``None``: not ranked)."""

    vendor_id: str
    score_before: float | None
    rank_before: int | None
    score_after: float | None
    rank_after: int | None


@dataclass(frozen=True)
class DemoEffect:
    """What the adopted demo rounds changed, vendor by vendor in the current ranking order."""

    values: tuple[ValueChange, ...]
    ranking: tuple[RankMove, ...]
    method: str


def _places(analysis: Analysis) -> dict[str, tuple[float, int]]:
    result = analysis.result
    if result is None:
        return {}
    return {
        v: (float(s), int(r))
        for v, s, r in zip(result.alternatives, result.scores, result.ranks, strict=True)
    }


def demo_effect(suite: AnalysisSuite) -> DemoEffect | None:
    """The demonstrations' effect on ``suite``'s project; ``None`` when no round was adopted.

    "Now" is the suite's own ranking; "before" is the same pipeline, with the suite's
    settings (date, seed, method), run on the project with the demo facts put back
    (:func:`erp_select.scoring.before.before_demos`), so only the demonstrations differ.
    """
    # The project as written: a demo round scores a vendor, not each of its offers or pairs
    # (the before ranking expands the offers again, as the suite did).
    project = suite.saved
    before = before_demos(project)
    if before is None:
        return None
    values: list[ValueChange] = []
    seen: set[tuple[str, str]] = set()
    for rnd in project.demo_rounds:
        for change in rnd.changes:
            key = (change.vendor, change.fact)
            if key in seen or change.vendor not in {v.id for v in project.vendors}:
                continue
            now = project.vendor(change.vendor).facts.get(change.fact)
            if now is None:
                continue
            seen.add(key)
            was = before.vendor(change.vendor).facts.get(change.fact)
            values.append(ValueChange(change.vendor, change.fact, was, now))
    then = _places(parts.prepare(before, suite.settings).analysis)
    now_places = _places(suite.analysis)
    order = [*suite.order, *(v.id for v in suite.project.vendors if v.id not in suite.order)]
    moves = tuple(
        RankMove(
            v,
            then[v][0] if v in then else None,
            then[v][1] if v in then else None,
            now_places[v][0] if v in now_places else None,
            now_places[v][1] if v in now_places else None,
        )
        for v in order
        if v in then or v in now_places
    )
    return DemoEffect(tuple(values), moves, suite.analysis.method)
