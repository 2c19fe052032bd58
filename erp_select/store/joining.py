"""Joining a workshop by its code, with the limit on wrong codes that keeps guessers out."""

from __future__ import annotations

import datetime as dt
import logging
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from erp_select.errors import InputError, Problem
from erp_select.store._common import MAX_NAME, check_name, fail, name_key
from erp_select.store.db import Store
from erp_select.store.guard import facilitator_row
from erp_select.store.orm import JoinFailureRow, ParticipantRow, WorkshopRow, utcnow
from erp_select.store.security import (
    CODE_PREFIX_LENGTH,
    format_code,
    hash_secret,
    is_well_formed_code,
    new_join_code,
    new_token,
    normalise_code,
    same_hash,
)

#: A workshop is "under attack" once this many times ``join_max_failures`` wrong codes
#: starting like its code were typed in the window; each client then gets only
#: ``join_max_failures // WORKSHOP_LIMIT_FACTOR`` free failures before backing off. Right
#: codes are never refused because of other clients' failures.
WORKSHOP_LIMIT_FACTOR = 5
#: First wait after a client's free failures are used up (seconds); it doubles each time.
BACKOFF_BASE_SECONDS = 15
#: Joins are logged under the workshops' logger name, which operators already filter on.
_LOG = logging.getLogger("erp_select.store.workshops")


@dataclass(frozen=True)
class ParticipantAccess:
    """What a participant gets on joining: their private token and their pseudonym number."""

    workshop_id: int
    participant_id: int
    seq: int
    token: str


def code_prefix_hash(key: str, code: str) -> str:
    """The keyed hash of a join code's first letters, by which wrong codes are counted."""
    return limit_keys(key, code, "")[1]


def renew_join_code(store: Store, facilitator_token: str) -> str:
    """Issue a new join code for the workshop; the old one stops working at once.

    The store keeps only a keyed hash of the code, so a code cannot be shown again after
    the page that opened the workshop is gone: the facilitator issues a new one instead.
    Participants already in keep their seats (their tokens do not change).

    Returns
    -------
    str
        The new code, formatted ``ABCDE-FGHJK`` (not stored in clear).
    """
    code = new_join_code()
    with store.write() as session:
        ws = facilitator_row(session, store.settings.secret_key, facilitator_token)
        if ws.status == "closed":
            fail("workshop_closed", field="workshop")
        key = store.settings.secret_key
        ws.code_hash = hash_secret(code, key, purpose="code")
        # Failed joins are counted per workshop by the code's prefix: follow the new code.
        ws.prefix_hash = code_prefix_hash(key, normalise_code(code))
        session.flush()
        _LOG.info("workshop %s: a new join code was issued", ws.id)
    return format_code(code)


def limit_keys(key: str, code: str, client_key: str) -> tuple[str, str]:
    """Keyed hashes of the client (its address) and of the code's first letters."""
    prefix = code[:CODE_PREFIX_LENGTH]
    return (
        hash_secret(client_key, key, purpose="ratelimit-client"),
        hash_secret(prefix, key, purpose="ratelimit-prefix"),
    )


def _workshop_key(key: str, workshop_id: int) -> str:
    return hash_secret(f"workshop:{workshop_id}", key, purpose="ratelimit-workshop")


def _failures_since(session: Session, key_hash: str, since: dt.datetime) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(JoinFailureRow)
            .where(JoinFailureRow.key_hash == key_hash, JoinFailureRow.at > since)
        )
        or 0
    )


def _last_failure(session: Session, key_hash: str) -> dt.datetime | None:
    return session.scalar(
        select(func.max(JoinFailureRow.at)).where(JoinFailureRow.key_hash == key_hash)
    )


def join_wait_seconds(failures: int, allowed: int, window: int) -> float:
    """Seconds a client must wait after its last failure, having failed ``failures`` times.

    The first ``allowed`` failures cost nothing; then the wait doubles with each further
    failure, from :data:`BACKOFF_BASE_SECONDS`, up to the whole window.
    """
    if failures < allowed:
        return 0.0
    return float(min(window, BACKOFF_BASE_SECONDS * 2 ** min(failures - allowed, 20)))


def _client_wait(
    session: Session, client_hash: str, allowed: int, now: dt.datetime, settings: Any
) -> float:
    since = now - dt.timedelta(seconds=settings.join_window_seconds)
    failures = _failures_since(session, client_hash, since)
    wait = join_wait_seconds(failures, allowed, settings.join_window_seconds)
    if wait <= 0:
        return 0.0
    last = _last_failure(session, client_hash)
    if last is None:  # pragma: no cover - failures > 0 implies a last one
        return 0.0
    return max(0.0, (last + dt.timedelta(seconds=wait) - now).total_seconds())


def _targeted(session: Session, prefix_hash: str) -> list[WorkshopRow]:
    """Open workshops whose code starts like the typed one (the likely target)."""
    return list(
        session.scalars(
            select(WorkshopRow).where(
                WorkshopRow.prefix_hash == prefix_hash, WorkshopRow.status == "open"
            )
        )
    )


def failed_joins(store: Store, facilitator_token: str) -> int:
    """Count the wrong codes typed against this workshop within the limit's window.

    A wrong code counts against a workshop when it starts with the same letters as its
    code (a mistyped or guessed code). Facilitator only.
    """
    with store.read() as session:
        key = store.settings.secret_key
        ws = facilitator_row(session, key, facilitator_token)
        since = utcnow() - dt.timedelta(seconds=store.settings.join_window_seconds)
        return _failures_since(session, _workshop_key(key, ws.id), since)


def join_workshop(store: Store, code: str, name: str, *, client_key: str) -> ParticipantAccess:
    """Join a workshop with its code and one's name.

    Parameters
    ----------
    code
        The join code, typed with or without the dash, any case.
    name
        The participant's name, stored exactly as given (it may be hidden from the room).
    client_key
        Identifies the caller for rate limiting: the client's network address (a page
        reload must not reset it). Failed attempts are counted in the database, so the
        limit holds across app processes.

    Returns
    -------
    ParticipantAccess
        The participant's private token; keep it in the participant's session only.

    Raises
    ------
    InputError
        ``store.bad_code`` for a wrong code; ``store.too_many_attempts`` while the client
        backs off: after ``join_max_failures`` wrong codes in the window (fewer while its
        target workshop is under attack, see :data:`WORKSHOP_LIMIT_FACTOR`) each further
        failure doubles the wait, and during the wait even a right code is not checked.
        Other clients are never locked out by someone else's wrong codes.
        ``store.workshop_closed`` for a closed workshop.
    """
    check_name(name, "name", max_length=MAX_NAME)
    if not isinstance(client_key, str) or not client_key:
        fail("client_key_required", field="client_key")
    typed = code if isinstance(code, str) else ""
    clean = normalise_code(typed)
    settings = store.settings
    now = utcnow()
    since = now - dt.timedelta(seconds=settings.join_window_seconds)
    error: InputError | None = None
    with store.write() as session:
        key = store.settings.secret_key
        client_hash, prefix_hash = limit_keys(key, clean, client_key)
        if store.dialect == "postgresql":
            # Serialise the count-then-insert per client, across processes.
            session.execute(
                text("SELECT pg_advisory_xact_lock(:k)"), {"k": int(client_hash[:15], 16)}
            )
        targets = _targeted(session, prefix_hash) if clean else []
        allowed = settings.join_max_failures
        under_attack = any(
            _failures_since(session, _workshop_key(key, w.id), since)
            >= settings.join_max_failures * WORKSHOP_LIMIT_FACTOR
            for w in targets
        )
        if under_attack:
            allowed = max(1, settings.join_max_failures // WORKSHOP_LIMIT_FACTOR)
        wait = _client_wait(session, client_hash, allowed, now, settings)
        if wait > 0:
            error = InputError(
                [
                    Problem(
                        rule="store.too_many_attempts",
                        field="code",
                        params={"minutes": max(1, math.ceil(wait / 60))},
                    )
                ]
            )
        else:
            ws = None
            if is_well_formed_code(clean):
                digest = hash_secret(clean, key, purpose="code")
                ws = session.scalar(select(WorkshopRow).where(WorkshopRow.code_hash == digest))
                if ws is not None and not same_hash(ws.code_hash, digest):
                    ws = None
            if ws is None:
                session.execute(delete(JoinFailureRow).where(JoinFailureRow.at <= since))
                session.execute(
                    insert(JoinFailureRow),
                    [
                        {"key_hash": client_hash, "at": now},
                        *[{"key_hash": _workshop_key(key, w.id), "at": now} for w in targets],
                    ],
                )
                error = InputError([Problem(rule="store.bad_code", field="code", value=typed)])
            elif ws.status == "closed":
                error = InputError([Problem(rule="store.workshop_closed", field="code")])
            elif _same_person(session, ws.id, name) is not None:
                error = InputError([Problem(rule="recover.name_taken", field="name", value=name)])
            else:
                token = new_token()
                seq = session.execute(
                    update(WorkshopRow)
                    .where(WorkshopRow.id == ws.id)
                    .values(participant_count=WorkshopRow.participant_count + 1)
                    .returning(WorkshopRow.participant_count)
                ).scalar_one()
                row = ParticipantRow(
                    workshop_id=ws.id,
                    seq=seq,
                    name=name,
                    token_hash=hash_secret(token, key, purpose="participant"),
                    joined_at=now,
                )
                session.add(row)
                session.flush()
                return ParticipantAccess(
                    workshop_id=ws.id, participant_id=row.id, seq=seq, token=token
                )
    # Raised after the commit, so that the recorded failure is kept.
    assert error is not None
    _LOG.info(
        "join refused (%s) for client %s",
        ", ".join(p.rule for p in error.problems),
        client_hash[:12],
    )
    raise error


def _same_person(session: Session, workshop_id: int, name: str) -> str | None:
    """The name of a participant already in whose name is ``name`` up to case, accents
    and spacing (``None`` if nobody)."""
    wanted = name_key(name)
    if not wanted:
        return None
    if session.get_bind().dialect.name == "postgresql":
        # Serialise joins per workshop, so two near-identical names arriving together
        # cannot both get a seat.
        session.execute(
            select(WorkshopRow.id).where(WorkshopRow.id == workshop_id).with_for_update()
        )
    for other in session.scalars(
        select(ParticipantRow.name).where(ParticipantRow.workshop_id == workshop_id)
    ):
        if name_key(other) == wanted:
            return other
    return None
