"""Participants' answers: submit one (checked first), read one's own, the facilitator's views."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from erp_select.errors import InputError
from erp_select.store import (
    Store,
    StoredAnswer,
    answer_basis,
    answer_log,
    own_answer,
    round_answers,
    save_answer,
)
from erp_select.workshop.answers import AnyAnswer, check_answer, stored_answer
from erp_select.workshop.refusals import by


@dataclass(frozen=True)
class SubmissionInfo:
    """A stored answer: its version (1 = first answer, +1 per revision) and times."""

    round_number: int
    participant_seq: int
    answer: AnyAnswer
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class ParticipantInput:
    """One participant's answer as the facilitator sees it (real name always included)."""

    participant_id: int
    seq: int
    name: str
    submission: SubmissionInfo | None


def _info(number: int, stored: StoredAnswer | None) -> SubmissionInfo | None:
    answer = stored_answer(stored.payload) if stored is not None else None
    if stored is None or answer is None:
        return None
    return _submission(number, stored, answer)


def _submission(number: int, stored: StoredAnswer, answer: AnyAnswer) -> SubmissionInfo:
    return SubmissionInfo(
        round_number=number,
        participant_seq=stored.person.seq,
        answer=answer,
        version=stored.version,
        created_at=stored.created_at,
        updated_at=stored.updated_at,
    )


def submit(store: Store, participant_token: str, number: int, answer: Any) -> SubmissionInfo:
    """Submit (or revise) the caller's own answer to round ``number`` of their workshop.

    The answer is checked against the round first (outside the write lock: parsing the
    project and an AHP check take time), then stored; every version is kept.

    Parameters
    ----------
    participant_token
        The caller's token: it alone decides whose answer this is and in which workshop.
    number
        The round number within the caller's workshop.
    answer
        A :class:`PointsAnswer`, :class:`AhpAnswer` or :class:`DemoAnswer` (or its dict).

    Returns
    -------
    SubmissionInfo
        The stored answer and its version.

    Raises
    ------
    InputError
        When the answer is refused (a value out of range, not finite, too long, a criterion
        of another round…): every problem names the participant, and nothing is stored,
        so the round goes on for the others.
    """
    basis = answer_basis(store, participant_token, number)
    try:
        parsed = check_answer(basis.round, answer, basis.person.name, basis.project.criteria)
    except InputError as exc:
        raise by(basis.person.name, exc) from None
    stored = save_answer(store, participant_token, number, parsed.model_dump(mode="json"))
    return _submission(number, stored, parsed)


def my_submission(store: Store, participant_token: str, number: int) -> SubmissionInfo | None:
    """Return the caller's own answer to round ``number`` (``None`` before the first one)."""
    return _info(number, own_answer(store, participant_token, number))


def facilitator_inputs(store: Store, facilitator_token: str, number: int) -> list[ParticipantInput]:
    """Return every participant of the workshop with their answer to round ``number``.

    Only the facilitator may call this; it shows real names even when names are hidden.
    """
    return [
        ParticipantInput(
            participant_id=p.participant_id, seq=p.seq, name=p.name, submission=_info(number, s)
        )
        for p, s in round_answers(store, facilitator_token, number)
    ]


def submission_history(
    store: Store, facilitator_token: str, number: int
) -> list[tuple[int, int, AnyAnswer, dt.datetime]]:
    """Return every answer ever given in round ``number`` (facilitator only).

    Returns
    -------
    list of tuple
        ``(participant seq, version, answer, time)`` in the order they were given; an old
        version that no longer validates is left out.
    """
    out = []
    for seq, version, payload, at in answer_log(store, facilitator_token, number):
        answer = stored_answer(payload)
        if answer is not None:
            out.append((seq, version, answer, at))
    return out
