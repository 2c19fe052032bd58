"""The live view of a workshop round: who has answered and the group result, for its viewer."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from erp_select.i18n import t
from erp_select.store import Person, Role, RoundInfo, RoundSnapshot, Store, round_snapshot
from erp_select.workshop.answers import holding
from erp_select.workshop.rankings import round_rankings
from erp_select.workshop.results import DemoResult, WeightsResult, demo_result, weights_result


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


def labels(people: Sequence[Person], show_names: bool, lang: str | None) -> dict[int, str]:
    """Seat number → what the viewer reads: the name (made unique) or « Participant n »."""
    if not show_names:
        return {p.seq: t("store.pseudonym", lang, n=p.seq) for p in people}
    counts: dict[str, int] = {}
    for p in people:
        counts[p.name] = counts.get(p.name, 0) + 1
    return {p.seq: p.name if counts[p.name] == 1 else f"{p.name} (#{p.seq})" for p in people}


def view_of(
    snap: RoundSnapshot,
    *,
    lang: str | None = None,
    room: bool = False,
    rankings: bool = True,
    pseudonyms: bool = False,
) -> LiveView:
    """The live view of a round read from the store (parameters as :func:`live_view`)."""
    facilitator_eyes = snap.role == "facilitator" and not (room and snap.hide_names)
    show_names = (facilitator_eyes or not snap.hide_names) and not (
        pseudonyms and snap.role == "facilitator"
    )
    names = labels(snap.people, show_names, lang)
    given = holding(snap.answers)
    by_seq = {g.person.seq: g for g in given}
    me = snap.me.seq if snap.me is not None else None
    status = tuple(
        PersonStatus(
            seq=p.seq,
            label=names[p.seq],
            submitted=p.seq in by_seq,
            version=by_seq[p.seq].version if p.seq in by_seq else 0,
            updated_at=by_seq[p.seq].updated_at if p.seq in by_seq else None,
            is_me=p.seq == me,
        )
        for p in snap.people
    )
    weights = None
    demo = None
    rnd = snap.round
    if rnd.kind == "demo":
        # The projected room view stays blind like an evaluator's until the round closes.
        demo = demo_result(rnd, given, names, see_inputs=facilitator_eyes and not room, me=me)
    else:
        weights = weights_result(
            snap.project.criteria, rnd, given, names, see_inputs=facilitator_eyes, me=me
        )
    if weights is not None and rankings:
        others = dict(weights.individual or {})
        if not facilitator_eyes and me is not None and weights.my_weights is not None:
            others[names[me]] = weights.my_weights
        table = round_rankings(snap.project, rnd.node, weights.group_weights, others)
        weights = dataclasses.replace(weights, rankings=table)
    return LiveView(
        workshop_id=snap.workshop_id,
        round=rnd,
        role=snap.role,
        hide_names=snap.hide_names,
        people=status,
        submitted=len(given),
        weights=weights,
        demo=demo,
    )


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
        Who has answered, and the group result of :mod:`erp_select.workshop.results`
        (weights rounds) or the score statistics (demo rounds).
    """
    return view_of(
        round_snapshot(store, token, number),
        lang=lang,
        room=room,
        rankings=rankings,
        pseudonyms=pseudonyms,
    )
