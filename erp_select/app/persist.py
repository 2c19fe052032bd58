"""Keep the visitor's project across reloads: autosave to the store, its key in a cookie."""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import unquote, urlencode

import streamlit as st

from erp_select.app import author, cookies
from erp_select.app.session import flash, lang, project, tr
from erp_select.errors import InputError, Problem
from erp_select.i18n import t
from erp_select.model import Project
from erp_select.settings import load_settings
from erp_select.store import new_project_key
from erp_select.store import projects as store_projects
from erp_select.store.db import Store, StoreGate

#: The query name of a deliberate share link (``?project=KEY``), taken out on arrival.
QUERY_KEY = "project"
STORE_ID = "store_project_id"
STORE_KEY = "store_project_key"
STORE_HEAD = "store_head"
RESTORED = "_restored_from_url"
#: After a failure to open the database, wait this long before the next attempt (seconds).
RETRY_SECONDS = 5.0
PENDING = "_store_save_pending"
PENDING_NOTE = "_store_save_pending_note"
WAITING = "_store_waiting_to_restore"
#: The example as a first visit opened it, kept until the first change saves it as version 1.
EXAMPLE_BASE = "_store_example_base"
_LOG = logging.getLogger(__name__)


def _configure_log() -> None:
    """Send the app's own log (database failures, refused joins) to the server's stderr."""
    logger = logging.getLogger("erp_select")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(load_settings().log_level)


def _gate(url: str) -> StoreGate:
    _configure_log()  # once per process: this function's result is cached
    return StoreGate(url or None, retry_seconds=RETRY_SECONDS)


# One gate (hence one connection pool) per server process and database URL: it holds no
# visitor's data (each visitor's project id lives in that visitor's session and URL). The
# gate, not a failure, is what is cached: a database that was down at start-up is tried
# again a few seconds later, so saving resumes by itself.
_open_gate: Callable[[str], StoreGate] = st.cache_resource(show_spinner=False)(_gate)


def store() -> Store | None:
    """Return the project store, or ``None`` when the database cannot be opened (yet)."""
    settings = load_settings()
    if settings.no_store:
        return None
    return _open_gate(settings.database_url).get()


def configured() -> bool:
    """True when this server is meant to have a database (it may be down for now)."""
    return not load_settings().no_store


def pending() -> bool:
    """True while the visitor's latest change is not saved yet (the database is down)."""
    return bool(st.session_state.get(PENDING))


def waiting() -> bool:
    """True while the project named by the visitor's link waits for the database."""
    return bool(st.session_state.get(WAITING))


def retry_pending() -> None:
    """Save the visitor's project again if the last save failed (call once per page run)."""
    current = project()
    if pending() and current is not None and store() is not None:
        autosave(current, str(st.session_state.get(PENDING_NOTE) or ""))


def _failed(note: str) -> None:
    # Keep the project id, key and head: the retry must go to the same saved project.
    if not pending():
        flash("warning", t("recover.pending", lang()))
    st.session_state[PENDING] = True
    st.session_state[PENDING_NOTE] = note


def keep_example_base(opened: Project) -> None:
    """Remember the example a first visit opened: the first change saves it as version 1.

    Nothing is written merely by opening the app; once the visitor changes something, the
    history starts from the example as it was, so the first change can be compared with it.
    """
    st.session_state[EXAMPLE_BASE] = opened


def _save_example_base(db: Store) -> Project | None:
    """Save the example as first opened, as the first version, before the first change.

    Forgotten only once saved: a run interrupted by the next click keeps it for the next save.
    Returns the example saved now, if one was.
    """
    base = st.session_state.get(EXAMPLE_BASE)
    if not isinstance(base, Project) or current_id() is not None:
        st.session_state.pop(EXAMPLE_BASE, None)
        return None
    note = t("walk.history.example_opened", lang())
    key = new_project_key()
    info = store_projects.create_project(db, base, author=author.signature(), message=note, key=key)
    _remember(info.project_id, key, info.number)
    st.session_state.pop(EXAMPLE_BASE, None)
    return base


def autosave(project: Project, message: str) -> None:
    """Save ``project`` as a new revision; its key is kept in a cookie (no-op without a store).

    A failing save never blocks the visitor: the project stays in the session, and the
    sidebar offers the project file instead.
    """
    note = message[:200]
    if load_settings().no_store:
        return
    db = store()
    if db is None:
        _failed(note)
        return
    try:
        if _save_example_base(db) == project:
            # The example unchanged (a workshop needs a saved project): one version, not
            # the same project twice.
            st.session_state[PENDING] = False
            return
        current = st.session_state.get(STORE_ID)
        head = st.session_state.get(STORE_HEAD)
        key = current_key()
        if isinstance(current, int):
            try:
                info = store_projects.save_revision(
                    db,
                    current,
                    project,
                    author=author.signature(),
                    message=note,
                    expected_head=head if isinstance(head, int) else None,
                )
            except InputError as exc:
                if not any(p.rule == "store.stale_revision" for p in exc.problems):
                    raise
                # Someone else saved this project meanwhile: keep both, save ours as a copy.
                key = new_project_key()
                info = store_projects.create_project(
                    db, project, author=author.signature(), message=note, key=key
                )
                flash("warning", tr("persist.forked"))
        else:
            key = new_project_key()
            info = store_projects.create_project(
                db, project, author=author.signature(), message=note, key=key
            )
    except Exception:  # a failed save never blocks the visitor (only the store talks SQL)
        _LOG.warning("autosave failed; will retry", exc_info=True)
        _failed(note)
        return
    _remember(info.project_id, key, info.number)
    if pending():
        flash("success", t("recover.saved_again", lang()))
    st.session_state[PENDING] = False


def _remember(project_id: int, key: str | None, head: int) -> None:
    if key is None and project_id == current_id():
        key = current_key()  # the same project: the key this visitor holds still opens it
    st.session_state[STORE_ID] = project_id
    st.session_state[STORE_KEY] = key
    st.session_state[STORE_HEAD] = head
    cookies.write(cookies.PROJECT, key)


def current_key() -> str | None:
    """Return the secret key of the visitor's saved project, when this visitor holds it.

    ``None`` before a save, or for a project opened through a workshop (its key is stored
    hashed: :func:`share_link` then makes a new one). Never put in the address bar.
    """
    key = st.session_state.get(STORE_KEY)
    return key if isinstance(key, str) else None


def current_id() -> int | None:
    """Return the store id of the visitor's saved project (never shown, never in a URL)."""
    found = st.session_state.get(STORE_ID)
    return found if isinstance(found, int) and not isinstance(found, bool) else None


def restore_from_url() -> Project | None:
    """On a fresh session, open the project of a share link, or the one this browser keeps.

    A share link (``?project=KEY``) is taken out of the address at once and its key kept in
    a cookie; without one, the key in the cookie reopens the visitor's project after a
    reload. Only the random key is accepted: a sequential id opens nothing.

    Returns
    -------
    Project or None
        The saved project, or ``None`` when there is none to open (or it was tried already).

    Raises
    ------
    InputError
        When the key names no saved project.
    """
    if st.session_state.get(RESTORED):
        return None
    st.session_state[RESTORED] = True
    raw = st.query_params.get(QUERY_KEY)
    if raw is not None:
        del st.query_params[QUERY_KEY]
    db = store()
    kept = raw or cookies.read(cookies.PROJECT)
    st.session_state[WAITING] = bool(kept) and db is None
    if kept and db is None:
        # The database is down: keep the key and try again at the next page run.
        if raw:
            cookies.write(cookies.PROJECT, raw)
        st.session_state[RESTORED] = False
        return None
    if db is None:
        return None
    if raw:
        return _open_key(db, raw)
    if not kept:
        return None
    try:
        return _open_key(db, kept)
    except InputError:
        cookies.write(cookies.PROJECT, None)
        raise


def arriving() -> bool:
    """True when this visitor brings a share link or keeps a project in a cookie."""
    return bool(st.query_params.get(QUERY_KEY) or cookies.read(cookies.PROJECT))


def _open_key(db: Store, key: str) -> Project:
    project_id = store_projects.find_project(db, key)
    revision = store_projects.load_revision(db, project_id)
    _remember(project_id, key, revision.info.number)
    return revision.project


def key_from_link(text: str) -> str:
    """Return the project key in a pasted link (``…?project=KEY&lang=fr``) or bare key."""
    raw = text.strip()
    if "?" in raw or "=" in raw:
        query = raw.split("?", 1)[-1]
        for part in query.split("&"):
            name, _, value = part.partition("=")
            if name == QUERY_KEY:
                return unquote(value)
    return raw


def open_link(text: str) -> Project:
    """Load the saved project named by a pasted link or key and make later saves go to it.

    Raises
    ------
    InputError
        When no store is available, or the link names no saved project.
    """
    db = store()
    if db is None:
        raise InputError([Problem(rule="generic", params={"message": tr("persist.no_store")})])
    return _open_key(db, key_from_link(text))


def open_project(project_id: int) -> Project:
    """Load the latest revision of a project the visitor may open (e.g. their workshop's).

    The id comes from the store (a workshop the visitor's token opens), never from the
    URL. The visitor's key is kept when it is this project's; otherwise none is known.

    Raises
    ------
    InputError
        When no store is available or the project is missing.
    """
    db = store()
    if db is None:
        raise InputError([Problem(rule="generic", params={"message": tr("persist.no_store")})])
    revision = store_projects.load_revision(db, project_id)
    _remember(project_id, None, revision.info.number)
    return revision.project


def share_link(base_url: str, *, renew: bool = False) -> str:
    """Return a link that opens the visitor's saved project (for the visitor to share).

    Parameters
    ----------
    base_url
        The app's address (``https://host/``).
    renew
        Make a new key: the old links stop working. Done anyway when this visitor holds
        no key (e.g. a project opened through a workshop), since stored keys are hashed.

    Raises
    ------
    InputError
        When no store is available or nothing is saved yet.
    """
    db, project_id = store(), current_id()
    if db is None or project_id is None:
        raise InputError([Problem(rule="generic", params={"message": tr("persist.no_store")})])
    key = current_key()
    if renew or key is None:
        key = store_projects.new_share_key(db, project_id)
        st.session_state[STORE_KEY] = key
        cookies.write(cookies.PROJECT, key)
    return f"{base_url}?{urlencode({QUERY_KEY: key})}"


def forget() -> None:
    """Start the next save as a new saved project (after loading a file or the demo)."""
    st.session_state[STORE_ID] = None
    st.session_state[STORE_KEY] = None
    st.session_state[STORE_HEAD] = None
    st.session_state.pop(EXAMPLE_BASE, None)
    cookies.write(cookies.PROJECT, None)
    st.session_state[PENDING] = False
    if QUERY_KEY in st.query_params:
        del st.query_params[QUERY_KEY]


def revisions() -> list[store_projects.RevisionInfo]:
    """The saved revisions of the visitor's project, oldest first (none before a save)."""
    db, project_id = store(), current_id()
    if db is None or project_id is None:
        return []
    return store_projects.list_revisions(db, project_id)


def versions(old: int, new: int) -> tuple[Project, Project]:
    """Revisions ``old`` and ``new`` of the visitor's project (for the history page)."""
    db, project_id = store(), current_id()
    if db is None or project_id is None:
        raise InputError([Problem(rule="generic", params={"message": tr("persist.no_store")})])
    first = store_projects.load_revision(db, project_id, old).project
    second = store_projects.load_revision(db, project_id, new).project
    return first, second


def restore(number: int, *, note: str) -> Project:
    """Make revision ``number`` the current one again (saved as a new revision with ``note``)."""
    db, project_id = store(), current_id()
    if db is None or project_id is None:
        raise InputError([Problem(rule="generic", params={"message": tr("persist.no_store")})])
    info = store_projects.restore_revision(
        db, project_id, number, author=author.signature(), message=note
    )
    project = store_projects.load_revision(db, project_id, info.number).project
    _remember(project_id, current_key(), info.number)
    return project
