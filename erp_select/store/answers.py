"""Participants' answers as stored: one current answer per round and seat, every version logged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from erp_select.model import Project
from erp_select.store._common import canonical_json, fail
from erp_select.store.db import Store
from erp_select.store.guard import facilitator_row, participant_row, round_row
from erp_select.store.orm import (
    ParticipantRow,
    RoundRow,
    SubmissionLogRow,
    SubmissionRow,
    WorkshopRow,
    utcnow,
)
from erp_select.store.projects import read_revision
from erp_select.store.workshops import RoundInfo, round_info


@dataclass(frozen=True)
class Person:
    """A seat of the workshop that is not revoked: its id, pseudonym number and real name."""

    participant_id: int
    seq: int
    name: str


@dataclass(frozen=True)
class StoredAnswer:
    """One seat's current answer to a round: its JSON text, version (1, 2, …) and times.

    The store does not read the answer: :mod:`erp_select.workshop` parses it.
    """

    person: Person
    payload: str
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class AnswerBasis:
    """What an answer is checked against: who gives it, the round, the workshop's project."""

    person: Person
    round: RoundInfo
    project: Project


def _person(row: ParticipantRow) -> Person:
    return Person(participant_id=row.id, seq=row.seq, name=row.name)


def _stored(person: Person, row: SubmissionRow) -> StoredAnswer:
    return StoredAnswer(
        person=person,
        payload=row.payload,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _upsert_insert(dialect: str) -> Any:
    if dialect == "postgresql":
        return postgresql.insert
    if dialect == "sqlite":
        return sqlite.insert
    raise NotImplementedError(dialect)  # pragma: no cover - make_engine refuses others


def people(session: Session, workshop_id: int) -> list[Person]:
    """The workshop's seats that are not revoked, in joining order."""
    rows = session.scalars(
        select(ParticipantRow)
        .where(ParticipantRow.workshop_id == workshop_id, ParticipantRow.revoked_at.is_(None))
        .order_by(ParticipantRow.seq)
    )
    return [_person(r) for r in rows]


def current_answers(session: Session, rnd: RoundRow) -> list[StoredAnswer]:
    """The round's answers from seats that are not revoked, in joining order."""
    rows = session.execute(
        select(ParticipantRow, SubmissionRow)
        .join(SubmissionRow, SubmissionRow.participant_id == ParticipantRow.id)
        .where(SubmissionRow.round_id == rnd.id, ParticipantRow.revoked_at.is_(None))
        .order_by(ParticipantRow.seq)
    ).all()
    return [_stored(_person(p), s) for p, s in rows]


def answer_basis(store: Store, participant_token: str, number: int) -> AnswerBasis:
    """Who answers round ``number``, the round and the project it is about (participant only)."""
    with store.read() as session:
        p = participant_row(session, store.settings.secret_key, participant_token)
        ws = session.get_one(WorkshopRow, p.workshop_id)
        rnd = round_row(session, ws.id, number)
        project = read_revision(session, ws.project_id, ws.base_revision).project
        return AnswerBasis(person=_person(p), round=round_info(rnd), project=project)


def save_answer(
    store: Store, participant_token: str, number: int, answer: Mapping[str, Any]
) -> StoredAnswer:
    """Store the caller's answer (as canonical JSON) to round ``number`` of their workshop.

    Concurrency-safe: one row per participant and round is inserted or updated in a
    single ``INSERT … ON CONFLICT DO UPDATE``, inside a write transaction that also
    checks the workshop and the round are still open; every version is kept in the log.

    Raises
    ------
    InputError
        ``store.access_denied``, ``store.workshop_closed``, ``store.round_locked``.
    """
    with store.write() as session:
        p = participant_row(session, store.settings.secret_key, participant_token)
        ws = session.get_one(WorkshopRow, p.workshop_id)
        if ws.status == "closed":
            fail("workshop_closed", field="workshop")
        rnd = round_row(session, ws.id, number, lock=True)
        if rnd.status != "open":
            fail("round_locked", field="round", value=number)
        payload = canonical_json(dict(answer))
        now = utcnow()
        ins = _upsert_insert(store.dialect)(SubmissionRow).values(
            round_id=rnd.id,
            participant_id=p.id,
            payload=payload,
            version=1,
            created_at=now,
            updated_at=now,
        )
        stmt = ins.on_conflict_do_update(
            index_elements=[SubmissionRow.round_id, SubmissionRow.participant_id],
            set_={
                "payload": ins.excluded.payload,
                "version": SubmissionRow.version + 1,
                "updated_at": ins.excluded.updated_at,
            },
        ).returning(SubmissionRow.version, SubmissionRow.created_at, SubmissionRow.updated_at)
        version, created_at, updated_at = session.execute(stmt).one()
        session.add(
            SubmissionLogRow(
                round_id=rnd.id, participant_id=p.id, version=version, payload=payload, at=now
            )
        )
        session.flush()
        return StoredAnswer(
            person=_person(p),
            payload=payload,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )


def own_answer(store: Store, participant_token: str, number: int) -> StoredAnswer | None:
    """The caller's own stored answer to round ``number`` (``None`` before the first one)."""
    with store.read() as session:
        p = participant_row(session, store.settings.secret_key, participant_token)
        rnd = round_row(session, p.workshop_id, number)
        s = session.scalar(
            select(SubmissionRow).where(
                SubmissionRow.round_id == rnd.id, SubmissionRow.participant_id == p.id
            )
        )
        return _stored(_person(p), s) if s is not None else None


def round_answers(
    store: Store, facilitator_token: str, number: int
) -> list[tuple[Person, StoredAnswer | None]]:
    """Every seat that is not revoked with its answer to round ``number`` (facilitator only)."""
    with store.read() as session:
        ws = facilitator_row(session, store.settings.secret_key, facilitator_token)
        rnd = round_row(session, ws.id, number)
        given = {a.person.participant_id: a for a in current_answers(session, rnd)}
        return [(p, given.get(p.participant_id)) for p in people(session, ws.id)]


def answer_log(
    store: Store, facilitator_token: str, number: int
) -> list[tuple[int, int, str, dt.datetime]]:
    """Every answer ever given in round ``number``: ``(seq, version, JSON, time)`` in order."""
    with store.read() as session:
        ws = facilitator_row(session, store.settings.secret_key, facilitator_token)
        rnd = round_row(session, ws.id, number)
        rows = session.execute(
            select(ParticipantRow.seq, SubmissionLogRow)
            .join(ParticipantRow, ParticipantRow.id == SubmissionLogRow.participant_id)
            .where(SubmissionLogRow.round_id == rnd.id)
            .order_by(SubmissionLogRow.id)
        ).all()
        return [(seq, log.version, log.payload, log.at) for seq, log in rows]
