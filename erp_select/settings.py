"""Every environment variable erp-select reads, as one validated settings model."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from erp_select import environment
from erp_select.errors import InputError, Problem

LogLevel = Literal["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"]


class Settings(BaseModel):
    """What the program reads from its environment; field ``x`` is ``ERP_SELECT_X``.

    Attributes
    ----------
    lang
        Language of a new visitor (app) or of messages (command line); None: the
        surface's default (French in the app, English on the command line).
    data_dir
        Folder holding the default SQLite database and its secret key.
    database_url
        SQLAlchemy URL of the store; empty: a SQLite file in ``data_dir``.
    secret_key
        Key of the hashes of workshop codes and links; empty: a key kept in the data folder.
    no_store
        True turns saving off in the app (nothing written to disk).
    start
        ``demo``: a first visit opens the example project; ``empty``: no project.
    report_workers
        Worker processes of the report (0: none); None: usable cores − 1, at most 3.
    db_busy_timeout_ms
        How long a SQLite writer waits for the lock.
    join_max_failures, join_window_seconds
        Wrong workshop join codes an address may type within the window.
    log_level
        Level of the server log on standard error.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    lang: Literal["fr", "en"] | None = None
    data_dir: Path = Path("data")
    database_url: str = ""
    secret_key: str = Field(default="", repr=False)
    no_store: bool = False
    start: Literal["demo", "empty"] = "demo"
    report_workers: Annotated[int, Field(ge=0, le=64)] | None = None
    db_busy_timeout_ms: Annotated[int, Field(ge=0, le=600_000)] = 30_000
    join_max_failures: Annotated[int, Field(ge=1, le=10_000)] = 10
    join_window_seconds: Annotated[int, Field(ge=1, le=86_400)] = 900
    log_level: LogLevel = "INFO"

    @field_validator("lang", mode="before")
    @classmethod
    def _lang(cls, value: Any) -> Any:
        if isinstance(value, str):
            return environment.parse_lang(value) or value
        return value

    @field_validator("start", mode="before")
    @classmethod
    def _start(cls, value: Any) -> Any:
        return value.lower() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.upper()
            return {"WARN": "WARNING", "FATAL": "CRITICAL"}.get(value, value)
        return value

    @property
    def log_level_number(self) -> int:
        """The log level as the ``logging`` module's number."""
        return int(logging.getLevelNamesMapping()[self.log_level])


#: The environment variable of every settings field, in the model's order.
VARIABLES: dict[str, str] = {name: environment.variable(name) for name in Settings.model_fields}

# The message of a refused value, by field (the store's and the report's keep theirs).
_RULES = {
    "lang": "infra.bad_lang",
    "no_store": "infra.bad_flag",
    "start": "infra.bad_start",
    "log_level": "infra.bad_log_level",
    "report_workers": "report.bad_workers",
}
_KEEP_SPACES = frozenset({"secret_key"})


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read and check every ``ERP_SELECT_*`` variable.

    Parameters
    ----------
    env
        The variables to read (``os.environ`` by default); unset or blank ones take
        their default. Variables the model does not name are ignored.

    Returns
    -------
    Settings
        The validated settings.

    Raises
    ------
    InputError
        One located problem per refused variable (its name, its value, what is expected).
    """
    found = environment.values(env)
    raw: dict[str, str] = {}
    for name, var in VARIABLES.items():
        value = found.get(var, "")
        if name not in _KEEP_SPACES:
            value = value.strip()
        if value:
            raw[name] = value
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        problems: list[Problem] = []
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else ""
            if name in VARIABLES and all(p.field != VARIABLES[name] for p in problems):
                rule = _RULES.get(name, "store.bad_setting")
                problems.append(Problem(rule=rule, field=VARIABLES[name], value=raw.get(name)))
        raise InputError(problems) from None
