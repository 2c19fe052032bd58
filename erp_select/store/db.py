"""Database engines and sessions: SQLite (WAL, BEGIN IMMEDIATE) or PostgreSQL, and start-up."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import ArgumentError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from erp_select.errors import InputError, Problem
from erp_select.model import Project
from erp_select.store.settings import Settings, load_settings

_READ_ONLY = "erp_select_read_only"
_LOG = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def _parse_url(url: str | URL) -> URL:
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise InputError(
            [Problem(rule="store.bad_url", field="ERP_SELECT_DATABASE_URL", value=str(url))]
        ) from exc


def _sqlite_file(url: URL) -> Path | None:
    database = url.database or ""
    if database in {"", ":memory:"} or database.startswith("file:"):
        return None
    return Path(database)


def _install_sqlite_hooks(engine: Engine, busy_timeout_ms: int, wal: bool) -> None:
    """Apply SQLAlchemy's documented pysqlite recipe: we emit BEGIN ourselves."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Disable pysqlite's own transaction handling; SQLAlchemy's "begin" hook below
        # emits BEGIN so every transaction, reads included, is a real one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if wal:
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the write lock up front: a read-then-write transaction started as
        # DEFERRED can lose updates or fail late with SQLITE_BUSY (see DOMAIN.md).
        if conn.get_execution_options().get(_READ_ONLY):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str | URL, *, busy_timeout_ms: int = 30_000, **kwargs: Any) -> Engine:
    """Create an engine for ``url`` with the store's connection settings.

    Parameters
    ----------
    url
        ``sqlite:///path/file.db`` or ``postgresql+psycopg://user:pw@host:port/db``.
    busy_timeout_ms
        SQLite only: how long to wait for a lock held by another connection.
    **kwargs
        Passed to :func:`sqlalchemy.create_engine` (e.g. ``pool_size``).

    Returns
    -------
    Engine
        On SQLite: WAL journal, foreign keys on, a busy timeout, and every transaction
        begun by SQLAlchemy (``BEGIN IMMEDIATE`` for writes, ``BEGIN`` for reads). On
        PostgreSQL: pre-ping pooled connections, a 10 s connection timeout.
    """
    parsed = _parse_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = _sqlite_file(parsed)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {})
        kwargs["connect_args"].setdefault("timeout", busy_timeout_ms / 1000)
        kwargs["connect_args"].setdefault("check_same_thread", False)
        engine = create_engine(parsed, **kwargs)
        _install_sqlite_hooks(engine, busy_timeout_ms, wal=path is not None)
        return engine
    if backend == "postgresql":
        kwargs.setdefault("pool_pre_ping", True)
        # A server that does not answer fails in seconds instead of hanging a page run
        # for the operating system's TCP timeout (the caller retries later).
        kwargs.setdefault("connect_args", {})
        kwargs["connect_args"].setdefault("connect_timeout", 10)
        return create_engine(parsed, **kwargs)
    raise InputError(
        [
            Problem(
                rule="store.unsupported_backend",
                field="ERP_SELECT_DATABASE_URL",
                value=backend,
                params={"backend": backend},
            )
        ]
    )


CACHE_KEY = "erp_select_project_cache"


class ProjectCache:
    """Validated projects by the SHA-256 of their canonical JSON (bounded, thread-safe).

    Revisions never change and the digest is checked against the stored text before a
    lookup, so a hit is always the project that text describes: parsing a large project
    once per revision instead of once per request keeps live workshops fast.
    """

    def __init__(self, size: int = 32) -> None:
        self._size = size
        self._items: OrderedDict[str, Project] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, digest: str) -> Project | None:
        """Return the cached project for ``digest``, if any."""
        with self._lock:
            project = self._items.get(digest)
            if project is not None:
                self._items.move_to_end(digest)
            return project

    def put(self, digest: str, project: Project) -> None:
        """Remember ``project`` under ``digest``, dropping the least recently used."""
        with self._lock:
            self._items[digest] = project
            self._items.move_to_end(digest)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


@contextlib.contextmanager
def _people_errors() -> Iterator[None]:
    """Turn a database that is locked too long or out of reach into a located error.

    The driver's message (host, port, file) goes to the server log only: the people in
    the room read plain words.
    """
    try:
        yield
    except (OperationalError, InterfaceError) as exc:
        reason = str(exc.orig).splitlines()[0] if exc.orig else ""
        busy = "locked" in reason or "busy" in reason
        _LOG.warning("database %s: %s", "busy" if busy else "unreachable", reason or exc)
        raise InputError(
            [Problem(rule="store.busy" if busy else "recover.db_unavailable")]
        ) from exc


class Store:
    """The handle the rest of the application uses: an engine and two kinds of session.

    Service functions (:mod:`erp_select.store.projects`, :mod:`erp_select.store.workshops`)
    take a ``Store`` and open their own transactions, so callers never deal with locking.
    """

    def __init__(self, engine: Engine, settings: Settings | None = None) -> None:
        self.engine = engine
        self.settings = settings or load_settings({"ERP_SELECT_DATABASE_URL": str(engine.url)})
        self._read_engine = engine.execution_options(**{_READ_ONLY: True})
        self.project_cache = ProjectCache()

    @property
    def dialect(self) -> str:
        """The backend name: ``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """Yield a session in a write transaction, committed on success, rolled back on error.

        On SQLite the transaction starts with ``BEGIN IMMEDIATE``, so concurrent writers
        queue (up to the busy timeout) instead of losing updates.
        """
        with _people_errors(), Session(self.engine, expire_on_commit=False) as session:
            session.info[CACHE_KEY] = self.project_cache
            with session.begin():
                yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """Yield a session in a read transaction (a consistent snapshot; never writes)."""
        with _people_errors(), Session(self._read_engine, expire_on_commit=False) as session:
            session.info[CACHE_KEY] = self.project_cache
            with session.begin():
                yield session

    def dispose(self) -> None:
        """Close every pooled connection (call when the process is done with the store)."""
        self.engine.dispose()


def upgrade(engine: Engine) -> None:
    """Run the Alembic migrations inside the package up to ``head`` on ``engine``.

    Parameters
    ----------
    engine
        An engine made by :func:`make_engine`; the migration runs in one write transaction
        (PostgreSQL: under an advisory lock, so two processes starting together are safe).
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()


def init_db(url: str | URL | None = None, settings: Settings | None = None) -> Store:
    """Open the database, upgrade its schema to the latest version and return a ``Store``.

    Parameters
    ----------
    url
        Database URL; defaults to ``settings.database_url``.
    settings
        Defaults to :func:`load_settings` (environment variables).

    Returns
    -------
    Store
        Ready to use by the service functions.
    """
    settings = settings or load_settings()
    target = url if url is not None else settings.database_url
    engine = make_engine(target, busy_timeout_ms=settings.busy_timeout_ms)
    try:
        upgrade(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise InputError(
            [
                Problem(
                    rule="store.cannot_open",
                    field="ERP_SELECT_DATABASE_URL",
                    value=_parse_url(target).render_as_string(hide_password=True),
                    params={"reason": str(exc.orig).splitlines()[0] if exc.orig else ""},
                )
            ]
        ) from exc
    return Store(engine, settings)


class StoreGate:
    """Open the store on first use and, when the database is down, try again later.

    A failure is never kept: after ``retry_seconds`` the next :meth:`get` tries again, so a
    server started while its database was down starts saving by itself once the database
    is back. Thread-safe; one gate per process and database URL.

    Parameters
    ----------
    url
        Database URL (``None``: from the settings / environment).
    retry_seconds
        Minimum pause between two attempts after a failure (so a dead database is not
        hammered by every page run).
    clock
        Monotonic time source (tests pass their own).
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        retry_seconds: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._url = url or None
        self._retry = retry_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._failed_at: float | None = None

    @property
    def down(self) -> bool:
        """True when the last attempt failed and no store is open yet."""
        return self._store is None and self._failed_at is not None

    def get(self) -> Store | None:
        """Return the open store, or ``None`` while the database cannot be opened."""
        if self._store is not None:
            return self._store
        with self._lock:
            if self._store is not None:
                return self._store
            now = self._clock()
            if self._failed_at is not None and now - self._failed_at < self._retry:
                return None
            try:
                settings = None
                if self._url is not None:
                    env = {**os.environ, "ERP_SELECT_DATABASE_URL": self._url}
                    settings = load_settings(env)
                self._store = init_db(settings=settings)
            except Exception as exc:  # any failure: logged for the operator, retried later
                self._failed_at = now
                detail = exc.lines("en") if isinstance(exc, InputError) else [repr(exc)]
                _LOG.warning("database cannot be opened, will retry: %s", "; ".join(detail))
                return None
            if self._failed_at is not None:
                _LOG.warning("database reachable again: saving resumes")
            self._failed_at = None
            return self._store
