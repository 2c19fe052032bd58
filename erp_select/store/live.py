"""The live view of a workshop round (group result, spread, who differs) and its adoption."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from erp_select.errors import InputError
from erp_select.i18n import t
from erp_select.model import Project
from erp_select.model.judgments import AhpJudgment, DirectJudgment, Judgment
from erp_select.pipeline import analyse
from erp_select.store._common import MAX_MESSAGE, check_name, fail
from erp_select.store.db import Store
from erp_select.store.orm import ParticipantRow, RoundRow, SubmissionRow, WorkshopRow
from erp_select.store.projects import RevisionInfo, _append, _info, _load
from erp_select.store.workshops import (
    AhpAnswer,
    DemoAnswer,
    PointsAnswer,
    RoundInfo,
    _answer_from_json,
    _facilitator,
    _participant,
    _round,
    _round_info,
)
from erp_select.weights import GroupLevel, apply_level_weights, group_level
from erp_select.weights.group import GroupHow

Role = Literal["facilitator", "participant"]
#: A criterion is listed as a disagreement to discuss when the participants' weights on it
#: span at least this much (max − min of the local weights, e.g. 0.15 = 15 points).
DISAGREEMENT_SPREAD = 0.15
#: A demo score is a disagreement when the scores given span at least this many points.
DEMO_DISAGREEMENT_SPREAD = 2


@dataclass(frozen=True)
class PersonStatus:
    """One participant as the viewer may see them."""

    seq: int
    label: str
    submitted: bool
    version: int
    updated_at: dt.datetime | None
    is_me: bool


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


@dataclass(frozen=True)
class DemoCell:
    """Scores given to one vendor on one criterion."""

    vendor_id: str
    criterion_id: str
    count: int
    mean: float
    std: float
    low: int
    high: int


@dataclass(frozen=True)
class DemoComment:
    """A score with its comment, as given (facilitator only, or the participant's own)."""

    label: str
    vendor_id: str
    criterion_id: str
    score: int
    comment: str


@dataclass(frozen=True)
class DemoResult:
    """Group result of a demo round: per (vendor, criterion) scores and the comments."""

    cells: tuple[DemoCell, ...]
    disagreements: tuple[tuple[str, str], ...]
    comments: tuple[DemoComment, ...]


@dataclass(frozen=True)
class LiveView:
    """Everything a round's screen shows, filtered for the viewer's role.

    Participants (and the facilitator's ``room`` view when names are hidden) see
    pseudonyms and group figures only; individual inputs are for the facilitator.
    """

    workshop_id: int
    round: RoundInfo
    role: Role
    hide_names: bool
    people: tuple[PersonStatus, ...]
    submitted: int
    weights: WeightsResult | None
    demo: DemoResult | None


def _labels(people: list[ParticipantRow], show_names: bool, lang: str | None) -> dict[int, str]:
    if not show_names:
        return {p.seq: t("store.pseudonym", lang, n=p.seq) for p in people}
    counts: dict[str, int] = {}
    for p in people:
        counts[p.name] = counts.get(p.name, 0) + 1
    return {p.seq: p.name if counts[p.name] == 1 else f"{p.name} (#{p.seq})" for p in people}


def _judgment(
    answer: PointsAnswer | AhpAnswer | DemoAnswer, key: str, node: str | None, at: dt.datetime
) -> Judgment:
    if isinstance(answer, PointsAnswer):
        return DirectJudgment(participant=key, node=node, points=answer.points, created=at)
    if isinstance(answer, AhpAnswer):
        return AhpJudgment(participant=key, node=node, comparisons=answer.comparisons, created=at)
    raise TypeError("demo answers are not judgments")  # pragma: no cover - callers check


def _key(seq: int) -> str:
    return f"#{seq}"


def _group(
    project: Project,
    rnd: RoundRow,
    subs: list[tuple[ParticipantRow, SubmissionRow]],
    how: GroupHow = "auto",
) -> GroupLevel:
    judgments = [
        _judgment(_answer_from_json(s.payload), _key(p.seq), rnd.node, s.updated_at)
        for p, s in subs
    ]
    return group_level(project.criteria, judgments, how=how)


def _rankings(
    project: Project, node: str | None, by_key: Mapping[str, Mapping[str, float]]
) -> pd.DataFrame | None:
    """Rank the vendors under each set of local weights on ``node`` (None if impossible)."""
    from erp_select.weights import participant_rankings

    try:
        analysis = analyse(project)
        ranked = analysis.ranked
        if len(ranked.vendors) < 2:
            return None
        vectors: dict[str, list[float]] = {}
        for key, local in by_key.items():
            glob = apply_level_weights(project.criteria, node, dict(local)).global_weights()
            vectors[key] = [glob[c] for c in ranked.criteria]
        group = vectors.pop("group")
        return participant_rankings(
            ranked.values,
            ranked.objectives,
            vectors,
            group,
            method=project.method,
            alternatives=ranked.vendors,
        )
    except InputError:
        return None


def _weights_result(
    project: Project,
    rnd: RoundRow,
    subs: list[tuple[ParticipantRow, SubmissionRow]],
    labels: dict[int, str],
    *,
    see_inputs: bool,
    me: ParticipantRow | None,
    rank: bool = True,
) -> WeightsResult | None:
    if not subs:
        return None
    level = _group(project, rnd, subs)
    label_of = {_key(p.seq): labels[p.seq] for p, _ in subs}
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
    by_key: dict[str, Mapping[str, float]] = {"group": level.weights}
    my_key = _key(me.seq) if me is not None else None
    if see_inputs:
        by_key.update({k: lw.weights for k, lw in level.individual.items()})
    elif my_key is not None and my_key in level.individual:
        by_key[my_key] = level.individual[my_key].weights
    rankings = _rankings(project, rnd.node, by_key) if rank else None
    if rankings is not None:
        rankings = rankings.rename(columns={k: label_of[k] for k in by_key if k != "group"})
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
        rankings=rankings,
        my_weights=my_weights,
        my_distance=my_distance,
    )


def _demo_result(
    rnd: RoundRow,
    subs: list[tuple[ParticipantRow, SubmissionRow]],
    labels: dict[int, str],
    *,
    see_inputs: bool,
    me: ParticipantRow | None,
) -> DemoResult:
    scores: dict[tuple[str, str], list[int]] = {}
    comments: list[DemoComment] = []
    for p, s in subs:
        answer = _answer_from_json(s.payload)
        assert isinstance(answer, DemoAnswer)
        for sc in answer.scores:
            scores.setdefault((sc.vendor, sc.criterion), []).append(sc.score)
            if see_inputs or (me is not None and p.id == me.id):
                comments.append(
                    DemoComment(labels[p.seq], sc.vendor, sc.criterion, sc.score, sc.comment)
                )
    cells: list[DemoCell] = []
    for vid in json.loads(rnd.vendors):
        for cid in json.loads(rnd.criteria):
            given = scores.get((vid, cid))
            if not given:
                continue
            arr = np.array(given, dtype=float)
            cells.append(
                DemoCell(
                    vendor_id=vid,
                    criterion_id=cid,
                    count=len(given),
                    mean=float(arr.mean()),
                    std=float(arr.std()),
                    low=min(given),
                    high=max(given),
                )
            )
    order = sorted(
        (c for c in cells if c.high - c.low >= DEMO_DISAGREEMENT_SPREAD),
        key=lambda c: (-(c.high - c.low), -c.std),
    )
    return DemoResult(
        cells=tuple(cells),
        disagreements=tuple((c.vendor_id, c.criterion_id) for c in order),
        comments=tuple(comments),
    )


def _submissions(session: Session, rnd: RoundRow) -> list[tuple[ParticipantRow, SubmissionRow]]:
    """The round's answers that still hold, in participant order.

    An answer stored before today's bounds (e.g. 1e308 points) or that no longer weighs
    (the tree changed) is set aside, so one participant can never break the round for
    the others: it counts as not submitted.
    """
    rows = session.execute(
        select(ParticipantRow, SubmissionRow)
        .join(SubmissionRow, SubmissionRow.participant_id == ParticipantRow.id)
        .where(SubmissionRow.round_id == rnd.id, ParticipantRow.revoked_at.is_(None))
        .order_by(ParticipantRow.seq)
    ).all()
    return [(p, s) for p, s in rows if _holds(s.payload)]


def _holds(payload: str) -> bool:
    try:
        _answer_from_json(payload)
    except ValueError:  # pydantic's ValidationError, or JSON that does not parse
        return False
    return True


def live_view(
    store: Store,
    token: str,
    number: int,
    *,
    lang: str | None = None,
    room: bool = False,
    rankings: bool = True,
    pseudonyms: bool = False,
) -> LiveView:
    """Return the live view of round ``number`` for the holder of ``token``.

    Parameters
    ----------
    store
        The open store.
    token
        A facilitator token (full view) or a participant token (group figures and the
        participant's own answer only).
    number
        The round number.
    lang
        Language of the pseudonyms (« Participant 3 »).
    room
        Facilitator only: the view to project to the room. When names are hidden it shows
        pseudonyms and no individual inputs.
    rankings
        Also rank the vendors under each visible set of weights (one MCDA run per
        participant); pass ``False`` for a cheap refresh of the rest.
    pseudonyms
        Facilitator only: keep the individual inputs (distances, each participant's
        weights and ranking) but label everyone « Participant n », e.g. for a screen the
        room can see when names are hidden.

    Returns
    -------
    LiveView
        Who has answered, and the group result computed by :mod:`erp_select.weights`
        (weights rounds) or the score statistics (demo rounds).
    """
    with store.read() as session:
        role: Role
        me: ParticipantRow | None = None
        try:
            ws = _facilitator(session, store.settings.secret_key, token)
            role = "facilitator"
        except InputError:
            me = _participant(session, store.settings.secret_key, token)
            ws = session.get_one(WorkshopRow, me.workshop_id)
            role = "participant"
        rnd = _round(session, ws.id, number)
        project = _load(session, ws.project_id, ws.base_revision).project
        people = list(
            session.scalars(
                select(ParticipantRow)
                .where(ParticipantRow.workshop_id == ws.id, ParticipantRow.revoked_at.is_(None))
                .order_by(ParticipantRow.seq)
            )
        )
        subs = _submissions(session, rnd)
    facilitator_eyes = role == "facilitator" and not (room and ws.hide_names)
    show_names = (facilitator_eyes or not ws.hide_names) and not (
        pseudonyms and role == "facilitator"
    )
    labels = _labels(people, show_names, lang)
    by_participant = {p.id: s for p, s in subs}
    status = tuple(
        PersonStatus(
            seq=p.seq,
            label=labels[p.seq],
            submitted=p.id in by_participant,
            version=by_participant[p.id].version if p.id in by_participant else 0,
            updated_at=by_participant[p.id].updated_at if p.id in by_participant else None,
            is_me=me is not None and p.id == me.id,
        )
        for p in people
    )
    weights = None
    demo = None
    if rnd.kind == "demo":
        demo = _demo_result(rnd, subs, labels, see_inputs=facilitator_eyes, me=me)
    else:
        weights = _weights_result(
            project, rnd, subs, labels, see_inputs=facilitator_eyes, me=me, rank=rankings
        )
    return LiveView(
        workshop_id=ws.id,
        round=_round_info(rnd),
        role=role,
        hide_names=ws.hide_names,
        people=status,
        submitted=len(subs),
        weights=weights,
        demo=demo,
    )


def adopt_round(
    store: Store,
    facilitator_token: str,
    number: int,
    *,
    weights: Mapping[str, float] | None = None,
    author: str | None = None,
    message: str | None = None,
    how: GroupHow = "auto",
    lang: str | None = None,
    exclude: Collection[int] = (),
) -> RevisionInfo:
    """Adopt a weights round's group result (or edited weights) as a new project revision.

    The round's node gets the group's local weights (or ``weights``, as edited by the
    facilitator), computed from the answers of the participants not excluded. Those
    answers *replace* the judgments ``Project.judgments`` held on that node (under the
    pseudonyms when names are hidden): the project records exactly the judgments its
    weights come from. Every answer stays in the workshop's records; the round is locked.
    All of it happens in one transaction on the project's latest revision.

    Parameters
    ----------
    weights
        Edited local weights of every criterion of the round (any positive scale);
        ``None`` adopts the group result as computed.
    author
        Recorded as the revision's author (default: the facilitator's name).
    message
        The revision note (default: names the workshop and round).
    how
        Aggregation passed to :func:`erp_select.weights.group_level`.
    exclude
        Pseudonym numbers (``seq``) of participants whose answer is left out, e.g. an AHP
        answer too inconsistent to count (see :func:`inconsistent_answers`).

    Returns
    -------
    RevisionInfo
        The new revision.

    Raises
    ------
    InputError
        ``store.no_submissions`` when no answer is left to adopt.
    """
    if author is not None:
        check_name(author, "author")
    if message is not None and len(message) > MAX_MESSAGE:
        fail("too_long", field="message", value=message, max=MAX_MESSAGE)
    with store.write() as session:
        ws = _facilitator(session, store.settings.secret_key, facilitator_token)
        rnd = _round(session, ws.id, number)
        if rnd.kind not in ("points", "ahp"):
            fail("not_a_weights_round", field="round", value=number)
        left_out = {int(seq) for seq in exclude}
        subs = [(p, sub) for p, sub in _submissions(session, rnd) if p.seq not in left_out]
        if not subs:
            fail("no_submissions", field="round", value=number)
        head = _load(session, ws.project_id, None).project
        level = _group(head, rnd, subs, how)
        chosen = dict(level.weights) if weights is None else dict(weights)
        for cid, v in chosen.items():
            if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
                fail("bad_weights", field=cid, value=v)
        total = math.fsum(float(v) for v in chosen.values())
        if total <= 0:
            fail("bad_weights", field="weights", value=total)
        # Keep the level's scale (e.g. points out of 100): only the ratios matter.
        try:
            scale = math.fsum(c.weight for c in head.criteria.siblings(rnd.node)) or 1.0
        except KeyError:
            fail("unknown_criterion", field="node", value=rnd.node)
        tree = apply_level_weights(
            head.criteria, rnd.node, {c: float(v) * scale / total for c, v in chosen.items()}
        )
        people = [p for p, _ in subs]
        labels = _labels(people, not ws.hide_names, lang)
        record = [
            _judgment(_answer_from_json(s.payload), labels[p.seq], rnd.node, s.updated_at)
            for p, s in subs
        ]
        project = Project.model_validate(
            {
                **head.model_dump(mode="json"),
                "criteria": tree.model_dump(mode="json"),
                "judgments": [
                    *[j.model_dump(mode="json") for j in head.judgments if j.node != rnd.node],
                    *[j.model_dump(mode="json") for j in record],
                ],
            }
        )
        note = message if message is not None else f"{ws.title} — round {number} adopted"
        rev = _append(session, ws.project_id, project, author or ws.facilitator_name, note)
        session.execute(
            update(RoundRow)
            .where(RoundRow.id == rnd.id)
            .values(
                status="locked",
                locked_at=rnd.locked_at or rev.created_at,
                adopted_revision=rev.number,
            )
        )
        return _info(rev)
