"""Live workshops as stored: opening and closing one, its rounds, and who sees what of it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from erp_select.store._common import check_name, fail
from erp_select.store.db import Store
from erp_select.store.guard import facilitator_row, holder, round_row
from erp_select.store.joining import code_prefix_hash
from erp_select.store.orm import RoundRow, WorkshopRow, utcnow
from erp_select.store.projects import StoredRevision, read_revision
from erp_select.store.security import format_code, hash_secret, new_join_code, new_token

RoundKind = Literal["points", "ahp", "demo"]
Role = Literal["facilitator", "participant"]
ROUND_KINDS: tuple[RoundKind, ...] = ("points", "ahp", "demo")


@dataclass(frozen=True)
class FacilitatorAccess:
    """What the facilitator gets once, when opening a workshop: keep the token private."""

    workshop_id: int
    join_code: str
    facilitator_token: str


@dataclass(frozen=True)
class RoundScenario:
    """A demo script's scenario a demo round scores: its id, title and scored criteria."""

    id: str
    title: str
    criteria: tuple[str, ...]


@dataclass(frozen=True)
class RoundInfo:
    """A round as everybody may see it (``scenarios``: a demo round's, in script order)."""

    number: int
    kind: RoundKind
    node: str | None
    criteria: tuple[str, ...]
    vendors: tuple[str, ...]
    status: Literal["open", "locked"]
    opened_at: dt.datetime
    locked_at: dt.datetime | None
    adopted_revision: int | None
    scenarios: tuple[RoundScenario, ...] = ()

    def scenario(self, scenario_id: str) -> RoundScenario | None:
        """The round's scenario with this id, if it scores one."""
        return next((s for s in self.scenarios if s.id == scenario_id), None)


@dataclass(frozen=True)
class WorkshopInfo:
    """A workshop as the caller may see it, with the caller's role (and seq, if participant)."""

    id: int
    project_id: int
    base_revision: int
    title: str
    facilitator_name: str
    hide_names: bool
    status: Literal["open", "closed"]
    created_at: dt.datetime
    participant_count: int
    rounds: tuple[RoundInfo, ...]
    role: Role
    participant_seq: int | None
    participant_name: str | None = None


def round_info(row: RoundRow) -> RoundInfo:
    """A round row as everybody may see it."""
    kind: RoundKind = row.kind  # type: ignore[assignment]
    status: Literal["open", "locked"] = "locked" if row.status == "locked" else "open"
    return RoundInfo(
        number=row.number,
        kind=kind,
        node=row.node,
        criteria=tuple(json.loads(row.criteria)),
        vendors=tuple(json.loads(row.vendors)),
        status=status,
        opened_at=row.opened_at,
        locked_at=row.locked_at,
        adopted_revision=row.adopted_revision,
        scenarios=tuple(
            RoundScenario(sid, title, tuple(criteria))
            for sid, title, criteria in json.loads(row.scenarios or "[]")
        ),
    )


def _all_rounds(session: Session, workshop_id: int) -> list[RoundRow]:
    return list(
        session.scalars(
            select(RoundRow).where(RoundRow.workshop_id == workshop_id).order_by(RoundRow.number)
        )
    )


def _workshop_info(
    session: Session, ws: WorkshopRow, role: Role, seq: int | None, name: str | None = None
) -> WorkshopInfo:
    status: Literal["open", "closed"] = "closed" if ws.status == "closed" else "open"
    return WorkshopInfo(
        id=ws.id,
        project_id=ws.project_id,
        base_revision=ws.base_revision,
        title=ws.title,
        facilitator_name=ws.facilitator_name,
        hide_names=ws.hide_names,
        status=status,
        created_at=ws.created_at,
        participant_count=ws.participant_count,
        rounds=tuple(round_info(r) for r in _all_rounds(session, ws.id)),
        role=role,
        participant_seq=seq,
        participant_name=name,
    )


def open_workshop(
    store: Store,
    project_id: int,
    *,
    facilitator: str,
    title: str = "",
    hide_names: bool = False,
    revision: int | None = None,
) -> FacilitatorAccess:
    """Open a workshop on a saved project.

    Parameters
    ----------
    store
        The open store.
    project_id
        The project whose criteria and vendors the rounds are about.
    facilitator
        The facilitator's name (stored as given).
    title
        Shown to participants; defaults to the project's name.
    hide_names
        When true, everyone but the facilitator sees pseudonyms (« Participant 3 »).
    revision
        The project revision to work on; the latest by default.

    Returns
    -------
    FacilitatorAccess
        The join code to show the room (``ABCDE-FGHJK``) and the private facilitator token.
        Neither is stored in clear, so neither can be shown again.
    """
    check_name(facilitator, "facilitator")
    if title:
        check_name(title, "title")
    code = new_join_code()
    token = new_token()
    with store.write() as session:
        base = read_revision(session, project_id, revision)
        key = store.settings.secret_key
        row = WorkshopRow(
            project_id=project_id,
            base_revision=base.info.number,
            title=title or base.project.name or f"#{project_id}",
            facilitator_name=facilitator,
            code_hash=hash_secret(code, key, purpose="code"),
            prefix_hash=code_prefix_hash(key, code),
            facilitator_hash=hash_secret(token, key, purpose="facilitator"),
            hide_names=bool(hide_names),
            status="open",
            created_at=utcnow(),
            participant_count=0,
            round_count=0,
        )
        session.add(row)
        session.flush()
        return FacilitatorAccess(
            workshop_id=row.id, join_code=format_code(code), facilitator_token=token
        )


def set_hide_names(store: Store, facilitator_token: str, hide: bool) -> WorkshopInfo:
    """Switch pseudonyms on or off for everyone but the facilitator."""
    with store.write() as session:
        ws = facilitator_row(session, store.settings.secret_key, facilitator_token)
        ws.hide_names = bool(hide)
        session.flush()
        return _workshop_info(session, ws, "facilitator", None)


def close_workshop(store: Store, facilitator_token: str) -> WorkshopInfo:
    """Close the workshop: no more joins or submissions; everything stays on record."""
    with store.write() as session:
        ws = facilitator_row(session, store.settings.secret_key, facilitator_token)
        ws.status = "closed"
        session.execute(
            update(RoundRow)
            .where(RoundRow.workshop_id == ws.id, RoundRow.status == "open")
            .values(status="locked", locked_at=utcnow())
        )
        session.flush()
        return _workshop_info(session, ws, "facilitator", None)


def workshop_info(store: Store, token: str) -> WorkshopInfo:
    """Return the workshop behind a facilitator or participant token, with the caller's role."""
    with store.read() as session:
        ws, me = holder(session, store.settings.secret_key, token)
        if me is None:
            return _workshop_info(session, ws, "facilitator", None)
        return _workshop_info(session, ws, "participant", me.seq, me.name)


def open_workshop_base(store: Store, facilitator_token: str) -> StoredRevision:
    """The revision an open workshop's rounds are about (facilitator only).

    Raises
    ------
    InputError
        ``store.access_denied`` for a wrong token, ``store.workshop_closed`` once closed.
    """
    with store.read() as session:
        ws = facilitator_row(session, store.settings.secret_key, facilitator_token)
        if ws.status == "closed":
            fail("workshop_closed", field="workshop")
        return read_revision(session, ws.project_id, ws.base_revision)


def latest_project(store: Store, facilitator_token: str) -> StoredRevision:
    """The workshop project's latest saved revision (facilitator only): a demo round takes
    the demo script as last edited, even when the workshop started on an older revision."""
    with store.read() as session:
        ws = facilitator_row(session, store.settings.secret_key, facilitator_token)
        return read_revision(session, ws.project_id, None)


def add_round(
    store: Store,
    facilitator_token: str,
    kind: RoundKind,
    node: str | None,
    criteria: Sequence[str],
    vendors: Sequence[str],
    scenarios: Sequence[RoundScenario] = (),
) -> RoundInfo:
    """Store a new open round, numbered 1, 2, … within the workshop (facilitator only).

    The items are stored as given: :func:`erp_select.workshop.open_round` checks them
    against the project first.
    """
    if kind not in ROUND_KINDS:
        fail("bad_round_kind", field="kind", value=kind)
    with store.write() as session:
        ws = facilitator_row(session, store.settings.secret_key, facilitator_token)
        if ws.status == "closed":
            fail("workshop_closed", field="workshop")
        number = session.execute(
            update(WorkshopRow)
            .where(WorkshopRow.id == ws.id)
            .values(round_count=WorkshopRow.round_count + 1)
            .returning(WorkshopRow.round_count)
        ).scalar_one()
        row = RoundRow(
            workshop_id=ws.id,
            number=number,
            kind=kind,
            node=node if kind != "demo" else None,
            criteria=json.dumps(list(criteria)),
            vendors=json.dumps(list(vendors)),
            scenarios=json.dumps([[s.id, s.title, list(s.criteria)] for s in scenarios]),
            status="open",
            opened_at=utcnow(),
        )
        session.add(row)
        session.flush()
        return round_info(row)


def _set_round_status(store: Store, facilitator_token: str, number: int, status: str) -> RoundInfo:
    with store.write() as session:
        ws = facilitator_row(session, store.settings.secret_key, facilitator_token)
        if status == "open" and ws.status == "closed":
            fail("workshop_closed", field="workshop")
        row = round_row(session, ws.id, number)
        row.status = status
        row.locked_at = utcnow() if status == "locked" else None
        session.flush()
        return round_info(row)


def lock_round(store: Store, facilitator_token: str, number: int) -> RoundInfo:
    """Lock a round: its answers are final (submissions already in flight are kept)."""
    return _set_round_status(store, facilitator_token, number, "locked")


def reopen_round(store: Store, facilitator_token: str, number: int) -> RoundInfo:
    """Reopen a locked round so participants may revise their answers again."""
    return _set_round_status(store, facilitator_token, number, "open")
