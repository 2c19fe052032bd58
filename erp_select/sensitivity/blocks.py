"""Monte Carlo work in fixed blocks, each with its own random stream, spread over threads."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import numpy as np

T = TypeVar("T")

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
