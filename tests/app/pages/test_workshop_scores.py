"""AppTest: a demo scoring round — blind evaluators, the facilitator's consensus, the adoption."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from erp_select.app import seats
from erp_select.scoring.facts import fact_value
from erp_select.store import agreed_scores, find_project, init_db, list_revisions, load_project
from tests.app.pages.test_workshop_pages import _join, _open_round, _open_workshop, _project, _texts
from tests.i18n.shown import page_texts
from tests.i18n.test_every_word import _findings, _verbatim

Goto = Callable[[AppTest, str], AppTest]
New = Callable[[], AppTest]


def _score(at: AppTest, score: int | None, comment: str) -> None:
    if score is None:
        at.checkbox(key="wj.demo.1.not_shown").check()
    else:
        at.select_slider(key="wj.demo.1.score").set_value(score)
    at.radio(key="wj.demo.1.confidence").set_value("high")
    at.text_area(key="wj.demo.1.comment").set_value(comment)
    at.button(key="wj.submit.1").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_blind_scores_then_agreed_and_adopted_as_demo_facts(
    demo: AppTest, goto: Goto, new: New
) -> None:
    code = _open_workshop(demo, goto)
    _open_round(demo, "demo")
    key = demo.session_state["store_project_key"]
    vendor = demo.session_state["wf.demo_vendors"][0]
    criterion = demo.session_state["wf.demo_criteria"][0]
    alice = _join(new, goto, code, "Alice")
    bob = _join(new, goto, code, "Bob")
    carol = _join(new, goto, code, "Carole")
    _score(alice, 1, "rien de natif")
    _score(bob, 4, "commentaire-de-bob")
    _score(carol, None, "pas vu")
    # Alice sees her own scorecard, never Bob's, while the round is open.
    alice.run()
    seen = _texts(alice)
    assert "commentaire-de-bob" not in seen and "Bob" not in seen
    assert "restent cachées" in seen
    assert "pas vu" not in seen  # Carole's « not shown » and comment are hers alone
    # The facilitator sees who scored what, live: « Non montré » never counted as 0.
    demo.run()
    shown = _texts(demo)
    assert "commentaire-de-bob" in shown and "Non montré" in shown
    cells = next(f.value for f in demo.dataframe if "Médiane" in f.value.columns)
    assert list(cells["Moyenne"]) == ["2,5"]  # (1 + 4) / 2, not (1 + 4 + 0) / 3
    assert list(cells["Non montré"]) == ["1"]
    # Every word on the facilitator's and an evaluator's page is French, numbers the French way.
    typed = [*_verbatim(_project(demo), "fr"), "Alice", "Bob", "Carole", "rien de natif"]
    typed += ["commentaire-de-bob", "pas vu"]
    for page, at in (("facilitator", demo), ("evaluator", alice)):
        rows = _findings("scores/fr", page, list(page_texts(at._tree, "fr")), "fr", typed)
        assert rows == [], rows
    # No agreed score while the round is open: the form is not there, the page says why.
    assert not any(b.key == "wf.agree.1.go" for b in demo.button)
    assert "Verrouillez le tour" in _texts(demo)
    # The group agrees on 3, with a reason, then adopts.
    demo.button(key="wf.lock").click().run()
    demo.select_slider(key="wf.agree.1.score").set_value(3)
    demo.text_input(key="wf.agree.1.note").set_value("revu ensemble")
    demo.button(key="wf.agree.1.go").click().run()
    assert "revu ensemble" in _texts(demo)
    # A reload (a fresh session holding the same facilitator seat) still shows it: it is
    # stored with the round, not in the browser session.
    token = demo.session_state[seats.FACILITATOR]
    again = new()
    again.session_state[seats.FACILITATOR] = token
    again.session_state["store_project_key"] = key
    again.run()
    goto(again, "workshop")
    assert "revu ensemble" in _texts(again), _texts(again)
    assert "Claire" in _texts(again)  # who recorded it
    store = init_db()
    try:
        recs = agreed_scores(store, token, 1)
        assert [(r.cell, r.score, r.note, r.recorded_by) for r in recs] == [
            ((vendor, criterion), 3.0, "revu ensemble", "Claire")
        ]
        project_id = find_project(store, key)
        before = list_revisions(store, project_id)[-1].number
        demo.button(key="wf.adopt").click().run()
        assert not demo.exception, [e.value for e in demo.exception]
        assert list_revisions(store, project_id)[-1].number == before + 1
        saved = load_project(store, project_id)
    finally:
        store.dispose()
    fact_id, value = fact_value(saved.criteria.node(criterion), 3)
    fact = saved.vendor(vendor).facts[fact_id]
    assert fact.evidence == "demo"
    assert fact.value == (pytest.approx(value) if isinstance(value, float) else value)
    assert fact.source is not None and "revu ensemble" in fact.source
    assert _project(demo).vendor(vendor).facts[fact_id].evidence == "demo"
