"""Consensus of a demo round: per vendor × criterion, the evaluators' scores and how they spread.

Every figure here is computed from the scores as given on the anchored scale 1–5; a point
marked « not shown » is counted apart and never enters a mean, a spread or an agreed
score as 0. Each evaluator counts once per cell: when they scored the same criterion in
several scenarios, their cell score is the mean of those scores.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from erp_select.scoring.cards import DemoAnswer
from erp_select.scoring.scale import OUTLIER_LEVELS

#: An evaluator's seat (or number) and their scorecard.
Card = tuple[int, DemoAnswer]

#: A cell goes on the « discuss first » list when its scores span this many levels or more.
DISCUSS_SPREAD = 2


@dataclass(frozen=True)
class ScoreCell:
    """The scores one vendor got on one criterion.

    ``scores`` are ``(seat, score)`` in joining order (the facilitator's eyes only: callers
    leave cells out for a participant while the round is open). ``std`` is the population
    standard deviation (divided by the number of scores). ``outliers`` are the seats whose
    score lies :data:`~erp_select.scoring.scale.OUTLIER_LEVELS` levels or more from the
    median. ``not_shown`` counts the evaluators who marked the point not shown (and gave no
    score for it in another scenario).
    """

    vendor_id: str
    criterion_id: str
    scores: tuple[tuple[int, float], ...]
    not_shown: int
    count: int
    mean: float
    median: float
    std: float
    low: float
    high: float
    outliers: tuple[int, ...]

    @property
    def spread(self) -> float:
        """Highest minus lowest score."""
        return self.high - self.low


def cell_of(
    vendor_id: str, criterion_id: str, scores: Sequence[tuple[int, float]], not_shown: int
) -> ScoreCell | None:
    """The statistics of one cell's scores; ``None`` when nobody scored it."""
    if not scores:
        return None
    values = [s for _, s in scores]
    median = statistics.median(values)
    return ScoreCell(
        vendor_id=vendor_id,
        criterion_id=criterion_id,
        scores=tuple(scores),
        not_shown=not_shown,
        count=len(values),
        mean=statistics.fmean(values),
        median=float(median),
        std=statistics.pstdev(values),
        low=min(values),
        high=max(values),
        outliers=tuple(seq for seq, s in scores if abs(s - median) >= OUTLIER_LEVELS - 1e-9),
    )


def _per_evaluator(
    cards: Iterable[Card],
) -> tuple[dict[tuple[str, str], list[tuple[int, float]]], dict[tuple[str, str], int]]:
    shown: dict[tuple[str, str], list[tuple[int, float]]] = {}
    hidden: dict[tuple[str, str], int] = {}
    for seq, answer in cards:
        mine: dict[tuple[str, str], list[int]] = {}
        blank: set[tuple[str, str]] = set()
        for sc in answer.scores:
            key = (sc.vendor, sc.criterion)
            if sc.score is None:
                blank.add(key)
            else:
                mine.setdefault(key, []).append(sc.score)
        for key, marks in mine.items():
            shown.setdefault(key, []).append((seq, statistics.fmean(marks)))
        for key in blank - set(mine):
            hidden[key] = hidden.get(key, 0) + 1
    return shown, hidden


def score_cells(
    vendors: Sequence[str], criteria: Sequence[str], cards: Iterable[Card]
) -> tuple[ScoreCell, ...]:
    """Every cell somebody scored, vendor by vendor in the round's order, then criteria."""
    shown, hidden = _per_evaluator(cards)
    out: list[ScoreCell] = []
    for vid in vendors:
        for cid in criteria:
            cell = cell_of(vid, cid, shown.get((vid, cid), []), hidden.get((vid, cid), 0))
            if cell is not None:
                out.append(cell)
    return tuple(out)


def not_shown_only(
    vendors: Sequence[str], criteria: Sequence[str], cards: Iterable[Card]
) -> tuple[tuple[str, str], ...]:
    """The cells every evaluator who looked at marked « not shown » (no score at all)."""
    shown, hidden = _per_evaluator(cards)
    return tuple(
        (v, c) for v in vendors for c in criteria if (v, c) in hidden and (v, c) not in shown
    )


def discuss_first(cells: Iterable[ScoreCell]) -> tuple[ScoreCell, ...]:
    """The cells to discuss first: spread of :data:`DISCUSS_SPREAD` levels or more, the
    widest first (then the largest standard deviation; ties keep the round's order)."""
    wide = [c for c in cells if c.spread >= DISCUSS_SPREAD - 1e-9]
    return tuple(sorted(wide, key=lambda c: (-c.spread, -c.std)))


@dataclass(frozen=True)
class Agreed:
    """The score a cell takes into the decision, on the scale 1–5, with its range.

    ``kept_mean`` is true when the facilitator kept the evaluators' mean (said so in the
    note); otherwise ``score`` is the score the group agreed on and ``note`` says why.
    ``low``/``high`` are the lowest and highest evaluators' scores (widened to include an
    agreed score outside them).
    """

    vendor_id: str
    criterion_id: str
    score: float
    low: float
    high: float
    kept_mean: bool
    note: str
    evaluators: int


def agree(
    cells: Iterable[ScoreCell], decided: Mapping[tuple[str, str], tuple[float | None, str]]
) -> tuple[Agreed, ...]:
    """The agreed score of every scored cell: ``decided[(vendor, criterion)] = (score,
    note)`` where the facilitator recorded one, else the mean (``kept_mean``). A recorded
    ``None`` score keeps the mean, with the facilitator's note saying why."""
    out: list[Agreed] = []
    for c in cells:
        score, note = decided.get((c.vendor_id, c.criterion_id), (None, ""))
        if score is None:
            out.append(
                Agreed(c.vendor_id, c.criterion_id, c.mean, c.low, c.high, True, note, c.count)
            )
            continue
        out.append(
            Agreed(
                c.vendor_id,
                c.criterion_id,
                float(score),
                min(c.low, float(score)),
                max(c.high, float(score)),
                False,
                note,
                c.count,
            )
        )
    return tuple(out)
