"""Engines, settings, migrations and crash safety of the store."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from erp_select.errors import InputError
from erp_select.model import Project
from erp_select.store import (
    Store,
    create_project,
    init_db,
    list_revisions,
    load_project,
    load_settings,
    make_engine,
    save_revision,
)
from erp_select.store.db import StoreGate
from erp_select.store.projects import append_revision
from tests.store.conftest import sample_project

TABLES = {
    "alembic_version",
    "projects",
    "revisions",
    "workshops",
    "participants",
    "rounds",
    "submissions",
    "submission_log",
    "agreed_scores",
    "join_failures",
}


def test_default_settings_use_a_sqlite_file_in_the_data_dir() -> None:
    s = load_settings({})
    assert s.database_url == "sqlite:///data/erp-select.db"
    s = load_settings({"ERP_SELECT_DATA_DIR": "/srv/erp"})
    assert s.database_url == "sqlite:////srv/erp/erp-select.db"
    url = "postgresql+psycopg://app@db/erp"
    assert load_settings({"ERP_SELECT_DATABASE_URL": url}).database_url == url


@pytest.mark.parametrize(
    ("name", "value"),
    [("ERP_SELECT_JOIN_MAX_FAILURES", "ten"), ("ERP_SELECT_JOIN_WINDOW_SECONDS", "0")],
)
def test_bad_settings_are_located_errors(name: str, value: str) -> None:
    with pytest.raises(InputError) as err:
        load_settings({name: value})
    assert err.value.problems[0].rule == "store.bad_setting"
    assert err.value.problems[0].field == name


def test_bad_urls_are_refused() -> None:
    with pytest.raises(InputError) as err:
        make_engine("not a url")
    assert err.value.problems[0].rule == "store.bad_url"
    with pytest.raises(InputError) as err:
        make_engine("mysql://u@h/db")
    assert err.value.problems[0].rule == "store.unsupported_backend"


def test_unreachable_database_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        init_db("postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert err.value.problems[0].rule == "store.cannot_open"


def test_init_db_creates_every_table_and_is_idempotent(store: Store) -> None:
    assert set(inspect(store.engine).get_table_names()) >= TABLES
    again = init_db(store.engine.url.render_as_string(hide_password=False))
    try:
        with again.read() as session:
            assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                "0005"
            )
    finally:
        again.dispose()


def test_default_database_lands_in_the_data_dir(tmp_path: Path) -> None:
    settings = load_settings({"ERP_SELECT_DATA_DIR": str(tmp_path / "data")})
    s = init_db(settings=settings)
    try:
        create_project(s, sample_project(), author="a")
    finally:
        s.dispose()
    assert (tmp_path / "data" / "erp-select.db").exists()


def test_sqlite_uses_wal_busy_timeout_and_begin_immediate(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    s = init_db(f"sqlite:///{path}")
    try:
        with s.read() as session:
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert session.execute(text("PRAGMA busy_timeout")).scalar() == 30_000
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        # A write transaction holds SQLite's write lock from its first statement on, even
        # before it writes anything: another writer cannot start (BEGIN IMMEDIATE).
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        with s.write() as session:
            session.execute(text("SELECT 1"))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        # A read transaction takes no write lock.
        with s.read() as session:
            session.execute(text("SELECT 1"))
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        other.close()
    finally:
        s.dispose()


def test_concurrent_read_then_write_loses_no_update(store: Store) -> None:
    """The DOMAIN.md trap: 20 threads each read a counter and write it back plus one."""
    with store.write() as session:
        session.execute(text("CREATE TABLE counter (n INTEGER NOT NULL)"))
        session.execute(text("INSERT INTO counter (n) VALUES (0)"))
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []

    def bump() -> None:
        try:
            barrier.wait()
            with store.write() as session:
                lock = " FOR UPDATE" if store.dialect == "postgresql" else ""
                n = session.execute(text(f"SELECT n FROM counter{lock}")).scalar_one()
                session.execute(text("UPDATE counter SET n = :n"), {"n": n + 1})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=bump) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with store.read() as session:
        assert session.execute(text("SELECT n FROM counter")).scalar_one() == 20


def _save_and_hang(url: str, project_id: int, ready: multiprocessing.synchronize.Event) -> None:
    """Child process: start a save, write the new revision, then wait to be killed."""
    s = init_db(url)
    with s.write() as session:
        changed = sample_project().model_copy(update={"method": "vikor"})
        append_revision(
            session, project_id, Project.model_validate(changed.model_dump()), "child", ""
        )
        session.flush()
        ready.set()
        threading.Event().wait(120)


def test_process_killed_mid_save_leaves_previous_revision_intact(store: Store) -> None:
    url = store.engine.url.render_as_string(hide_password=False)
    original = sample_project()
    rev = create_project(store, original, author="a")
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    child = ctx.Process(target=_save_and_hang, args=(url, rev.project_id, ready))
    child.start()
    try:
        assert ready.wait(60), "the child never reached the middle of its save"
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.join(30)
    assert child.exitcode == -signal.SIGKILL
    # Previous revision intact, nothing half-written; the lock is gone, saving works again.
    assert [r.number for r in list_revisions(store, rev.project_id)] == [1]
    assert load_project(store, rev.project_id) == original
    nxt = save_revision(store, rev.project_id, original, author="b")
    assert nxt.number == 2
    if store.dialect == "sqlite":
        with store.read() as session:
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []


def test_migrations_match_the_orm(store: Store) -> None:
    """The shipped migrations build exactly the schema the ORM classes describe."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from erp_select.store.orm import Base

    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_every_store_message_exists_in_both_languages() -> None:
    import re

    import yaml

    root = Path(__file__).resolve().parents[2] / "erp_select"
    used: set[str] = set()
    for path in (root / "store").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used.update(re.findall(r'fail\(\s*"([a-z_]+)"', source))
        used.update(re.findall(r'rule="store\.([a-z_]+)"', source))
    assert len(used) > 20
    for lang in ("en", "fr"):
        catalogue = yaml.safe_load(
            (root / "i18n" / "locales" / lang / "store.yaml").read_text(encoding="utf-8")
        )["store"]
        assert used <= set(catalogue), (lang, sorted(used - set(catalogue)))


def test_a_database_locked_too_long_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    settings = load_settings(
        {"ERP_SELECT_DATABASE_URL": f"sqlite:///{path}", "ERP_SELECT_DB_BUSY_TIMEOUT_MS": "100"}
    )
    s = init_db(settings=settings)
    blocker = sqlite3.connect(path, isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        with pytest.raises(InputError) as err:
            create_project(s, sample_project(), author="a")
        assert err.value.problems[0].rule == "store.busy"
        blocker.execute("ROLLBACK")
        assert create_project(s, sample_project(), author="a").number == 1
    finally:
        blocker.close()
        s.dispose()


def _upgrade_to(engine: object, target: str) -> None:
    from alembic import command
    from alembic.config import Config

    from erp_select.store.db import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as connection:  # type: ignore[attr-defined]
        config.attributes["connection"] = connection
        command.upgrade(config, target)
        connection.commit()


def test_public_key_migration_backfills_existing_projects(db_url: str) -> None:
    """A database made before project keys gets a distinct, URL-safe key on every project."""
    import re

    engine = make_engine(db_url)
    try:
        _upgrade_to(engine, "0001")
        with engine.begin() as conn:
            for i in range(1, 4):
                conn.execute(
                    text(
                        "INSERT INTO projects (id, name, created_at, created_by, head) "
                        "VALUES (:id, :name, CURRENT_TIMESTAMP, 'old', 0)"
                    ),
                    {"id": i, "name": f"old {i}"},
                )
        _upgrade_to(engine, "0002")
        with engine.connect() as conn:
            keys = [r[0] for r in conn.execute(text("SELECT public_key FROM projects ORDER BY id"))]
        assert len(keys) == 3 and len(set(keys)) == 3
        # secrets.token_urlsafe(16): 16 bytes in unpadded base64url are 22 characters.
        assert all(re.fullmatch(r"[A-Za-z0-9_-]{22}", k) for k in keys)
        indexes = inspect(engine).get_indexes("projects")
        assert any(ix["column_names"] == ["public_key"] and ix["unique"] for ix in indexes)
        from sqlalchemy.exc import IntegrityError

        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO projects (id, public_key, name, created_at, created_by, head) "
                    "VALUES (9, :key, 'copy', CURRENT_TIMESTAMP, 'x', 0)"
                ),
                {"key": keys[0]},
            )
    finally:
        engine.dispose()


def test_project_key_migration_hashes_keys_and_old_links_still_open(db_url: str) -> None:
    """A database from before hashed keys: every clear key is replaced by its hash, and the
    link a user kept (the clear key) still opens the same project."""
    import hashlib
    import hmac

    from erp_select.store import find_project

    engine = make_engine(db_url)
    try:
        _upgrade_to(engine, "0002")
        keys = {1: "A" * 22, 2: "b-_" + "9" * 19}
        with engine.begin() as conn:
            for i, key in keys.items():
                conn.execute(
                    text(
                        "INSERT INTO projects (id, public_key, name, created_at, created_by, head) "
                        "VALUES (:id, :key, :name, CURRENT_TIMESTAMP, 'old', 0)"
                    ),
                    {"id": i, "key": key, "name": f"old {i}"},
                )
        _upgrade_to(engine, "head")
        columns = {c["name"] for c in inspect(engine).get_columns("projects")}
        assert "public_key" not in columns
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT * FROM projects ORDER BY id")).all()
        for row, key in zip(rows, keys.values(), strict=True):
            cells = [str(v) for v in row]
            assert not any(key in c for c in cells)
            digest = hmac.new(b"", b"erp-select/project\x00" + key.encode(), hashlib.sha256)
            assert digest.hexdigest() in cells
    finally:
        engine.dispose()
    store = init_db(db_url)
    try:
        assert find_project(store, keys[2]) == 2
    finally:
        store.dispose()


def test_a_database_out_of_reach_is_told_in_plain_words_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Issue 15: participants saw "connection to server at 127.0.0.1, port 1 failed".
    settings = load_settings(
        {"ERP_SELECT_DATABASE_URL": "sqlite://", "ERP_SELECT_DATA_DIR": str(tmp_path)}
    )
    down = Store(make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none"), settings)
    with (
        caplog.at_level(logging.WARNING, logger="erp_select.store.db"),
        pytest.raises(InputError) as err,
        down.read() as session,
    ):
        session.execute(text("SELECT 1"))
    down.dispose()
    shown = " ".join(err.value.lines("fr") + err.value.lines("en"))
    assert err.value.problems[0].rule == "recover.db_unavailable"
    assert "127.0.0.1" not in shown and "port" not in shown
    assert any("127.0.0.1" in r.getMessage() for r in caplog.records)  # for the operator


def test_a_store_gate_retries_a_database_that_was_down_at_start(tmp_path: Path) -> None:
    # The SQLite file's folder cannot be made (a file is in the way): the database is
    # "down". Once the obstacle is gone, the same gate opens the store by itself.
    blocker = tmp_path / "dbdir"
    blocker.write_text("in the way", encoding="utf-8")
    url = f"sqlite:///{(blocker / 'app.db').as_posix()}"
    now = [0.0]
    gate = StoreGate(url, retry_seconds=5, clock=lambda: now[0])
    assert gate.get() is None and gate.down
    blocker.unlink()
    now[0] = 1.0
    assert gate.get() is None  # within the pause: not hammered
    now[0] = 6.0
    opened = gate.get()
    assert opened is not None and not gate.down
    assert create_project(opened, sample_project(), author="a").number == 1
    assert gate.get() is opened
    opened.dispose()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_store_gate_recovers_on_postgresql(
    db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Down: a port nobody listens on. Back: the real server (the gate reads the URL from
    # the environment, as the app does, when given none).
    url = db_url
    monkeypatch.setenv("ERP_SELECT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ERP_SELECT_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/x")
    now = [0.0]
    gate = StoreGate(retry_seconds=5, clock=lambda: now[0])
    assert gate.get() is None and gate.down
    monkeypatch.setenv("ERP_SELECT_DATABASE_URL", url)
    now[0] = 10.0
    opened = gate.get()
    assert opened is not None
    assert create_project(opened, sample_project(), author="a").number == 1
    opened.dispose()
