"""Who holds a workshop's access: rotate the facilitator's token, list and revoke seats."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from erp_select.errors import InputError, Problem
from erp_select.store.db import Store
from erp_select.store.guard import facilitator_row
from erp_select.store.orm import ParticipantRow, utcnow
from erp_select.store.security import hash_secret, new_token


def rotate_facilitator(store: Store, facilitator_token: str) -> str:
    """Replace the facilitator's token with a new one and return it (shown once).

    The old token opens nothing from then on: a link or device that held it (a photographed
    screen, a lost laptop) loses the console. The join code is unchanged.
    """
    token = new_token()
    with store.write() as session:
        key = store.settings.secret_key
        ws = facilitator_row(session, key, facilitator_token)
        ws.facilitator_hash = hash_secret(token, key, purpose="facilitator")
        session.flush()
    return token


@dataclass(frozen=True)
class Seat:
    """A participant's seat as the facilitator manages it (real name, revoked or not)."""

    seq: int
    name: str
    revoked: bool


def list_participants(store: Store, facilitator_token: str) -> list[Seat]:
    """Return every seat of the facilitator's workshop in joining order (facilitator only)."""
    with store.read() as session:
        ws = facilitator_row(session, store.settings.secret_key, facilitator_token)
        rows = session.scalars(
            select(ParticipantRow)
            .where(ParticipantRow.workshop_id == ws.id)
            .order_by(ParticipantRow.seq)
        ).all()
        return [Seat(seq=r.seq, name=r.name, revoked=r.revoked_at is not None) for r in rows]


def revoke_participant(store: Store, facilitator_token: str, seq: int) -> None:
    """Revoke seat ``seq``: its token opens nothing and its answers leave the group.

    The answers stay in the submission log (nothing is erased); the seat's pseudonym number
    is never given again.

    Raises
    ------
    InputError
        ``store.access_denied`` for a token that is not this workshop's facilitator's,
        ``room.participant_not_found`` when the workshop has no seat ``seq``.
    """
    with store.write() as session:
        key = store.settings.secret_key
        ws = facilitator_row(session, key, facilitator_token)
        row = session.scalar(
            select(ParticipantRow).where(
                ParticipantRow.workshop_id == ws.id, ParticipantRow.seq == seq
            )
        )
        if row is None:
            raise InputError(
                [Problem(rule="room.participant_not_found", field="participant", value=seq)]
            )
        if row.revoked_at is None:
            row.revoked_at = utcnow()
            # Forget the old token's hash too: even a restored revocation flag would not
            # give the old token back its seat.
            row.token_hash = hash_secret(new_token(), key, purpose="participant")
        session.flush()
