"""Threads: Monte Carlo blocks with their own random streams, and BLAS held to one thread."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

import numpy as np

T = TypeVar("T")
P = ParamSpec("P")

#: Most threads a simulation uses (numpy releases the interpreter lock in its loops).
MAX_WORKERS = 4


def default_workers() -> int:
    """The processor cores this process may use, at most :data:`MAX_WORKERS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def block_rng(parent: np.random.SeedSequence, block: int) -> np.random.Generator:
    """The generator of block number ``block``: the ``block``-th child of ``parent``.

    The child depends only on the parent and the block's number (not on how many
    children were spawned before, nor on which thread draws it), so a block draws the
    same numbers whoever runs it.
    """
    child = np.random.SeedSequence(
        parent.entropy, spawn_key=(*parent.spawn_key, block), pool_size=parent.pool_size
    )
    return np.random.Generator(np.random.PCG64(child))


def block_bounds(total: int, size: int) -> list[tuple[int, int]]:
    """``(start, stop)`` of each block of ``size`` items (the last one may be shorter)."""
    return [(start, min(total, start + size)) for start in range(0, total, size)]


def map_blocks(func: Callable[[int], T], count: int, workers: int | None = None) -> list[T]:
    """``[func(0), …, func(count − 1)]``, run on up to ``workers`` threads, in block order.

    Each block's result depends only on its number, and the caller combines the list in
    order, so the outcome is the same whatever the number of threads.
    """
    threads = min(default_workers() if workers is None else max(1, workers), count)
    if threads <= 1:
        return [func(b) for b in range(count)]
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="smaa") as pool:
        return list(pool.map(func, range(count)))


class _BlasThreads:
    """Holds BLAS to one thread while any caller asks for it (callers may be threads)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.limit: Any = None
        self.controller: Any = None

    def enter(self) -> None:
        with self.lock:
            if self.depth == 0:
                if self.controller is None:
                    import scipy.linalg  # noqa: F401  (its BLAS is then among those held)
                    from threadpoolctl import (  # type: ignore[import-untyped]
                        ThreadpoolController,
                    )

                    self.controller = ThreadpoolController()
                self.limit = self.controller.limit(limits=1, user_api="blas")
            self.depth += 1

    def leave(self) -> None:
        with self.lock:
            self.depth -= 1
            if self.depth == 0 and self.limit is not None:
                self.limit.restore_original_limits()
                self.limit = None


_BLAS = _BlasThreads()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the block with one BLAS thread.

    The analyses that make hundreds of small products (weight sweeps, root finding,
    SLSQP) spend more time waking BLAS threads than computing: up to ten times more on
    a busy two-core machine. One thread gives the same numbers (each output of a product
    is computed by one thread either way). Without threadpoolctl nothing changes.
    """
    try:
        _BLAS.enter()
    except ImportError:  # an optional speed-up: the same results, slower
        yield
        return
    try:
        yield
    finally:
        _BLAS.leave()


def small_algebra(func: Callable[P, T]) -> Callable[P, T]:
    """Decorate an analysis so that it runs under :func:`one_blas_thread`."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        with one_blas_thread():
            return func(*args, **kwargs)

    return wrapper
