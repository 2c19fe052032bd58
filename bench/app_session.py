"""Drive the Streamlit app in this process and time the server's script runs (for bench_app).

Method. Streamlit's ``AppTest`` runs the app's page script in a script thread of this
process, as the server does for a browser session, and serialises every element the page
draws (the same protobuf messages the server sends). :class:`ServerClock` times each
script run in that thread, from the start of the run to its last element: the server time
of a click. AppTest's own polling and its parsing of the messages into a tree are left
out (they are not the server's work), and one compiled page script is shared between
runs, as the server's script cache does (AppTest alone recompiles every page each run).
The browser's drawing is not included.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from streamlit.runtime.scriptrunner import script_runner
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing import v1 as testing
from streamlit.testing.v1 import AppTest

from erp_select.model import Project

APP = Path(__file__).resolve().parents[1] / "app.py"
PAGES = "erp_select/app/pages"
_ENV = ("ERP_SELECT_DATABASE_URL", "ERP_SELECT_DATA_DIR", "ERP_SELECT_START", "ERP_SELECT_LANG")


class ServerClock:
    """The duration (ms) of each script run started while it is installed."""

    def __init__(self) -> None:
        self.runs: list[float] = []
        #: The script thread's CPU time (ms) of each run: what the run cost the machine,
        #: less sensitive than the wall time to other work on a shared machine.
        self.cpu: list[float] = []

    @contextmanager
    def installed(self) -> Iterator[ServerClock]:
        """Time every script run, and share one script cache between AppTest runs."""
        original = script_runner.ScriptRunner._run_script
        shared = ScriptCache()
        runner_module = testing.local_script_runner
        original_cache = runner_module.ScriptCache
        # AppTest gives its pages manager (which compiles the page scripts) a cache of its
        # own each run too: the server keeps one for every session.
        app_module = testing.app_test
        original_app_cache = app_module.ScriptCache
        clock = self

        def timed(runner: Any, *args: Any, **kwargs: Any) -> Any:
            start, cpu = time.perf_counter(), time.thread_time()
            try:
                return original(runner, *args, **kwargs)
            finally:
                clock.cpu.append((time.thread_time() - cpu) * 1000)
                clock.runs.append((time.perf_counter() - start) * 1000)

        script_runner.ScriptRunner._run_script = timed  # type: ignore[method-assign]
        runner_module.ScriptCache = lambda: shared  # type: ignore[assignment,misc]
        app_module.ScriptCache = lambda: shared  # type: ignore[assignment,misc]
        try:
            yield self
        finally:
            script_runner.ScriptRunner._run_script = original  # type: ignore[method-assign]
            runner_module.ScriptCache = original_cache  # type: ignore[misc]
            app_module.ScriptCache = original_app_cache  # type: ignore[misc]

    def last(self, action: Callable[[], Any]) -> float:
        """Do ``action`` (one or more script runs); return their total server time (ms)."""
        before = len(self.runs)
        action()
        return sum(self.runs[before:])

    def last_cpu(self, runs: int) -> float:
        """The CPU time (ms) of the last ``runs`` script runs."""
        return sum(self.cpu[len(self.cpu) - runs :])


@contextmanager
def app_env(start: str = "empty") -> Iterator[str]:
    """A temporary SQLite store and data folder for the app, in French; yields the folder."""
    saved = {k: os.environ.get(k) for k in (*_ENV, "ERP_SELECT_NO_STORE")}
    with tempfile.TemporaryDirectory() as folder:
        os.environ.update(
            {
                "ERP_SELECT_DATABASE_URL": f"sqlite:///{Path(folder, 'app.db').as_posix()}",
                "ERP_SELECT_DATA_DIR": folder,
                "ERP_SELECT_START": start,
                "ERP_SELECT_LANG": "fr",
            }
        )
        os.environ.pop("ERP_SELECT_NO_STORE", None)
        if start == "example":
            os.environ.pop("ERP_SELECT_START")
        try:
            yield folder
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def session(project: Project | None = None) -> AppTest:
    """A new browser session of the app, its first run done (with ``project`` if given)."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    if project is not None:
        at.session_state["project"] = project
        at.session_state["project_version"] = 1
    at.run()
    if at.exception:
        raise RuntimeError(f"the app failed: {[e.value for e in at.exception]}")
    return at


def page(at: AppTest, name: str) -> AppTest:
    """Switch ``at`` to the page ``name`` (``"ranking"``…) and run it."""
    at.switch_page(f"{PAGES}/{name}.py").run()
    if at.exception:
        raise RuntimeError(f"page {name} failed: {[e.value for e in at.exception]}")
    return at


def median(values: list[float]) -> str:
    """``values``' median and range, as a benchmark line prints them."""
    return f"{statistics.median(values):.0f} ms median  ({min(values):.0f}–{max(values):.0f})"
