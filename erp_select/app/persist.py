"""Keep the visitor's project across reloads: autosave to the store, project id in the URL."""

from __future__ import annotations

import os
from collections.abc import Callable

import streamlit as st

from erp_select.app.state import flash, tr
from erp_select.errors import InputError, Problem
from erp_select.model import Project
from erp_select.store import projects as store_projects
from erp_select.store.db import Store, init_db
from erp_select.store.projects import ProjectInfo

QUERY_KEY = "project"
STORE_ID = "store_project_id"
STORE_HEAD = "store_head"
RESTORED = "_restored_from_url"
AUTHOR = "erp-select app"


def _open(url: str) -> Store | None:
    try:
        return init_db(url or None)
    except Exception:  # any database failure: the app runs on, offering the project file
        return None


# One connection pool per server process and database URL: it holds no visitor's data
# (each visitor's project id lives in that visitor's session and URL).
_open_store: Callable[[str], Store | None] = st.cache_resource(show_spinner=False)(_open)


def store() -> Store | None:
    """Return the project store, or ``None`` when the database cannot be opened."""
    if os.environ.get("ERP_SELECT_NO_STORE"):
        return None
    return _open_store(os.environ.get("ERP_SELECT_DATABASE_URL", ""))


def autosave(project: Project, message: str) -> None:
    """Save ``project`` as a new revision and put its id in the URL (no-op without a store).

    A failing save never blocks the visitor: the project stays in the session, and the
    sidebar offers the project file instead.
    """
    db = store()
    if db is None:
        return
    note = message[:200]
    current = st.session_state.get(STORE_ID)
    head = st.session_state.get(STORE_HEAD)
    try:
        if isinstance(current, int):
            try:
                info = store_projects.save_revision(
                    db,
                    current,
                    project,
                    author=AUTHOR,
                    message=note,
                    expected_head=head if isinstance(head, int) else None,
                )
            except InputError as exc:
                if not any(p.rule == "store.stale_revision" for p in exc.problems):
                    raise
                # Someone else saved this project meanwhile: keep both, save ours as a copy.
                info = store_projects.create_project(db, project, author=AUTHOR, message=note)
                flash("warning", tr("persist.forked", project=info.project_id))
        else:
            info = store_projects.create_project(db, project, author=AUTHOR, message=note)
    except Exception:  # a failed save never blocks the visitor (only the store talks SQL)
        st.session_state[STORE_ID] = None
        flash("warning", tr("persist.save_failed"))
        return
    st.session_state[STORE_ID] = info.project_id
    st.session_state[STORE_HEAD] = info.number
    st.query_params[QUERY_KEY] = str(info.project_id)


def restore_from_url() -> Project | None:
    """On a fresh session, load the project whose id is in the URL.

    Returns
    -------
    Project or None
        The saved project, or ``None`` when the URL names none (or it was tried already).

    Raises
    ------
    InputError
        When the id is not a number or names no saved project.
    """
    if st.session_state.get(RESTORED):
        return None
    st.session_state[RESTORED] = True
    raw = st.query_params.get(QUERY_KEY)
    db = store()
    if not raw or db is None:
        return None
    try:
        project_id = int(raw)
    except ValueError:
        message = tr("persist.bad_id")
        raise InputError(
            [Problem(rule="generic", field=QUERY_KEY, value=raw, params={"message": message})]
        ) from None
    revision = store_projects.load_revision(db, project_id)
    st.session_state[STORE_ID] = project_id
    st.session_state[STORE_HEAD] = revision.info.number
    return revision.project


def open_saved(project_id: int) -> Project:
    """Load a saved project (latest revision) and make later saves go to it.

    Raises
    ------
    InputError
        When the project is missing or its content is damaged.
    """
    db = store()
    if db is None:
        raise InputError([Problem(rule="generic", params={"message": tr("persist.no_store")})])
    revision = store_projects.load_revision(db, project_id)
    st.session_state[STORE_ID] = project_id
    st.session_state[STORE_HEAD] = revision.info.number
    st.query_params[QUERY_KEY] = str(project_id)
    return revision.project


def forget() -> None:
    """Start the next save as a new saved project (after loading a file or the demo)."""
    st.session_state[STORE_ID] = None
    st.session_state[STORE_HEAD] = None


def saved_projects() -> list[ProjectInfo]:
    """Return the saved projects, most recent first (empty without a store)."""
    db = store()
    if db is None:
        return []
    try:
        return store_projects.list_projects(db)
    except InputError:
        return []
