"""Worker processes for the report's heavy, independent parts: SMAA-2 and the charts.

vl-convert holds the interpreter lock while it works, so threads cannot draw two charts at
once; processes can (and a chart that aborts its process costs that chart, not the
caller). The pool is a :class:`loky.ProcessPoolExecutor`: its workers start a fresh
interpreter (they never re-run the caller's main script, unlike ``multiprocessing``'s
spawn), stop on their own after :data:`IDLE_SECONDS` without work and start again on
the next report; a worker that dies makes the pool broken, and the pool is then replaced.

:func:`start` shares a batch of tasks between the pool and this process by expected cost;
this process runs its share, then collects the workers'. :func:`submit` hands a single
task (SMAA-2) to the next free worker, and :func:`result` runs it here if no worker took
it or its worker died. So a single core costs nothing over running in-process, and a
broken pool only means the remaining tasks run here.
``ERP_SELECT_REPORT_WORKERS`` sets the number of worker processes besides this one
(``0``: none, everything runs in this process; default: usable cores − 1, at most
:data:`MAX_WORKERS`).
"""

from __future__ import annotations

import atexit
import importlib
import logging
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Future
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

from erp_select.settings import VARIABLES, load_settings

logger = logging.getLogger(__name__)

#: Environment variable giving the number of worker processes (0 or 1: none).
WORKERS_ENV = VARIABLES["report_workers"]
#: At most this many worker processes by default (a report has about eight tasks).
MAX_WORKERS = 3
#: A worker stops after this many seconds without work.
IDLE_SECONDS = 300

T = TypeVar("T")
R = TypeVar("R")


def worker_count() -> int:
    """How many worker processes to use besides this one.

    ``ERP_SELECT_REPORT_WORKERS`` when set (0: none); otherwise cores − 1, as this process
    works too: on ``k`` usable cores, ``k − 1`` workers (at most :data:`MAX_WORKERS`) keep
    every core busy; 0 on a single core.

    Raises
    ------
    InputError
        ``report.bad_workers`` naming the variable, when it is not a whole number from 0
        to 64.
    """
    chosen = load_settings().report_workers
    if chosen is not None:
        return chosen
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(0, min(MAX_WORKERS, cores - 1))


#: Modules a worker loads before its first task. Named, not imported: the tasks' modules
#: use this one (to hand work over), and a worker only needs them in its own interpreter.
WARM_MODULES = (
    "erp_select.report.compute",
    "erp_select.report.drawing",
    "erp_select.sensitivity.smaa",
)


def _warm_up() -> None:
    """Worker initialiser: load vl-convert's JavaScript engine and the analyses."""
    try:
        import vl_convert as vlc

        for name in WARM_MODULES:
            importlib.import_module(name)
        vlc.vegalite_to_svg({"data": {"values": [{"x": 1}]}, "mark": "point"})
    except Exception:  # pragma: no cover - the real task will report the problem
        logger.debug("worker warm-up failed", exc_info=True)


class _Pool:
    """The pool shared by the reports of this process, started lazily, replaced when broken."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._executor: Any = None
        self._size = 0

    def get(self, size: int) -> Any:
        import loky

        with self._lock:
            broken = self._executor is not None and (
                self._executor._flags.broken or self._executor._flags.shutdown
            )
            if self._executor is None or broken or self._size != size:
                self._stop_locked()
                self._executor = loky.ProcessPoolExecutor(
                    max_workers=size, timeout=IDLE_SECONDS, initializer=_warm_up
                )
                self._size = size
            return self._executor

    def drop(self, executor: Any) -> None:
        with self._lock:
            if self._executor is executor:
                self._stop_locked()

    def drop_if_broken(self) -> None:
        with self._lock:
            if self._executor is not None and self._executor._flags.broken:
                self._stop_locked()

    def stop(self) -> None:
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        if self._executor is not None:
            try:
                # Without kill_workers: loky would then fail every queued task, including
                # those taken back (cancelled) by this process, and log it as critical.
                self._executor.shutdown(wait=False)
            except Exception:  # pragma: no cover - already broken
                logger.debug("worker pool shutdown failed", exc_info=True)
        self._executor = None
        self._size = 0

    @property
    def executor(self) -> Any:
        with self._lock:
            return self._executor


_POOL = _Pool()
atexit.register(_POOL.stop)


def prestart() -> None:
    """Start the worker processes now (if any), so that they are warm for the next tasks."""
    size = worker_count()
    if size >= 1:
        executor = _POOL.get(size)
        # Submitting a no-op makes the workers start (and run their initialiser) now.
        for _ in range(size):
            executor.submit(int)


def stop() -> None:
    """Stop the worker processes (they start again on the next report)."""
    _POOL.stop()


def pool_running() -> bool:
    """Whether a worker pool exists in this process."""
    return _POOL.executor is not None


def submit(func: Callable[[T], R], item: T) -> Future[R] | None:
    """Start ``func(item)`` in a worker process; ``None`` when there is no worker to take it."""
    size = worker_count()
    if size < 1:
        return None
    executor = _POOL.get(size)
    try:
        future: Future[R] = executor.submit(func, item)
    except (BrokenProcessPool, RuntimeError):
        _POOL.drop(executor)
        logger.warning("report workers unavailable: working in-process", exc_info=True)
        return None
    return future


def run_isolated(func: Callable[[T], R], item: T, crashed: Callable[[T, str], R]) -> R:
    """``func(item)`` in a fresh process of its own; ``crashed(item, reason)`` if it dies.

    For a task that may abort the process running it (a native library's panic): this
    process never runs it, so a crash costs the task, never the caller (a server).
    """
    import loky

    executor = loky.ProcessPoolExecutor(max_workers=1)
    try:
        out: R = executor.submit(func, item).result()
        return out
    except (BrokenProcessPool, CancelledError) as exc:
        logger.warning("an isolated report task stopped its process", exc_info=True)
        return crashed(item, str(exc) or type(exc).__name__)
    finally:
        executor.shutdown(wait=False)


def result(
    future: Future[R] | None,
    func: Callable[[T], R],
    item: T,
    crashed: Callable[[T, str], R] | None = None,
) -> R:
    """The result of a :func:`submit` future, or ``func(item)`` here if no worker could run it.

    A task that is still queued is taken back and run here; a task whose worker died is
    run again here, or, with ``crashed``, in a process of its own (:func:`run_isolated`:
    the task may be what killed the worker). An exception raised by ``func`` itself
    propagates as in-process.
    """
    if future is None or future.cancel():
        return func(item)
    try:
        return future.result()
    except (BrokenProcessPool, CancelledError):
        _POOL.drop_if_broken()  # a newer, healthy pool (another report's) stays
        if crashed is not None:
            logger.warning("a report worker stopped: task run again on its own", exc_info=True)
            return run_isolated(func, item, crashed)
        logger.warning("a report worker stopped: working in-process", exc_info=True)
        return func(item)


class Batch(Generic[T, R]):
    """Tasks shared by :func:`start`; :meth:`results` finishes them.

    The tasks are dealt, heaviest first, to whichever of the workers and this process has
    the least expected work so far (ties go to a worker), so that each ends at about the
    same time. Tasks dealt to workers are handed to the pool at once (one that no worker
    has picked up by the time it is collected is taken back and run here, see
    :func:`result`). This process runs its own share in :meth:`results`, then collects
    the others.
    """

    def __init__(
        self,
        func: Callable[[T], R],
        items: Sequence[T],
        weight: Callable[[T], float],
        crashed: Callable[[T, str], R] | None = None,
    ) -> None:
        self._func = func
        self._crashed = crashed
        self._items = list(items)
        order = sorted(range(len(self._items)), key=lambda i: -weight(self._items[i]))
        workers = worker_count() if len(self._items) > 1 else 0
        loads = [0.0] * (workers + 1)  # the workers, then this process (last)
        dealt: list[int] = []
        self._here: list[int] = []
        for i in order:
            slot = loads.index(min(loads))
            loads[slot] += max(weight(self._items[i]), 0.0)
            (self._here if slot == workers else dealt).append(i)
        self._futures: dict[int, Future[R] | None] = {
            i: submit(func, self._items[i]) for i in dealt
        }

    def results(self) -> list[R]:
        """The results in the order of the items, running this process's share here."""
        func, items = self._func, self._items
        out: dict[int, R] = {i: func(items[i]) for i in self._here}
        for i, future in self._futures.items():
            out[i] = result(future, func, items[i], self._crashed)
        return [out[i] for i in range(len(items))]


def start(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    weight: Callable[[T], float],
    crashed: Callable[[T, str], R] | None = None,
) -> Batch[T, R]:
    """Share ``func(item)`` for every item between the workers and this process.

    Parameters
    ----------
    func : callable
        A module-level function (it is pickled by reference); ``items`` and its results
        must pickle.
    items : sequence
        The tasks.
    weight : callable
        Expected cost of a task, to share the work evenly (any consistent unit).
    crashed : callable, optional
        ``crashed(item, reason)``: the result of a task whose worker died, when running it
        again in a process of its own killed that process too. Without it, such a task runs
        again in this process (see :func:`result`).

    Returns
    -------
    Batch
    """
    return Batch(func, items, weight, crashed)


def run_all(func: Callable[[T], R], items: Sequence[T], *, weight: Callable[[T], float]) -> list[R]:
    """``[func(item) for item in items]``, shared between the workers and this process."""
    return start(func, items, weight=weight).results()
