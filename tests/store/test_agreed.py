"""Agreed scores kept with a demo round: facilitator only, after locking, read by adoption."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import inspect, text

from erp_select.errors import InputError
from erp_select.store import (
    Store,
    agreed_scores,
    forget_agreed,
    init_db,
    load_project,
    lock_round,
    make_engine,
    record_agreed,
    reopen_round,
)
from erp_select.workshop.demo_adoption import adopt_demo_round
from tests.store.test_db import _upgrade_to
from tests.store.test_scorecards import _scored


def _rule(call: Any) -> tuple[str, str | None]:
    with pytest.raises(InputError) as err:
        call()
    problem = err.value.problems[0]
    return problem.rule, problem.field


def test_only_the_facilitator_records_and_only_once_locked(store: Store) -> None:
    _, fac, tokens = _scored(store)
    # Before the lock: refused, the scores are still blind.
    assert _rule(lambda: record_agreed(store, fac, 1, "alpha", "fit", 4, "x")) == (
        "agreed.round_open",
        "round",
    )
    lock_round(store, fac, 1)
    # An evaluator's seat cannot record, even once locked.
    assert _rule(lambda: record_agreed(store, tokens[0], 1, "alpha", "fit", 5, "moi")) == (
        "store.access_denied",
        "token",
    )
    rec = record_agreed(store, fac, 1, "alpha", "fit", 4, "revu en salle")
    assert (rec.score, rec.note, rec.recorded_by) == (4.0, "revu en salle", "Consultante")
    # Re-recording replaces; a second cell keeps the mean and says why.
    record_agreed(store, fac, 1, "alpha", "fit", 2, "après discussion")
    record_agreed(store, fac, 1, "alpha", "tech", None, "un seul avis")
    # Read back through a fresh connection: it is in the database, not in memory.
    again = init_db(settings=store.settings)
    try:
        got = [(r.cell, r.score, r.note) for r in agreed_scores(again, fac, 1)]
    finally:
        again.dispose()
    assert got == [
        (("alpha", "fit"), 2.0, "après discussion"),
        (("alpha", "tech"), None, "un seul avis"),
    ]
    # Evaluators read the agreed scores once the round is locked.
    assert len(agreed_scores(store, tokens[1], 1)) == 2
    forget_agreed(store, fac, 1, "alpha", "tech")
    assert [r.cell for r in agreed_scores(store, fac, 1)] == [("alpha", "fit")]
    # Reopened: no recording (and the evaluators no longer read them).
    reopen_round(store, fac, 1)
    assert agreed_scores(store, tokens[1], 1) == ()
    assert _rule(lambda: record_agreed(store, fac, 1, "alpha", "fit", 3, ""))[0] == (
        "agreed.round_open"
    )


@pytest.mark.parametrize("bad", [0, 5.5, -1, float("nan"), float("inf"), True, "4"])
def test_an_out_of_scale_score_is_refused_where_it_is(store: Store, bad: Any) -> None:
    _, fac, _ = _scored(store)
    lock_round(store, fac, 1)
    rule, field = _rule(lambda: record_agreed(store, fac, 1, "beta", "fit", bad, ""))
    assert (rule, field) == ("agreed.off_scale", "beta / fit")
    assert _rule(lambda: record_agreed(store, fac, 1, "gamma", "fit", 3, ""))[0] == (
        "agreed.not_in_round"
    )
    assert _rule(lambda: record_agreed(store, fac, 1, "beta", "fit", 3, "x" * 301))[0] == (
        "agreed.note_too_long"
    )
    assert agreed_scores(store, fac, 1) == ()


def test_adoption_reads_the_stored_agreed_scores(store: Store) -> None:
    project_id, fac, _ = _scored(store)
    lock_round(store, fac, 1)
    record_agreed(store, fac, 1, "alpha", "fit", 4, "revu en salle")
    record_agreed(store, fac, 1, "alpha", "tech", None, "un seul avis")
    adopt_demo_round(store, fac, 1, lang="fr")
    after = load_project(store, project_id)
    fit = after.vendor("alpha").facts["score.fit"]
    # Linear 0 → 10: agreed 4 → 75 % → 7,5 (not the mean 10/3); evaluators 1 and 5 → 0, 10.
    assert (fit.value, fit.low, fit.high) == (7.5, 0.0, 10.0)
    assert fit.source is not None and "revu en salle" in fit.source
    tech = after.vendor("alpha").facts["score.tech"]
    assert tech.value == 5.0 and tech.source is not None and "un seul avis" in tech.source
    # Adopted: the agreed scores no longer change.
    assert _rule(lambda: record_agreed(store, fac, 1, "alpha", "fit", 3, ""))[0] == (
        "agreed.round_adopted"
    )


def test_the_migration_upgrades_a_store_with_rounds_without_loss(db_url: str) -> None:
    """A store at 0004 with a workshop, a round and an answer upgrades: all kept, new table."""
    engine = make_engine(db_url)
    try:
        _upgrade_to(engine, "0004")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO projects (id, key_hash, name, created_at, created_by, head) "
                    "VALUES (1, :h, 'old', CURRENT_TIMESTAMP, 'x', 0)"
                ),
                {"h": "a" * 64},
            )
            conn.execute(
                text(
                    "INSERT INTO workshops (id, project_id, base_revision, title, "
                    "facilitator_name, code_hash, facilitator_hash, hide_names, status, "
                    "created_at, participant_count, round_count) VALUES (1, 1, 1, 't', 'f', "
                    ":c, :f, false, 'open', CURRENT_TIMESTAMP, 0, 1)"
                ),
                {"c": "c" * 64, "f": "f" * 64},
            )
            conn.execute(
                text(
                    "INSERT INTO rounds (id, workshop_id, number, kind, criteria, vendors, "
                    "status, opened_at) VALUES (1, 1, 1, 'demo', :c, :v, "
                    "'locked', CURRENT_TIMESTAMP)"
                ),
                {"c": '["fit"]', "v": '["a"]'},
            )
        assert "agreed_scores" not in inspect(engine).get_table_names()
        _upgrade_to(engine, "head")
        assert "agreed_scores" in inspect(engine).get_table_names()
        with engine.connect() as conn:
            rounds = conn.execute(text("SELECT number, kind, status FROM rounds")).all()
            assert [tuple(r) for r in rounds] == [(1, "demo", "locked")]
            assert conn.execute(text("SELECT count(*) FROM agreed_scores")).scalar() == 0
            assert conn.execute(text("SELECT count(*) FROM workshops")).scalar() == 1
    finally:
        engine.dispose()


def test_a_demo_round_scores_the_script_as_last_saved(store: Store) -> None:
    """The round takes the demo script's scenarios (ids, titles) as last saved, even when
    the workshop opened on an older revision; a score names one of them or is refused."""
    from erp_select.store import create_project, join_workshop, open_workshop, save_revision
    from erp_select.workshop.rounds import open_round
    from erp_select.workshop.submissions import submit
    from tests.workshop.test_round_scenarios import edited, example

    rev = create_project(store, example(), author="Directeur")
    access = open_workshop(store, rev.project_id, facilitator="Consultante")
    fac = access.facilitator_token
    seat = join_workshop(store, access.join_code, "Ana", client_key="c1").token
    save_revision(store, rev.project_id, edited(), author="Directeur", expected_head=1)
    rnd = open_round(
        store, fac, "demo", criteria=["upgrade_safety", "configuration_depth"], lang="fr"
    )
    first = rnd.scenarios[0]
    assert (first.id, first.title, first.criteria) == (
        "o2c.partial_delivery",
        "Commande client livrée en trois fois",
        ("upgrade_safety",),
    )
    vendor = rnd.vendors[0]
    ok = {"vendor": vendor, "criterion": "upgrade_safety", "score": 4}
    submit(store, seat, 1, {"kind": "demo", "scores": [{**ok, "scenario": first.id}]})
    for scenario, rule in (
        ("o2c.nowhere", "agreed.unknown_scenario"),
        ("security.access_audit", "agreed.unknown_scenario"),  # informs no round criterion
    ):
        bad = {"kind": "demo", "scores": [{**ok, "scenario": scenario}]}
        assert _rule(lambda bad=bad: submit(store, seat, 1, bad))[0] == rule  # type: ignore[misc]
    wrong = {**ok, "criterion": "configuration_depth", "scenario": first.id}
    assert _rule(lambda: submit(store, seat, 1, {"kind": "demo", "scores": [wrong]})) == (
        "agreed.scenario_criterion",
        "o2c.partial_delivery / configuration_depth",
    )
