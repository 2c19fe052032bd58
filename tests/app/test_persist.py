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
    key = demo.query_params["project"]
    real = store_projects.save_revision

    def down(*_args: object, **_kwargs: object) -> object:
        raise InputError([Problem(rule="recover.db_unavailable")])

    monkeypatch.setattr(store_projects, "save_revision", down)
    _rename(demo, "Menuiserie Dupont")
    assert PENDING in _sidebar_warnings(demo)  # told, not silently lost
    assert demo.query_params["project"] == key  # the link still names the same project
    assert "127.0.0.1" not in " ".join(w.value for w in demo.warning)

    monkeypatch.setattr(store_projects, "save_revision", real)
    demo.run()  # any next page run retries
    assert not demo.exception
    assert PENDING not in _sidebar_warnings(demo)
    assert demo.query_params["project"] == key
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
    assert "project" not in at.query_params

    blocker.unlink()  # the database is back
    at.run()
    assert not at.exception
    assert PENDING not in _sidebar_warnings(at)
    key = at.query_params["project"]
    store = init_db(url)
    try:
        assert find_project(store, key) > 0
    finally:
        store.dispose()
