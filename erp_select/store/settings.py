"""The store's view of the program settings, with defaults for a single laptop."""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from erp_select.errors import InputError, Problem
from erp_select.settings import load_settings as program_settings

DEFAULT_DB_FILE = "erp-select.db"
_LOG = logging.getLogger(__name__)


class Settings(BaseModel):
    """What the store needs to know about its environment.

    Attributes
    ----------
    database_url
        SQLAlchemy URL (``sqlite:///…`` or ``postgresql+psycopg://…``).
    data_dir
        Folder holding the default SQLite file.
    secret_key
        Server-side key mixed into the hashes of join codes and tokens (HMAC), so a copy
        of the database alone cannot be brute-forced; from ``ERP_SELECT_SECRET_KEY``, or
        else a random key kept in ``secret.key`` beside the SQLite file.
    busy_timeout_ms
        How long a SQLite connection waits for a lock before failing.
    join_max_failures, join_window_seconds
        At most this many failed join attempts per client and per code prefix within
        the window; further attempts are refused until old ones leave the window.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    database_url: str
    data_dir: Path
    secret_key: str = ""
    busy_timeout_ms: Annotated[int, Field(ge=0, le=600_000)] = 30_000
    join_max_failures: Annotated[int, Field(ge=1, le=10_000)] = 10
    join_window_seconds: Annotated[int, Field(ge=1, le=86_400)] = 900


SECRET_FILE = "secret.key"  # noqa: S105 - a file name, not a password


def _read_key(path: Path) -> str:
    key = path.read_text(encoding="ascii").strip()
    if not key:
        # Never run with an empty key: every code and token hash would be unkeyed.
        raise InputError([Problem(rule="recover.secret_empty", field=SECRET_FILE, value=str(path))])
    return key


def _local_secret(url: str, data_dir: Path) -> str:
    """The key kept beside the SQLite file (or in the data folder), made on first use.

    Without ``ERP_SELECT_SECRET_KEY``, a random 256-bit key is written once with owner-only
    permissions, so a copy of the database alone does not let anyone test join codes
    offline. Processes on one machine share it; processes on several machines must be
    given the same ``ERP_SELECT_SECRET_KEY``. The key is written whole to a temporary file
    that is then linked under its final name (never replacing an existing one), so a
    process starting at the same moment reads either no file or the whole key, never an
    empty one. An empty key file, or a folder where none can be written, is refused with
    a located error (and a warning in the server log): hashing with no key is not an option.
    """
    folder = data_dir
    if url.startswith("sqlite:///") and not url.endswith(":memory:"):
        folder = Path(url.removeprefix("sqlite:///")).parent
    path = folder / SECRET_FILE
    if path.exists():
        return _read_key(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".secret-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(32))
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o600)
            # link() fails if the name exists: the first process to finish wins and
            # every other one reads the winner's key.
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    except OSError as exc:
        _LOG.warning(
            "cannot write the secret key file in %s (%s): set ERP_SELECT_SECRET_KEY or make "
            "the folder writable",
            folder,
            exc,
        )
        raise InputError(
            [
                Problem(
                    rule="recover.secret_unwritable",
                    field="ERP_SELECT_SECRET_KEY",
                    value=str(folder),
                )
            ]
        ) from None
    return _read_key(path)


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read the store settings from environment variables.

    Parameters
    ----------
    env
        The variables to read (``os.environ`` by default), checked by the program's one
        settings model (:func:`erp_select.settings.load_settings`); the store uses
        ``ERP_SELECT_DATABASE_URL``, ``ERP_SELECT_DATA_DIR`` (default ``./data``),
        ``ERP_SELECT_SECRET_KEY``, ``ERP_SELECT_DB_BUSY_TIMEOUT_MS``,
        ``ERP_SELECT_JOIN_MAX_FAILURES``, ``ERP_SELECT_JOIN_WINDOW_SECONDS``.

    Returns
    -------
    Settings
        The validated settings; the default URL is ``sqlite:///<data dir>/erp-select.db``.

    Raises
    ------
    InputError
        A located problem for each refused variable.
    """
    found = program_settings(env)
    url = found.database_url or f"sqlite:///{(found.data_dir / DEFAULT_DB_FILE).as_posix()}"
    return Settings(
        database_url=url,
        data_dir=found.data_dir,
        secret_key=found.secret_key or _local_secret(url, found.data_dir),
        busy_timeout_ms=found.db_busy_timeout_ms,
        join_max_failures=found.join_max_failures,
        join_window_seconds=found.join_window_seconds,
    )
