"""A round's group result from its answers: group weights, how they spread, demo scores."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from erp_select.model.criteria import CriteriaTree
from erp_select.scoring.consensus import ScoreCell, discuss_first, score_cells
from erp_select.store import RoundInfo
from erp_select.weights import GroupLevel, group_level
from erp_select.weights.group import GroupHow
from erp_select.workshop.answers import DemoAnswer, Given, as_judgment, cards_of

#: A criterion is listed as a disagreement to discuss when the participants' weights on it
#: span at least this much (max − min of the local weights, e.g. 0.15 = 15 points).
DISAGREEMENT_SPREAD = 0.15


@dataclass(frozen=True)
class CriterionSpread:
    """Agreement on one criterion: the group weight and how the participants' weights spread.

    ``low_label``/``high_label`` (who gave the lowest/highest weight) are ``None`` unless
    the viewer may see individual inputs.
    """

    criterion_id: str
    group: float
    mean: float
    std: float
    low: float
    high: float
    spread: float
    low_label: str | None
    high_label: str | None


@dataclass(frozen=True)
class WeightsResult:
    """Group result of a weights round (points or AHP).

    Attributes
    ----------
    how
        ``"matrix"`` (geometric mean of AHP matrices) or ``"arithmetic"`` (mean of the
        participants' normalised weight vectors), as computed by ``erp_select.weights``.
    group_weights
        Local weights of the round's criteria (sum 1).
    group_cr
        Consistency ratio of the group matrix (AHP rounds), else ``None``.
    spread
        Per criterion, in the round's order.
    disagreements
        Criteria whose spread reaches :data:`DISAGREEMENT_SPREAD`, largest spread first:
        the ones to discuss first.
    distances
        ``(label, distance to the group)``, farthest first (facilitator only, else empty).
    individual
        ``label → local weights`` (facilitator only, else ``None``).
    consistency
        ``label → CR`` for AHP rounds (facilitator only, else ``None``).
    rankings
        Vendors (index) × ranks (1 = best) under the group's weights (column ``group``)
        and each visible participant's; ``None`` when the project cannot be ranked.
    my_weights, my_distance
        The participant's own weights and distance (participant viewer only).
    """

    how: str
    group_weights: dict[str, float]
    group_cr: float | None
    spread: tuple[CriterionSpread, ...]
    disagreements: tuple[str, ...]
    distances: tuple[tuple[str, float], ...]
    individual: dict[str, dict[str, float]] | None
    consistency: dict[str, float] | None
    rankings: pd.DataFrame | None
    my_weights: dict[str, float] | None
    my_distance: float | None


#: The statistics of one vendor × criterion of a demo round (see :mod:`.consensus`).
DemoCell = ScoreCell


@dataclass(frozen=True)
class DemoComment:
    """A score with its comment, as given (facilitator only, or the participant's own).

    ``score`` is ``None`` for a point marked not shown.
    """

    label: str
    vendor_id: str
    criterion_id: str
    score: int | None
    comment: str
    confidence: str | None = None
    scenario: str | None = None


@dataclass(frozen=True)
class DemoProgress:
    """How far one evaluator has got: points scored and marked not shown (counts, no values)."""

    label: str
    scored: int
    not_shown: int
    total: int


@dataclass(frozen=True)
class DemoResult:
    """Group result of a demo round: per (vendor, criterion) scores and the comments.

    ``blind`` is true for an evaluator while the round is open: the group's cells and the
    discussion list stay empty, only their own scores are listed.
    """

    cells: tuple[DemoCell, ...]
    disagreements: tuple[tuple[str, str], ...]
    comments: tuple[DemoComment, ...]
    blind: bool = False
    progress: tuple[DemoProgress, ...] = ()
    who: tuple[tuple[int, str], ...] = ()

    def label(self, seq: int) -> str:
        """The name or pseudonym of seat ``seq`` as the viewer reads it."""
        return dict(self.who).get(seq, "")


def key_of(seq: int) -> str:
    """The key under which seat ``seq`` is aggregated (never a person's name)."""
    return f"#{seq}"


def group_of(
    tree: CriteriaTree, rnd: RoundInfo, given: Sequence[Given], how: GroupHow = "auto"
) -> GroupLevel:
    """The group's local weights on the round's node from the answers given."""
    judgments = [as_judgment(g.answer, key_of(g.person.seq), rnd.node, g.updated_at) for g in given]
    return group_level(tree, judgments, how=how)


def weights_result(
    tree: CriteriaTree,
    rnd: RoundInfo,
    given: Sequence[Given],
    labels: Mapping[int, str],
    *,
    see_inputs: bool,
    me: int | None,
) -> WeightsResult | None:
    """The group result of a weights round as the viewer may see it (rankings left out).

    Parameters
    ----------
    labels
        Seat number → the name or pseudonym the viewer sees.
    see_inputs
        Whether the viewer may see individual inputs (the facilitator's own screen).
    me
        The viewer's seat number when a participant (their own weights and distance).

    Returns
    -------
    WeightsResult or None
        ``None`` before any answer; ``rankings`` is ``None`` (see
        :func:`erp_select.workshop.rankings.round_rankings`).
    """
    if not given:
        return None
    level = group_of(tree, rnd, given)
    label_of = {key_of(g.person.seq): labels[g.person.seq] for g in given}
    rows = level.dispersion.table.to_dict(orient="index")
    spread = tuple(
        CriterionSpread(
            criterion_id=cid,
            group=float(rows[cid]["group"]),
            mean=float(rows[cid]["mean"]),
            std=float(rows[cid]["std"]),
            low=float(rows[cid]["min"]),
            high=float(rows[cid]["max"]),
            spread=float(rows[cid]["spread"]),
            low_label=label_of[str(rows[cid]["min_participant"])] if see_inputs else None,
            high_label=label_of[str(rows[cid]["max_participant"])] if see_inputs else None,
        )
        for cid in level.ids
    )
    disagreements = tuple(
        s.criterion_id
        for s in sorted(spread, key=lambda s: (-s.spread, level.ids.index(s.criterion_id)))
        if s.spread >= DISAGREEMENT_SPREAD - 1e-12
    )
    distances = tuple((label_of[str(k)], float(v)) for k, v in level.dispersion.distances.items())
    my_key = key_of(me) if me is not None else None
    consistency: dict[str, float] | None = None
    if see_inputs and rnd.kind == "ahp":
        consistency = {}
        for k, lw in level.individual.items():
            cr = getattr(lw.report, "cr", None)
            if isinstance(cr, float) and math.isfinite(cr):
                consistency[label_of[k]] = cr
    my_weights = None
    my_distance = None
    if my_key is not None and my_key in level.individual:
        my_weights = dict(level.individual[my_key].weights)
        my_distance = float(level.dispersion.distances[my_key])
    group_cr = level.ahp.cr if level.ahp is not None else None
    return WeightsResult(
        how=level.how,
        group_weights=dict(level.weights),
        group_cr=float(group_cr) if group_cr is not None else None,
        spread=spread,
        disagreements=disagreements,
        distances=distances if see_inputs else (),
        individual=(
            {label_of[k]: dict(lw.weights) for k, lw in level.individual.items()}
            if see_inputs
            else None
        ),
        consistency=consistency,
        rankings=None,
        my_weights=my_weights,
        my_distance=my_distance,
    )


def demo_result(
    rnd: RoundInfo,
    given: Sequence[Given],
    labels: Mapping[int, str],
    *,
    see_inputs: bool,
    me: int | None,
) -> DemoResult:
    """Per (vendor, criterion) score statistics of a demo round, and the comments the viewer
    may read (all of them for the facilitator, else the participant's own).

    An evaluator sees no group figure while the round is open (``blind``): only their own
    scores. Points marked « not shown » are never counted as a score.
    """
    blind = not see_inputs and rnd.status == "open"
    comments: list[DemoComment] = []
    for g in given:
        answer = g.answer
        assert isinstance(answer, DemoAnswer)
        if not (see_inputs or g.person.seq == me):
            continue
        for sc in answer.scores:
            comments.append(
                DemoComment(
                    labels[g.person.seq],
                    sc.vendor,
                    sc.criterion,
                    sc.score,
                    sc.comment,
                    sc.confidence,
                    sc.scenario,
                )
            )
    total = len(rnd.vendors) * len(rnd.criteria)
    progress = tuple(
        DemoProgress(
            labels[g.person.seq],
            sum(1 for sc in g.answer.scores if sc.score is not None),
            sum(1 for sc in g.answer.scores if sc.score is None),
            total,
        )
        for g in given
        if isinstance(g.answer, DemoAnswer) and (see_inputs or g.person.seq == me)
    )
    if blind:
        return DemoResult(
            cells=(), disagreements=(), comments=tuple(comments), blind=True, progress=progress
        )
    cells = score_cells(rnd.vendors, rnd.criteria, cards_of(given))
    if not see_inputs:  # the group's figures, never who gave which score
        cells = tuple(dataclasses.replace(c, scores=(), outliers=()) for c in cells)
    return DemoResult(
        cells=cells,
        disagreements=tuple((c.vendor_id, c.criterion_id) for c in discuss_first(cells)),
        comments=tuple(comments),
        progress=progress,
        who=tuple((g.person.seq, labels[g.person.seq]) for g in given) if see_inputs else (),
    )
