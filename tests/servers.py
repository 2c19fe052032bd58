"""Start a Streamlit server of the app on a free loopback port, wait for it, stop it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 90.0
#: Options every test server takes: loopback only, no browser, no telemetry, no watcher.
TEST_OPTIONS = (
    "--server.address",
    "127.0.0.1",
    "--server.headless",
    "true",
    "--browser.gatherUsageStats",
    "false",
    "--server.fileWatcherType",
    "none",
)


class ServerFailed(RuntimeError):
    """The server exited or did not answer in time; the message carries its log."""


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


#: ``streamlit run app.py`` from the checkout.
APP = (sys.executable, "-m", "streamlit", "run", "app.py")


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerFailed(f"the server exited:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise ServerFailed(f"the server did not answer in time:\n{log.read_text(errors='replace')}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a process: politely, then for good."""
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)


@contextmanager
def serving(
    folder: Path,
    env: Mapping[str, str | None],
    command: Sequence[str] | None = None,
    cwd: Path = ROOT,
    port: int | None = None,
) -> Iterator[str]:
    """Run the app until the block ends; yield its address once its health check answers.

    ``env`` changes this process's environment for the server (``None`` removes a
    variable); ``command`` defaults to :data:`APP`, followed by the test options and the
    port. The server's output goes to ``folder/streamlit.log``; :class:`ServerFailed`
    carries it.
    """
    port = free_port() if port is None else port
    argv = [*(command or APP), *TEST_OPTIONS, "--server.port", str(port)]
    merged = {**os.environ, **env}
    environ = {key: value for key, value in merged.items() if value is not None}
    log = folder / "streamlit.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, cwd=cwd, env=environ, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", proc, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)
