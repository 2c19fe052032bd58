"""Live workshops: join codes, participants, rounds and submissions, with access control."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError, model_validator
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from erp_select.errors import InputError, Problem
from erp_select.model import Project
from erp_select.model.common import Slug, Strict
from erp_select.model.judgments import AhpJudgment, Comparison, DirectJudgment, Points
from erp_select.model.text import FreeText
from erp_select.store._common import MAX_NAME, canonical_json, check_name, fail, name_key
from erp_select.store.db import Store
from erp_select.store.orm import (
    JoinFailureRow,
    ParticipantRow,
    RoundRow,
    SubmissionLogRow,
    SubmissionRow,
    WorkshopRow,
    utcnow,
)
from erp_select.store.projects import _load
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
from erp_select.weights import weigh_judgment

RoundKind = Literal["points", "ahp", "demo"]
Role = Literal["facilitator", "participant"]
ROUND_KINDS: tuple[RoundKind, ...] = ("points", "ahp", "demo")
MAX_COMMENT = 2000
#: A workshop is "under attack" once this many times ``join_max_failures`` wrong codes
#: starting like its code were typed in the window; each client then gets only
#: ``join_max_failures // WORKSHOP_LIMIT_FACTOR`` free failures before backing off. Right
#: codes are never refused because of other clients' failures.
WORKSHOP_LIMIT_FACTOR = 5
#: First wait after a client's free failures are used up (seconds); it doubles each time.
BACKOFF_BASE_SECONDS = 15
_LOG = logging.getLogger(__name__)


# --------------------------------------------------------------------------- answers


class PointsAnswer(Strict):
    """Weights by points: points per criterion of the round (any positive total)."""

    kind: Literal["points"] = "points"
    points: dict[Slug, Points] = Field(min_length=1)


class AhpAnswer(Strict):
    """Weights by AHP: pairwise comparisons of the round's criteria (pairs may be missing)."""

    kind: Literal["ahp"] = "ahp"
    comparisons: list[Comparison] = Field(min_length=1)


class DemoScore(Strict):
    """One demo score: how well ``vendor`` did on ``criterion``, 1 (poor) to 5 (excellent)."""

    model_config = ConfigDict(str_strip_whitespace=False)

    vendor: Slug
    criterion: Slug
    score: Annotated[int, Field(ge=1, le=5, strict=True)]
    comment: FreeText = Field(default="", max_length=MAX_COMMENT)


class DemoAnswer(Strict):
    """Demo scores 1–5 with comments, for some or all (vendor, criterion) pairs of the round."""

    kind: Literal["demo"] = "demo"
    scores: list[DemoScore] = Field(min_length=1)

    @model_validator(mode="after")
    def _once(self) -> DemoAnswer:
        seen: set[tuple[str, str]] = set()
        for s in self.scores:
            key = (s.vendor, s.criterion)
            if key in seen:
                raise ValueError(f"{s.vendor} / {s.criterion} is scored twice")
            seen.add(key)
        return self


Answer = Annotated[PointsAnswer | AhpAnswer | DemoAnswer, Field(discriminator="kind")]
_ANSWER: TypeAdapter[PointsAnswer | AhpAnswer | DemoAnswer] = TypeAdapter(Answer)


# --------------------------------------------------------------------------- typed results


@dataclass(frozen=True)
class FacilitatorAccess:
    """What the facilitator gets once, when opening a workshop: keep the token private."""

    workshop_id: int
    join_code: str
    facilitator_token: str


@dataclass(frozen=True)
class ParticipantAccess:
    """What a participant gets on joining: their private token and their pseudonym number."""

    workshop_id: int
    participant_id: int
    seq: int
    token: str


@dataclass(frozen=True)
class RoundInfo:
    """A round as everybody may see it."""

    number: int
    kind: RoundKind
    node: str | None
    criteria: tuple[str, ...]
    vendors: tuple[str, ...]
    status: Literal["open", "locked"]
    opened_at: dt.datetime
    locked_at: dt.datetime | None
    adopted_revision: int | None


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


@dataclass(frozen=True)
class SubmissionInfo:
    """A stored answer: its version (1 = first answer, +1 per revision) and times."""

    round_number: int
    participant_seq: int
    answer: PointsAnswer | AhpAnswer | DemoAnswer
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


# --------------------------------------------------------------------------- helpers


def _answer_from_json(payload: str) -> PointsAnswer | AhpAnswer | DemoAnswer:
    return _ANSWER.validate_json(payload)


def _stored_answer(payload: str) -> PointsAnswer | AhpAnswer | DemoAnswer | None:
    """A stored answer, or ``None`` when it no longer validates (stored before today's
    bounds): it is then treated as not submitted, never as an error for the whole round."""
    try:
        return _answer_from_json(payload)
    except ValueError:
        return None


def _round_info(row: RoundRow) -> RoundInfo:
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
    )


def _denied(field: str = "token") -> InputError:
    # One message for a wrong, expired or foreign token: it must not tell which it was.
    return InputError([Problem(rule="store.access_denied", field=field)])


def _facilitator(session: Session, key: str, token: str) -> WorkshopRow:
    if not isinstance(token, str) or not token:
        raise _denied()
    digest = hash_secret(token, key, purpose="facilitator")
    row = session.scalar(select(WorkshopRow).where(WorkshopRow.facilitator_hash == digest))
    if row is None or not same_hash(row.facilitator_hash, digest):
        raise _denied()
    return row


def _participant(session: Session, key: str, token: str) -> ParticipantRow:
    if not isinstance(token, str) or not token:
        raise _denied()
    digest = hash_secret(token, key, purpose="participant")
    row = session.scalar(select(ParticipantRow).where(ParticipantRow.token_hash == digest))
    if row is None or not same_hash(row.token_hash, digest) or row.revoked_at is not None:
        raise _denied()
    return row


def _round(session: Session, workshop_id: int, number: int, *, lock: bool = False) -> RoundRow:
    query = select(RoundRow).where(RoundRow.workshop_id == workshop_id, RoundRow.number == number)
    if lock:
        query = query.with_for_update(read=True)
    row = session.scalar(query)
    if row is None:
        fail("round_not_found", field="round", value=number)
    return row


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
        rounds=tuple(_round_info(r) for r in _all_rounds(session, ws.id)),
        role=role,
        participant_seq=seq,
        participant_name=name,
    )


def _upsert_insert(dialect: str) -> Any:
    if dialect == "postgresql":
        return postgresql.insert
    if dialect == "sqlite":
        return sqlite.insert
    raise NotImplementedError(dialect)  # pragma: no cover - make_engine refuses others


# --------------------------------------------------------------------------- facilitator


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
        base = _load(session, project_id, revision)
        key = store.settings.secret_key
        row = WorkshopRow(
            project_id=project_id,
            base_revision=base.info.number,
            title=title or base.project.name or f"#{project_id}",
            facilitator_name=facilitator,
            code_hash=hash_secret(code, key, purpose="code"),
            prefix_hash=_limit_keys(key, code, "")[1],
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
        ws = _facilitator(session, store.settings.secret_key, facilitator_token)
        if ws.status == "closed":
            fail("workshop_closed", field="workshop")
        key = store.settings.secret_key
        ws.code_hash = hash_secret(code, key, purpose="code")
        # Failed joins are counted per workshop by the code's prefix: follow the new code.
        ws.prefix_hash = _limit_keys(key, normalise_code(code), "")[1]
        session.flush()
        _LOG.info("workshop %s: a new join code was issued", ws.id)
    return format_code(code)


def set_hide_names(store: Store, facilitator_token: str, hide: bool) -> WorkshopInfo:
    """Switch pseudonyms on or off for everyone but the facilitator."""
    with store.write() as session:
        ws = _facilitator(session, store.settings.secret_key, facilitator_token)
        ws.hide_names = bool(hide)
        session.flush()
        return _workshop_info(session, ws, "facilitator", None)


def close_workshop(store: Store, facilitator_token: str) -> WorkshopInfo:
    """Close the workshop: no more joins or submissions; everything stays on record."""
    with store.write() as session:
        ws = _facilitator(session, store.settings.secret_key, facilitator_token)
        ws.status = "closed"
        session.execute(
            update(RoundRow)
            .where(RoundRow.workshop_id == ws.id, RoundRow.status == "open")
            .values(status="locked", locked_at=utcnow())
        )
        session.flush()
        return _workshop_info(session, ws, "facilitator", None)


def _round_items(
    project: Project,
    kind: RoundKind,
    node: str | None,
    criteria: Sequence[str] | None,
    vendors: Sequence[str] | None,
) -> tuple[list[str], list[str]]:
    tree = project.criteria
    known = set(tree.ids())
    if node is not None and node not in known:
        fail("unknown_criterion", field="node", value=node)
    if kind in ("points", "ahp"):
        try:
            siblings = [c.id for c in tree.siblings(node)]
        except KeyError:
            fail("unknown_criterion", field="node", value=node)
        if not siblings:
            fail("node_without_children", field="node", value=node)
        if criteria is not None and sorted(criteria) != sorted(siblings):
            fail(
                "weights_round_criteria",
                field="criteria",
                value=", ".join(criteria),
                expected=", ".join(siblings),
            )
        if len(siblings) < 2:
            fail("node_without_children", field="node", value=node)
        return siblings, []
    leaves = [c.id for c in tree.leaves()]
    chosen = list(criteria) if criteria is not None else leaves
    for cid in chosen:
        if cid not in known:
            fail("unknown_criterion", field="criteria", value=cid)
    vendor_ids = [v.id for v in project.vendors]
    chosen_vendors = list(vendors) if vendors is not None else vendor_ids
    for vid in chosen_vendors:
        if vid not in vendor_ids:
            fail("unknown_vendor", field="vendors", value=vid)
    if not chosen or not chosen_vendors:
        fail("empty_round", field="criteria")
    if len(set(chosen)) != len(chosen) or len(set(chosen_vendors)) != len(chosen_vendors):
        fail("duplicate_item", field="criteria")
    return chosen, chosen_vendors


def open_round(
    store: Store,
    facilitator_token: str,
    kind: RoundKind,
    *,
    node: str | None = None,
    criteria: Sequence[str] | None = None,
    vendors: Sequence[str] | None = None,
) -> RoundInfo:
    """Open a new round of questions.

    Parameters
    ----------
    kind
        ``points`` (weights by points), ``ahp`` (weights by pairwise comparison) or
        ``demo`` (scores 1–5 with comments).
    node
        Weight rounds: the parent criterion whose children are weighed (``None`` = the
        top level). Every child is asked; ``criteria``, if given, must name exactly them.
    criteria, vendors
        Demo rounds: the criteria and vendors to score (all leaves and vendors by default).

    Returns
    -------
    RoundInfo
        The new round, numbered 1, 2, … within the workshop.
    """
    if kind not in ROUND_KINDS:
        fail("bad_round_kind", field="kind", value=kind)
    with store.write() as session:
        ws = _facilitator(session, store.settings.secret_key, facilitator_token)
        if ws.status == "closed":
            fail("workshop_closed", field="workshop")
        project = _load(session, ws.project_id, ws.base_revision).project
        items, vendor_ids = _round_items(project, kind, node, criteria, vendors)
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
            criteria=json.dumps(items),
            vendors=json.dumps(vendor_ids),
            status="open",
            opened_at=utcnow(),
        )
        session.add(row)
        session.flush()
        return _round_info(row)


def _set_round_status(store: Store, facilitator_token: str, number: int, status: str) -> RoundInfo:
    with store.write() as session:
        ws = _facilitator(session, store.settings.secret_key, facilitator_token)
        if status == "open" and ws.status == "closed":
            fail("workshop_closed", field="workshop")
        row = _round(session, ws.id, number)
        row.status = status
        row.locked_at = utcnow() if status == "locked" else None
        session.flush()
        return _round_info(row)


def lock_round(store: Store, facilitator_token: str, number: int) -> RoundInfo:
    """Lock a round: its answers are final (submissions already in flight are kept)."""
    return _set_round_status(store, facilitator_token, number, "locked")


def reopen_round(store: Store, facilitator_token: str, number: int) -> RoundInfo:
    """Reopen a locked round so participants may revise their answers again."""
    return _set_round_status(store, facilitator_token, number, "open")


def facilitator_inputs(store: Store, facilitator_token: str, number: int) -> list[ParticipantInput]:
    """Return every participant of the workshop with their answer to round ``number``.

    Only the facilitator may call this; it shows real names even when names are hidden.
    """
    with store.read() as session:
        ws = _facilitator(session, store.settings.secret_key, facilitator_token)
        rnd = _round(session, ws.id, number)
        return _inputs(session, ws.id, rnd)


def _inputs(session: Session, workshop_id: int, rnd: RoundRow) -> list[ParticipantInput]:
    people = session.scalars(
        select(ParticipantRow)
        .where(ParticipantRow.workshop_id == workshop_id, ParticipantRow.revoked_at.is_(None))
        .order_by(ParticipantRow.seq)
    ).all()
    subs = {
        s.participant_id: s
        for s in session.scalars(select(SubmissionRow).where(SubmissionRow.round_id == rnd.id))
    }
    out: list[ParticipantInput] = []
    for p in people:
        s = subs.get(p.id)
        info = None
        answer = _stored_answer(s.payload) if s is not None else None
        if s is not None and answer is not None:
            info = SubmissionInfo(
                round_number=rnd.number,
                participant_seq=p.seq,
                answer=answer,
                version=s.version,
                created_at=s.created_at,
                updated_at=s.updated_at,
            )
        out.append(ParticipantInput(participant_id=p.id, seq=p.seq, name=p.name, submission=info))
    return out


def submission_history(
    store: Store, facilitator_token: str, number: int
) -> list[tuple[int, int, PointsAnswer | AhpAnswer | DemoAnswer, dt.datetime]]:
    """Return every answer ever given in round ``number`` (facilitator only).

    Returns
    -------
    list of tuple
        ``(participant seq, version, answer, time)`` in the order they were given.
    """
    with store.read() as session:
        ws = _facilitator(session, store.settings.secret_key, facilitator_token)
        rnd = _round(session, ws.id, number)
        rows = session.execute(
            select(ParticipantRow.seq, SubmissionLogRow)
            .join(ParticipantRow, ParticipantRow.id == SubmissionLogRow.participant_id)
            .where(SubmissionLogRow.round_id == rnd.id)
            .order_by(SubmissionLogRow.id)
        ).all()
        out = []
        for seq, log in rows:
            answer = _stored_answer(log.payload)
            if answer is not None:  # an old version that no longer validates is left out
                out.append((seq, log.version, answer, log.at))
        return out


# --------------------------------------------------------------------------- participants


def _limit_keys(key: str, code: str, client_key: str) -> tuple[str, str]:
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
        ws = _facilitator(session, key, facilitator_token)
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
        client_hash, prefix_hash = _limit_keys(key, clean, client_key)
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


def workshop_info(store: Store, token: str) -> WorkshopInfo:
    """Return the workshop behind a facilitator or participant token, with the caller's role."""
    with store.read() as session:
        try:
            ws = _facilitator(session, store.settings.secret_key, token)
            return _workshop_info(session, ws, "facilitator", None)
        except InputError:
            pass
        p = _participant(session, store.settings.secret_key, token)
        ws = session.get_one(WorkshopRow, p.workshop_id)
        return _workshop_info(session, ws, "participant", p.seq, p.name)


def _validate_answer(
    rnd: RoundRow, answer: Any, participant: str, project: Project
) -> PointsAnswer | AhpAnswer | DemoAnswer:
    try:
        if isinstance(answer, PointsAnswer | AhpAnswer | DemoAnswer):
            parsed: PointsAnswer | AhpAnswer | DemoAnswer = answer
        else:
            parsed = _ANSWER.validate_python(answer)
    except ValidationError as exc:
        err = exc.errors()[0]
        fail(
            "bad_answer",
            field=".".join(str(p) for p in err["loc"]) or "answer",
            value=err.get("input") if not isinstance(err.get("input"), dict) else None,
            reason=err["msg"],
        )
    if parsed.kind != rnd.kind:
        fail("wrong_answer_kind", field="kind", value=parsed.kind, expected=rnd.kind)
    criteria = json.loads(rnd.criteria)
    if isinstance(parsed, PointsAnswer):
        missing = [c for c in criteria if c not in parsed.points]
        extra = [c for c in parsed.points if c not in criteria]
        if extra:
            fail("unknown_criterion", field="points", value=extra[0])
        if missing:
            fail("missing_criterion", field="points", value=missing[0])
        if sum(parsed.points.values()) <= 0:
            fail("no_points", field="points")
        weigh_judgment(
            project.criteria,
            DirectJudgment(participant=participant, node=rnd.node, points=parsed.points),
        )
    elif isinstance(parsed, AhpAnswer):
        for c in parsed.comparisons:
            for cid in (c.a, c.b):
                if cid not in criteria:
                    fail("unknown_criterion", field=f"{c.a} / {c.b}", value=cid)
        try:
            judgment = AhpJudgment(
                participant=participant, node=rnd.node, comparisons=parsed.comparisons
            )
        except ValidationError as exc:
            fail("bad_answer", field="comparisons", reason=exc.errors()[0]["msg"])
        # The weights package refuses, e.g., comparisons that leave a criterion unconnected.
        weigh_judgment(project.criteria, judgment)
    else:
        vendors = json.loads(rnd.vendors)
        for s in parsed.scores:
            if s.vendor not in vendors:
                fail("unknown_vendor", field="vendor", value=s.vendor)
            if s.criterion not in criteria:
                fail("unknown_criterion", field="criterion", value=s.criterion)
    return parsed


def _by(participant: str, exc: InputError) -> InputError:
    """``exc`` with every problem naming whose answer it is (as its source): the rule,
    place and value stay; a facilitator reading it knows which participant to ask."""
    return InputError(
        [dataclasses.replace(p, source=p.source or participant) for p in exc.problems]
    )


def submit(store: Store, participant_token: str, number: int, answer: Any) -> SubmissionInfo:
    """Submit (or revise) the caller's own answer to round ``number`` of their workshop.

    Concurrency-safe: one row per participant and round is inserted or updated in a
    single ``INSERT … ON CONFLICT DO UPDATE``, inside a write transaction that also
    checks the round is still open; every version is kept in the submission log.

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
    key = store.settings.secret_key
    # Validate outside the write lock (parsing the project and an AHP check take time).
    with store.read() as session:
        p = _participant(session, key, participant_token)
        ws = session.get_one(WorkshopRow, p.workshop_id)
        rnd = _round(session, ws.id, number)
        project = _load(session, ws.project_id, ws.base_revision).project
        try:
            parsed = _validate_answer(rnd, answer, p.name, project)
        except InputError as exc:
            raise _by(p.name, exc) from None
    with store.write() as session:
        p = _participant(session, key, participant_token)
        ws = session.get_one(WorkshopRow, p.workshop_id)
        if ws.status == "closed":
            fail("workshop_closed", field="workshop")
        rnd = _round(session, ws.id, number, lock=True)
        if rnd.status != "open":
            fail("round_locked", field="round", value=number)
        payload = canonical_json(parsed.model_dump(mode="json"))
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
        return SubmissionInfo(
            round_number=number,
            participant_seq=p.seq,
            answer=parsed,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )


def my_submission(store: Store, participant_token: str, number: int) -> SubmissionInfo | None:
    """Return the caller's own answer to round ``number`` (``None`` before the first one)."""
    with store.read() as session:
        p = _participant(session, store.settings.secret_key, participant_token)
        rnd = _round(session, p.workshop_id, number)
        s = session.scalar(
            select(SubmissionRow).where(
                SubmissionRow.round_id == rnd.id, SubmissionRow.participant_id == p.id
            )
        )
        answer = _stored_answer(s.payload) if s is not None else None
        if s is None or answer is None:
            return None
        return SubmissionInfo(
            round_number=number,
            participant_seq=p.seq,
            answer=answer,
            version=s.version,
            created_at=s.created_at,
            updated_at=s.updated_at,
        )
