"""Autosave recovers by itself: a database down at start-up, a save that fails (issue 15)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from erp_select.app import persist
from erp_select.errors import InputError, Problem
from erp_select.store import find_project, init_db, list_projects, load_project
from erp_select.store import projects as store_projects

New = Callable[[], AppTest]
PENDING = "Pas encore enregistré"


def _sidebar_warnings(at: AppTest) -> str:
    return " ".join(w.value for w in at.sidebar.warning)


def _rename(at: AppTest, name: str) -> None:
    at.text_input(key="pf.name").set_value(name)
    at.button(key="pf.save").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_failed_save_keeps_the_same_project_and_retries(
    demo: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = demo.session_state[persist.STORE_KEY]
    saved_id = demo.session_state[persist.STORE_ID]
    real = store_projects.save_revision

    def down(*_args: object, **_kwargs: object) -> object:
        raise InputError([Problem(rule="recover.db_unavailable")])

    monkeypatch.setattr(store_projects, "save_revision", down)
    _rename(demo, "Menuiserie Dupont")
    assert PENDING in _sidebar_warnings(demo)  # told, not silently lost
    assert demo.session_state[persist.STORE_ID] == saved_id  # still the same project
    assert "127.0.0.1" not in " ".join(w.value for w in demo.warning)

    monkeypatch.setattr(store_projects, "save_revision", real)
    demo.run()  # any next page run retries
    assert not demo.exception
    assert PENDING not in _sidebar_warnings(demo)
    assert demo.session_state[persist.STORE_ID] == saved_id
    store = init_db()
    try:
        assert len(list_projects(store)) == 1  # no second project with a new key
        assert load_project(store, find_project(store, key)).name == "Menuiserie Dupont"
    finally:
        store.dispose()


def test_a_database_down_at_start_is_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new: New
) -> None:
    # The database's folder cannot be made (a file is in the way): "down" at start-up.
    blocker = tmp_path / "dbdir"
    blocker.write_text("in the way", encoding="utf-8")
    url = f"sqlite:///{(blocker / 'app.db').as_posix()}"
    monkeypatch.setenv("ERP_SELECT_DATABASE_URL", url)
    monkeypatch.delenv("ERP_SELECT_NO_STORE", raising=False)
    monkeypatch.delenv("ERP_SELECT_LANG", raising=False)
    monkeypatch.setenv("ERP_SELECT_START", "empty")
    monkeypatch.setattr(persist, "RETRY_SECONDS", 0.0)
    at = new()
    at.run()
    at.button(key="pf.load_demo").click().run()
    assert not at.exception
    assert PENDING in _sidebar_warnings(at)
    assert at.session_state[persist.STORE_ID] is None

    blocker.unlink()  # the database is back
    at.run()
    assert not at.exception
    assert PENDING not in _sidebar_warnings(at)
    store = init_db(url)
    try:
        assert [p.id for p in list_projects(store)] == [at.session_state[persist.STORE_ID]]
    finally:
        store.dispose()


def test_a_project_link_opened_while_the_database_is_down_opens_once_it_is_back(
    demo: AppTest, new: New, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = demo.session_state[persist.STORE_KEY]
    real = persist.store
    monkeypatch.setattr(persist, "store", lambda: None)  # the database does not answer
    later = new()
    later.query_params[persist.QUERY_KEY] = key
    later.run()
    assert not later.exception
    assert "ne répond pas encore" in _sidebar_warnings(later)
    assert "project" not in later.session_state or later.session_state["project"] is None
    monkeypatch.setattr(persist, "store", real)  # back
    later.run()
    assert not later.exception
    assert later.session_state[persist.STORE_KEY] == key
    assert later.session_state["project"].name == demo.session_state["project"].name
