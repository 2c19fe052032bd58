"""A round as stored, read for its live view, and the adoption of its result as a revision."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update

from erp_select.model import Project
from erp_select.store._common import MAX_MESSAGE, check_name, fail
from erp_select.store.answers import Person, StoredAnswer, current_answers, people
from erp_select.store.db import Store
from erp_select.store.guard import facilitator_row, holder, round_row
from erp_select.store.orm import RoundRow
from erp_select.store.projects import (
    RevisionInfo,
    StoredRevision,
    append_revision,
    read_revision,
    revision_info,
)
from erp_select.store.workshops import Role, RoundInfo, round_info


@dataclass(frozen=True)
class RoundSnapshot:
    """One round as its viewer may read it from the store, before any figure is computed.

    Attributes
    ----------
    role
        The viewer's role; ``me`` is the viewer's seat when a participant.
    project
        The workshop's base revision (the criteria and vendors the round is about).
    people
        The seats that are not revoked, in joining order.
    answers
        Their stored answers (unread JSON), in joining order; for an evaluator of an open
        demo round, only their own (scorecards stay blind until the round is locked).
    """

    workshop_id: int
    role: Role
    me: Person | None
    hide_names: bool
    round: RoundInfo
    project: Project
    people: tuple[Person, ...]
    answers: tuple[StoredAnswer, ...]


@dataclass(frozen=True)
class AdoptionBasis:
    """What adopting a weights round starts from: the project's latest revision and answers."""

    title: str
    facilitator_name: str
    hide_names: bool
    round: RoundInfo
    head: StoredRevision
    answers: tuple[StoredAnswer, ...]


def round_snapshot(store: Store, token: str, number: int) -> RoundSnapshot:
    """Read round ``number`` for the holder of a facilitator's or a participant's token."""
    with store.read() as session:
        ws, me = holder(session, store.settings.secret_key, token)
        rnd = round_row(session, ws.id, number)
        project = read_revision(session, ws.project_id, ws.base_revision).project
        seats = tuple(people(session, ws.id))
        answers = tuple(current_answers(session, rnd))
        if me is not None and rnd.kind == "demo" and rnd.status == "open":
            # Scorecards are blind: an evaluator reads only their own until the round closes.
            answers = tuple(a for a in answers if a.person.participant_id == me.id)
    mine = next((p for p in seats if me is not None and p.participant_id == me.id), None)
    if me is not None and mine is None:  # pragma: no cover - a revoked token is refused
        mine = Person(participant_id=me.id, seq=me.seq, name=me.name)
    return RoundSnapshot(
        workshop_id=ws.id,
        role="participant" if me is not None else "facilitator",
        me=mine,
        hide_names=ws.hide_names,
        round=round_info(rnd),
        project=project,
        people=seats,
        answers=answers,
    )


def adoption_basis(
    store: Store,
    facilitator_token: str,
    number: int,
    *,
    kinds: tuple[str, ...] = ("points", "ahp"),
) -> AdoptionBasis:
    """Read what adopting round ``number`` needs (facilitator only, rounds of ``kinds``:
    weights rounds by default, ``("demo",)`` for scorecards)."""
    with store.read() as session:
        ws = facilitator_row(session, store.settings.secret_key, facilitator_token)
        rnd = round_row(session, ws.id, number)
        if rnd.kind not in kinds:
            fail(
                "not_a_weights_round" if "demo" not in kinds else "not_a_demo_round",
                field="round",
                value=number,
            )
        return AdoptionBasis(
            title=ws.title,
            facilitator_name=ws.facilitator_name,
            hide_names=ws.hide_names,
            round=round_info(rnd),
            head=read_revision(session, ws.project_id, None),
            answers=tuple(current_answers(session, rnd)),
        )


def record_adoption(
    store: Store,
    facilitator_token: str,
    number: int,
    project: Project,
    *,
    author: str | None,
    message: str | None,
    expected_head: int,
) -> RevisionInfo:
    """Save ``project`` as the next revision and lock round ``number``, in one transaction.

    Parameters
    ----------
    author
        Recorded as the revision's author (default: the facilitator's name).
    message
        The revision note (default: names the workshop and round).
    expected_head
        The revision the adopted project was built on: when another save landed in
        between, nothing is written (``store.stale_revision``).
    """
    check_adoption_note(author, message)
    with store.write() as session:
        ws = facilitator_row(session, store.settings.secret_key, facilitator_token)
        rnd = round_row(session, ws.id, number)
        note = message if message is not None else f"{ws.title} — round {number} adopted"
        rev = append_revision(
            session,
            ws.project_id,
            project,
            author or ws.facilitator_name,
            note,
            expected_head=expected_head,
        )
        session.execute(
            update(RoundRow)
            .where(RoundRow.id == rnd.id)
            .values(
                status="locked",
                locked_at=rnd.locked_at or rev.created_at,
                adopted_revision=rev.number,
            )
        )
        return revision_info(rev)


def check_adoption_note(author: str | None, message: str | None) -> None:
    """Refuse an unusable author or an over-long note before any work is done."""
    if author is not None:
        check_name(author, "author")
    if message is not None and len(message) > MAX_MESSAGE:
        fail("too_long", field="message", value=message, max=MAX_MESSAGE)
