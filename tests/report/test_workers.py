"""The report's worker processes: sharing, fallbacks, and no re-run of the caller's script."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from erp_select.errors import InputError, Problem
from erp_select.report import workers


def _pid_of(item: int) -> tuple[int, int]:
    return item, os.getpid()


def _reject(item: str) -> str:
    raise InputError(
        [
            Problem(rule="report.bad_workers", field=workers.WORKERS_ENV, value=item),
            Problem(rule="report.unsupported_format", field="format", value=item),
        ]
    )


def _fail_on_three(item: int) -> int:
    if item == 3:
        raise ValueError("three is refused")
    return item * 10


@pytest.fixture
def one_worker(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(workers.WORKERS_ENV, "1")
    workers.stop()
    yield
    workers.stop()


def test_worker_count_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(workers.WORKERS_ENV, "3")
    assert workers.worker_count() == 3
    monkeypatch.setenv(workers.WORKERS_ENV, "0")
    assert workers.worker_count() == 0
    for bad in ("-2", "many", "1.5", "65"):
        monkeypatch.setenv(workers.WORKERS_ENV, bad)
        with pytest.raises(InputError) as caught:
            workers.worker_count()
        problem = caught.value.problems[0]
        assert problem.field == workers.WORKERS_ENV and problem.value == bad
        assert "entier de 0 à 64" in problem.render("fr")
        assert "whole number from 0 to 64" in problem.render("en")
    monkeypatch.delenv(workers.WORKERS_ENV)
    cores = len(os.sched_getaffinity(0))
    assert workers.worker_count() == max(0, min(workers.MAX_WORKERS, cores - 1))


def test_no_worker_runs_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(workers.WORKERS_ENV, "0")
    workers.stop()
    out = workers.run_all(_pid_of, [1, 2, 3], weight=lambda _: 1.0)
    assert out == [(1, os.getpid()), (2, os.getpid()), (3, os.getpid())]
    assert not workers.pool_running()
    assert workers.submit(_pid_of, 1) is None


def test_tasks_are_dealt_by_weight_between_worker_and_here(one_worker: None) -> None:
    """Weights 2,1,1,1,1,1,1 on one worker and this process: 4 and 4.

    Dealt heaviest first to the least loaded (ties to the worker): item 0 (2) → worker,
    1 → here, 2 → here, 3 → worker, 4 → here, 5 → worker, 6 → here.
    """
    items = list(range(7))
    out = workers.run_all(_pid_of, items, weight=lambda i: 2.0 if i == 0 else 1.0)
    assert [item for item, _ in out] == items
    here = {item for item, pid in out if pid == os.getpid()}
    assert here == {1, 2, 4, 6}
    assert len({pid for item, pid in out if item not in here}) == 1


def test_an_error_in_a_task_propagates_as_in_process(one_worker: None) -> None:
    with pytest.raises(ValueError, match="three is refused"):
        workers.run_all(_fail_on_three, [3, 1], weight=lambda i: float(i))
    with pytest.raises(ValueError, match="three is refused"):
        workers.result(workers.submit(_fail_on_three, 3), _fail_on_three, 3)


def test_an_input_error_in_a_worker_reaches_the_caller_whole(one_worker: None) -> None:
    """An ``InputError`` crosses the process boundary with every problem (it is pickled
    by its problems: its constructor takes problems, not a message)."""
    workers.prestart()
    future = workers.submit(_reject, "huit")
    assert future is not None
    assert isinstance(future.exception(timeout=60), InputError)  # raised in the worker
    with pytest.raises(InputError) as caught:
        workers.result(future, _reject, "huit")
    problems = caught.value.problems
    assert [p.rule for p in problems] == ["report.bad_workers", "report.unsupported_format"]
    assert problems[0].field == workers.WORKERS_ENV and problems[0].value == "huit"
    assert "entier de 0 à 64" in caught.value.render("fr")


def test_a_killed_worker_means_the_task_runs_here(one_worker: None) -> None:
    import time

    workers.prestart()
    executor = workers._POOL.executor
    assert executor is not None
    first = workers.submit(_pid_of, 1)
    assert first is not None and first.result(timeout=60)[1] != os.getpid()
    for pid in list(executor._processes):  # the pool's own processes, killed from outside
        os.kill(pid, signal.SIGKILL)
    # Before the pool notices, a task is taken back or run again here; never lost.
    assert workers.result(workers.submit(_pid_of, 2), _pid_of, 2)[0] == 2
    assert workers.run_all(_pid_of, [3, 4], weight=lambda _: 1.0)[0][0] == 3
    deadline = time.monotonic() + 30
    while not executor._flags.broken and time.monotonic() < deadline:
        time.sleep(0.1)
    assert executor._flags.broken
    # Once it has noticed, the broken pool is replaced by a working one.
    again = workers.submit(_pid_of, 5)
    assert workers._POOL.executor is not executor
    assert again is not None and again.result(timeout=60)[1] != os.getpid()


def test_a_queued_task_is_taken_back(one_worker: None) -> None:
    """``result`` runs here a task no worker has started yet (the worker is busy)."""
    import time

    workers.prestart()
    busy = workers.submit(time.sleep, 2.0)
    queued = [workers.submit(_pid_of, i) for i in range(3)]
    got = [workers.result(f, _pid_of, i) for i, f in enumerate(queued)]
    assert [i for i, _ in got] == [0, 1, 2]
    assert got[-1][1] == os.getpid()  # the last one cannot have started: taken back
    assert busy is not None
    busy.result(timeout=60)


def test_a_script_without_main_guard_is_not_run_again(tmp_path: Path) -> None:
    """multiprocessing's spawn re-imports the caller's main script in every worker; the
    report's workers must not (a user script calling the API would run twice or more)."""
    marker = tmp_path / "runs.txt"
    script = tmp_path / "user_script.py"
    script.write_text(
        textwrap.dedent(
            f"""
            from pathlib import Path
            with open({str(marker)!r}, "a") as f:
                f.write("run\\n")
            from erp_select.report import workers
            from tests.report.test_workers import _pid_of
            out = workers.run_all(_pid_of, [1, 2, 3, 4], weight=lambda i: float(i))
            print(" ".join(str(pid) for _, pid in out))
            """
        ),
        encoding="utf-8",
    )
    env = {**os.environ, workers.WORKERS_ENV: "2", "PYTHONPATH": str(Path.cwd())}
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr
    assert marker.read_text(encoding="utf-8").count("run") == 1
    pids = {int(p) for p in done.stdout.split()}
    assert len(pids) >= 2, done.stdout  # the work was shared with worker processes
