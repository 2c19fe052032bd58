"""Store fixtures: every store test runs on SQLite and on a real, throw-away PostgreSQL."""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from erp_select.model import Project
from erp_select.store import Store, init_db
from erp_select.store.settings import load_settings
from tests.conftest import make_project, make_vendor

_counter = itertools.count(1)


def _pg_bin_dir() -> Path:
    """Find PostgreSQL's server binaries; fail loudly (never skip) when they are absent."""
    found = shutil.which("pg_ctl")
    candidates = [Path(found).resolve().parent] if found else []
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for directory in candidates:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    pytest.fail(
        "PostgreSQL server binaries (initdb, pg_ctl) not found: the store tests need them. "
        "Install the Debian package 'postgresql' (make test does it).",
        pytrace=False,
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(args: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root: run it as the 'postgres' system user then.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """Start a PostgreSQL server on 127.0.0.1 for the session; yield its admin URL base."""
    bindir = _pg_bin_dir()
    root = Path(tempfile.mkdtemp(prefix="erp-select-pg-"))
    data, sock, log = root / "data", root / "sock", root / "server.log"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        shutil.chown(sock, "postgres", "postgres")
    port = _free_port()
    subprocess.run(
        _as_postgres(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
    )
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={sock} "
        "-c max_connections=300 -c fsync=off -c full_page_writes=off"
    )
    subprocess.run(
        _as_postgres(
            [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-o", options, "start"]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


def new_pg_database(base: str, template: str | None = None) -> str:
    """Create a database on the test server (empty, or a copy of ``template``); return its URL."""
    name = f"store_{os.getpid()}_{next(_counter)}"
    dsn = base.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    copy = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{copy}')
    return f"{base}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database URL: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    base: str = request.getfixturevalue("pg_server")
    return new_pg_database(base)


def _migrate(url: str, data_dir: Path) -> None:
    settings = load_settings({"ERP_SELECT_DATABASE_URL": url, "ERP_SELECT_DATA_DIR": str(data_dir)})
    init_db(settings=settings).dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once per session, for each store test to copy."""
    folder = tmp_path_factory.mktemp("sqlite-template")
    path = folder / "store.db"
    _migrate(f"sqlite:///{path}", folder)
    return path


@pytest.fixture(scope="session")
def pg_template(pg_server: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A PostgreSQL database migrated to head once per session (its name): each store
    test gets a copy with ``CREATE DATABASE … TEMPLATE``, instead of running migrations."""
    url = new_pg_database(pg_server)
    _migrate(url, tmp_path_factory.mktemp("pg-template"))
    return url.rsplit("/", 1)[1]


@pytest.fixture(params=["sqlite", "postgresql"])
def migrated_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database already migrated to head: a copy of the session's template."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        for part in template.parent.glob(template.name + "*"):  # the -wal file, if any
            shutil.copyfile(part, tmp_path / part.name)
        return f"sqlite:///{tmp_path / template.name}"
    base: str = request.getfixturevalue("pg_server")
    return new_pg_database(base, request.getfixturevalue("pg_template"))


@pytest.fixture
def store(migrated_url: str, tmp_path: Path) -> Iterator[Store]:
    """An initialised store on a fresh database migrated to head, disposed after the test."""
    settings = load_settings(
        {"ERP_SELECT_DATABASE_URL": migrated_url, "ERP_SELECT_DATA_DIR": str(tmp_path)}
    )
    s = init_db(settings=settings)
    try:
        yield s
    finally:
        s.dispose()


def sample_project(**company: object) -> Project:
    """Two vendors on the shared small tree (quality: coverage + controls; price: tco)."""
    a = make_vendor("alpha", fit__coverage=70, sec__mfa=True, price__subscription_user_month=40)
    b = make_vendor("beta", fit__coverage=55, sec__mfa=False, price__subscription_user_month=25)
    return make_project([a, b], **company)


@contextlib.contextmanager
def env(**values: str) -> Iterator[None]:
    """Temporarily set environment variables."""
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
