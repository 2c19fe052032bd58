"""Demo scorecards in the store: blind until close, adopted as one reversible revision."""

from __future__ import annotations

from typing import Any

import pytest

from erp_select.errors import InputError
from erp_select.store import (
    Store,
    list_revisions,
    load_project,
    lock_round,
    restore_revision,
    round_snapshot,
)
from erp_select.workshop.demo_adoption import adopt_demo_round
from erp_select.workshop.live import live_view
from erp_select.workshop.rounds import open_round
from erp_select.workshop.submissions import submit
from tests.store.test_live import _setup


def card(*scores: tuple[str, str, int | None]) -> dict[str, Any]:
    out = []
    for vendor, criterion, score in scores:
        item: dict[str, Any] = {"vendor": vendor, "criterion": criterion, "confidence": "high"}
        if score is None:
            item["not_shown"] = True
        else:
            item["score"] = score
        out.append(item)
    return {"kind": "demo", "scores": out}


def _scored(store: Store) -> tuple[int, str, list[str]]:
    project_id, fac, tokens = _setup(store, 3)
    open_round(store, fac, "demo", criteria=["fit", "tech"], vendors=["alpha", "beta"])
    submit(store, tokens[0], 1, card(("alpha", "fit", 1), ("alpha", "tech", 3)))
    submit(store, tokens[1], 1, card(("alpha", "fit", 4), ("alpha", "tech", None)))
    submit(store, tokens[2], 1, card(("alpha", "fit", 5), ("beta", "fit", 2)))
    return project_id, fac, tokens


def test_an_evaluator_cannot_read_others_scores_before_close(store: Store) -> None:
    _, fac, tokens = _scored(store)
    # The store itself hands an evaluator their own scorecard only while the round is open.
    snap = round_snapshot(store, tokens[1], 1)
    assert [a.person.name for a in snap.answers] == ["P1"]
    assert len(round_snapshot(store, fac, 1).answers) == 3
    view = live_view(store, tokens[1], 1)
    assert view.demo is not None and view.demo.blind and view.demo.cells == ()
    assert {c.label for c in view.demo.comments} == {"P1"}
    # The facilitator sees who scored, live.
    assert [p.submitted for p in live_view(store, fac, 1).people] == [True, True, True]
    lock_round(store, fac, 1)
    after = live_view(store, tokens[1], 1)
    assert after.demo is not None and not after.demo.blind
    fit = next(c for c in after.demo.cells if (c.vendor_id, c.criterion_id) == ("alpha", "fit"))
    assert fit.count == 3 and fit.scores == ()  # the group's figures, never who gave which
    assert len(round_snapshot(store, tokens[1], 1).answers) == 3


def test_adoption_is_one_revision_that_restoring_removes(store: Store) -> None:
    project_id, fac, _ = _scored(store)
    before = load_project(store, project_id)
    rev = adopt_demo_round(
        store, fac, 1, decided={("alpha", "fit"): (4, "revu en salle")}, lang="fr"
    )
    assert [r.number for r in list_revisions(store, project_id)] == [1, 2]
    assert "tour 1" in rev.message
    after = load_project(store, project_id)
    fit = after.vendor("alpha").facts["score.fit"]
    # Linear 0 → 10: agreed 4 → 75 % → 7,5; evaluators 1 and 5 → 0 and 10.
    assert (fit.value, fit.low, fit.high, fit.evidence) == (7.5, 0.0, 10.0, "demo")
    assert fit.source is not None and "revu en salle" in fit.source and "P0, P1, P2" in fit.source
    # Seat 2 did not show alpha's tech: the only score is 3 → 50 % → 5, no range.
    tech = after.vendor("alpha").facts["score.tech"]
    assert (tech.value, tech.low, tech.high) == (5.0, None, None)
    assert after.vendor("gamma") == before.vendor("gamma")
    # The round is locked and points at its revision.
    snap = round_snapshot(store, fac, 1)
    assert snap.round.status == "locked" and snap.round.adopted_revision == 2
    # Restoring revision 1 takes the demo facts out again.
    restore_revision(store, project_id, 1, author="Directeur")
    assert load_project(store, project_id) == before


def test_a_weights_round_is_not_adopted_as_scores(store: Store) -> None:
    _, fac, _ = _setup(store, 1)
    open_round(store, fac, "points")
    with pytest.raises(InputError) as err:
        adopt_demo_round(store, fac, 1)
    assert err.value.problems[0].rule == "store.not_a_demo_round"
