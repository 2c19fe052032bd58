"""Adopting a demo round: the agreed scores become vendor facts with evidence « demo »."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from erp_select.i18n import t
from erp_select.model import Project
from erp_select.scoring.adopt import Decided, scored_project
from erp_select.scoring.consensus import Agreed
from erp_select.store import RevisionInfo, RoundInfo, Store, adoption_basis, agreed_scores
from erp_select.workshop.adoption import record_round
from erp_select.workshop.answers import Given, cards_of, holding
from erp_select.workshop.live import labels
from erp_select.workshop.refusals import refuse


def demo_project(
    head: Project,
    rnd: RoundInfo,
    given: Sequence[Given],
    names: Mapping[int, str],
    **kw: Any,
) -> tuple[Project, tuple[Agreed, ...]]:
    """``head`` with the round's agreed scores written as vendor facts (see
    :func:`erp_select.scoring.adopt.scored_project`, whose keywords ``kw`` are)."""
    return scored_project(head, rnd, cards_of(given), names, **kw)


def stored_decided(store: Store, token: str, number: int) -> Decided:
    """The agreed scores recorded with round ``number``, as adoption reads them."""
    return {r.cell: (r.score, r.note) for r in agreed_scores(store, token, number)}


def adopt_demo_round(
    store: Store,
    facilitator_token: str,
    number: int,
    *,
    decided: Decided | None = None,
    author: str | None = None,
    message: str | None = None,
    lang: str | None = None,
) -> RevisionInfo:
    """Adopt a demo round: one new project revision whose vendor facts carry the agreed
    scores (those the facilitator recorded with the round, else the mean), locked round.

    ``decided`` replaces the recorded scores (a caller holding its own, as the tests do);
    by default they are read from the store (:func:`stored_decided`).

    Raises
    ------
    InputError
        ``store.no_submissions`` without any score; ``evalteam.cannot_take_demo`` for a
        criterion a demo score cannot be written into; ``store.stale_revision`` when the
        project was saved meanwhile.
    """
    basis = adoption_basis(store, facilitator_token, number, kinds=("demo",))
    if decided is None:
        decided = stored_decided(store, facilitator_token, number)
    given = holding(basis.answers)
    if not given:
        refuse("no_submissions", field="round", value=number)
    names = labels([g.person for g in given], not basis.hide_names, lang)
    day = (basis.round.locked_at or dt.datetime.now(dt.UTC)).date()
    project, _ = demo_project(
        basis.head.project,
        basis.round,
        given,
        names,
        title=basis.title,
        decided=decided,
        day=day,
        lang=lang,
    )
    note = t("evalteam.adoption_note", lang, title=basis.title, n=number)
    chosen = note if message is None else message
    return record_round(store, facilitator_token, basis, project, author, chosen)
