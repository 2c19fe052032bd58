"""Who may touch a workshop: tokens checked against their keyed hashes, rounds looked up."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from erp_select.errors import InputError, Problem
from erp_select.store._common import fail
from erp_select.store.orm import ParticipantRow, RoundRow, WorkshopRow
from erp_select.store.security import hash_secret, same_hash


def denied(field: str = "token") -> InputError:
    """The one refusal for a wrong, expired or foreign token: it never tells which it was."""
    return InputError([Problem(rule="store.access_denied", field=field)])


def facilitator_row(session: Session, key: str, token: str) -> WorkshopRow:
    """Return the workshop whose facilitator holds ``token``; raise :func:`denied` otherwise."""
    if not isinstance(token, str) or not token:
        raise denied()
    digest = hash_secret(token, key, purpose="facilitator")
    row = session.scalar(select(WorkshopRow).where(WorkshopRow.facilitator_hash == digest))
    if row is None or not same_hash(row.facilitator_hash, digest):
        raise denied()
    return row


def participant_row(session: Session, key: str, token: str) -> ParticipantRow:
    """Return the (not revoked) participant holding ``token``; raise :func:`denied` otherwise."""
    if not isinstance(token, str) or not token:
        raise denied()
    digest = hash_secret(token, key, purpose="participant")
    row = session.scalar(select(ParticipantRow).where(ParticipantRow.token_hash == digest))
    if row is None or not same_hash(row.token_hash, digest) or row.revoked_at is not None:
        raise denied()
    return row


def round_row(session: Session, workshop_id: int, number: int, *, lock: bool = False) -> RoundRow:
    """Return round ``number`` of the workshop (``store.round_not_found`` if none)."""
    query = select(RoundRow).where(RoundRow.workshop_id == workshop_id, RoundRow.number == number)
    if lock:
        query = query.with_for_update(read=True)
    row = session.scalar(query)
    if row is None:
        fail("round_not_found", field="round", value=number)
    return row


def holder(session: Session, key: str, token: str) -> tuple[WorkshopRow, ParticipantRow | None]:
    """The workshop behind a facilitator's or a participant's token, and the participant."""
    try:
        return facilitator_row(session, key, token), None
    except InputError:
        pass
    me = participant_row(session, key, token)
    return session.get_one(WorkshopRow, me.workshop_id), me
