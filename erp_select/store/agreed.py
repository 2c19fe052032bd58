"""The scores a demo round's group agreed on, kept with the round (facilitator, once locked)."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from typing import Any, NoReturn

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from erp_select.errors import InputError, Problem
from erp_select.scoring.scale import HIGH, LOW
from erp_select.store._common import fail
from erp_select.store.db import Store
from erp_select.store.guard import facilitator_row, holder, round_row
from erp_select.store.orm import AgreedScoreRow, RoundRow, utcnow

#: Longest reason the facilitator may give for an agreed score (or for keeping the mean).
MAX_NOTE = 300


@dataclass(frozen=True)
class AgreedRecord:
    """One agreed score as stored: ``score`` is ``None`` when the mean was kept (said so)."""

    vendor: str
    criterion: str
    score: float | None
    note: str
    recorded_by: str
    recorded_at: dt.datetime

    @property
    def cell(self) -> tuple[str, str]:
        """The (vendor, criterion) the score is about."""
        return self.vendor, self.criterion


def _refuse(rule: str, *, field: str, value: Any = None, **params: Any) -> NoReturn:
    raise InputError([Problem(rule=f"agreed.{rule}", field=field, value=value, params=params)])


def _record(row: AgreedScoreRow) -> AgreedRecord:
    return AgreedRecord(
        row.vendor, row.criterion, row.score, row.note, row.recorded_by, row.recorded_at
    )


def _agreeing_round(session: Session, key: str, token: str, number: int) -> tuple[RoundRow, str]:
    ws = facilitator_row(session, key, token)
    rnd = round_row(session, ws.id, number)
    if rnd.kind != "demo":
        fail("not_a_demo_round", field="round", value=number)
    if rnd.status != "locked":
        _refuse("round_open", field="round", value=number)
    if rnd.adopted_revision is not None:
        _refuse("round_adopted", field="round", value=number, revision=rnd.adopted_revision)
    return rnd, ws.facilitator_name


def _check_cell(rnd: RoundRow, vendor: str, criterion: str) -> str:
    where = f"{vendor} / {criterion}"
    if vendor not in json.loads(rnd.vendors) or criterion not in json.loads(rnd.criteria):
        _refuse("not_in_round", field=where, value=where)
    return where


def record_agreed(
    store: Store,
    facilitator_token: str,
    number: int,
    vendor: str,
    criterion: str,
    score: float | None,
    note: str = "",
) -> AgreedRecord:
    """Record (or replace) the agreed score of ``vendor`` × ``criterion`` in round ``number``.

    ``score`` is on the anchored scale 1–5, or ``None`` to keep the evaluators' mean (the
    note says why). Only the facilitator records, only once the round is locked (scores
    stay blind until then) and before it is adopted. The facilitator's name and the time
    are kept with it.

    Raises
    ------
    InputError
        ``store.access_denied`` for a token that is not the facilitator's;
        ``agreed.round_open`` before the round is locked; ``agreed.round_adopted`` after
        adoption; ``agreed.not_in_round`` for a vendor or criterion the round does not
        score; ``agreed.off_scale`` for a score off 1–5 or not a number;
        ``agreed.note_too_long``.
    """
    with store.write() as session:
        rnd, who = _agreeing_round(session, store.settings.secret_key, facilitator_token, number)
        where = _check_cell(rnd, vendor, criterion)
        if score is not None:
            bad = isinstance(score, bool) or not isinstance(score, int | float)
            if bad or not math.isfinite(score) or not LOW <= score <= HIGH:
                _refuse("off_scale", field=where, value=score, low=LOW, high=HIGH)
        if not isinstance(note, str) or len(note) > MAX_NOTE:
            _refuse("note_too_long", field=where, max=MAX_NOTE)
        row = session.scalar(
            select(AgreedScoreRow).where(
                AgreedScoreRow.round_id == rnd.id,
                AgreedScoreRow.vendor == vendor,
                AgreedScoreRow.criterion == criterion,
            )
        )
        if row is None:
            row = AgreedScoreRow(round_id=rnd.id, vendor=vendor, criterion=criterion)
            session.add(row)
        row.score = None if score is None else float(score)
        row.note = note
        row.recorded_by = who
        row.recorded_at = utcnow()
        session.flush()
        return _record(row)


def forget_agreed(
    store: Store, facilitator_token: str, number: int, vendor: str, criterion: str
) -> None:
    """Remove the agreed score of one cell (it falls back to the mean); facilitator only."""
    with store.write() as session:
        rnd, _ = _agreeing_round(session, store.settings.secret_key, facilitator_token, number)
        session.execute(
            delete(AgreedScoreRow).where(
                AgreedScoreRow.round_id == rnd.id,
                AgreedScoreRow.vendor == vendor,
                AgreedScoreRow.criterion == criterion,
            )
        )


def agreed_scores(store: Store, token: str, number: int) -> tuple[AgreedRecord, ...]:
    """The agreed scores recorded in round ``number``, in recording order (facilitator, or
    an evaluator once the round is locked: before that there are none to read)."""
    with store.read() as session:
        ws, me = holder(session, store.settings.secret_key, token)
        rnd = round_row(session, ws.id, number)
        if me is not None and rnd.status != "locked":
            return ()
        rows = session.scalars(
            select(AgreedScoreRow)
            .where(AgreedScoreRow.round_id == rnd.id)
            .order_by(AgreedScoreRow.id)
        )
        return tuple(_record(r) for r in rows)
