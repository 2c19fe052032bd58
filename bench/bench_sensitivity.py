"""Benchmark the sensitivity analyses: SMAA-2 on 30 vendors × 12 criteria (certain values, then
every value uncertain, beside the previous approach: one thread scoring drawn tables with the
engine's batch scorer), the weight crossovers, and the whole analysis suite of a 30-vendor
project at 10 000 SMAA samples (``sensitivity suite 30``), part by part."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar, cast

import numpy as np

from erp_select.engine.batch import utilities
from erp_select.sensitivity.blocks import default_workers
from erp_select.sensitivity.curves import weight_crossovers
from erp_select.sensitivity.sampling import sample_simplex, triangular_from_pairs
from erp_select.sensitivity.smaa import _count, run_smaa

T = TypeVar("T")
R = TypeVar("R")
VENDORS = 30
CRITERIA = 12
SAMPLES = 100_000
UNCERTAIN_SAMPLES = 50_000
SEED = 20240601
REPEATS = 3
SUITE_VENDORS = 30
SUITE_SAMPLES = 10_000


def _problem() -> tuple[np.ndarray, list[str], np.ndarray]:
    rng = np.random.default_rng(SEED)
    matrix = rng.uniform(1.0, 100.0, size=(VENDORS, CRITERIA))
    objectives = ["max"] * 8 + ["min"] * 4
    weights = rng.dirichlet(np.ones(CRITERIA))
    return matrix, objectives, weights


def _best_of(repeats: int, func: Callable[[], object]) -> tuple[float, float]:
    """Best wall time and the CPU time of that run (CPU shows the cost on a busy machine)."""
    best = (float("inf"), float("inf"))
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        func()
        best = min(best, (time.perf_counter() - start, time.process_time() - cpu))
    return best


def main() -> None:
    """Time SMAA-2 (rank acceptability, central weights) and the weight crossovers; print."""
    matrix, objectives, weights = _problem()
    run_smaa(matrix, objectives, n=1000)  # warm-up: imports and first allocations

    seconds, cpu = _best_of(REPEATS, lambda: run_smaa(matrix, objectives, n=SAMPLES, seed=1))
    print(
        f"SMAA-2 TOPSIS {VENDORS}×{CRITERIA}, {SAMPLES:,} uniform weight samples, full rank "
        f"acceptability + central weights + confidence: {seconds:.3f} s wall, {cpu:.3f} s CPU "
        f"({SAMPLES / seconds:,.0f} samples/s, best of {REPEATS})"
    )
    print(f"smaa certain {SAMPLES / seconds:,.0f} samples/s")
    low, high = matrix * 0.9, matrix * 1.1

    def uncertain(workers: int | None) -> object:
        return run_smaa(
            matrix,
            objectives,
            n=UNCERTAIN_SAMPLES,
            seed=1,
            low=low,
            high=high,
            n_confidence=1,
            workers=workers,
        )

    old_seconds, old_cpu = _best_of(
        REPEATS, lambda: _previous_uncertain(matrix, objectives, low, high, UNCERTAIN_SAMPLES)
    )
    one_seconds, one_cpu = _best_of(REPEATS, lambda: uncertain(1))
    seconds, cpu = _best_of(REPEATS, lambda: uncertain(None))
    print(
        f"SMAA-2 TOPSIS {VENDORS}×{CRITERIA}, {UNCERTAIN_SAMPLES:,} samples with every value "
        f"triangular (±10 %), rank acceptability + central weights: {seconds:.3f} s wall, "
        f"{cpu:.3f} s CPU on {default_workers()} threads; one thread {one_seconds:.3f} s wall, "
        f"{one_cpu:.3f} s CPU; previous approach {old_seconds:.3f} s wall, {old_cpu:.3f} s CPU"
    )
    print(
        f"smaa uncertain {UNCERTAIN_SAMPLES / seconds:,.0f} samples/s   "
        f"(one thread: {UNCERTAIN_SAMPLES / one_seconds:,.0f}; "
        f"previous approach: {UNCERTAIN_SAMPLES / old_seconds:,.0f})"
    )
    seconds, cpu = _best_of(1, lambda: weight_crossovers(matrix, objectives, weights))
    print(
        f"Weight crossovers TOPSIS {VENDORS}×{CRITERIA} (12 sweeps of 201 points + Brent): "
        f"{seconds:.3f} s wall, {cpu:.3f} s CPU"
    )

    suite_main()


def _previous_uncertain(
    matrix: np.ndarray, objectives: list[str], low: np.ndarray, high: np.ndarray, n: int
) -> None:
    """The previous approach: blocks of tables drawn in one stream, scored on one thread by
    the engine's batch scorer (normalising every table), ranks counted per block."""
    m, k = matrix.shape[0], matrix.size
    rng = np.random.default_rng(1)
    weights = sample_simplex(rng, n, matrix.shape[1])
    counts = np.zeros(m * m, dtype=np.int64)
    first_weights = np.zeros((m, matrix.shape[1]))
    per_block = max(1, (1 << 18) // k)
    for start in range(0, n, per_block):
        w = weights[start : start + per_block]
        uv = rng.random((w.shape[0], 2 * k))
        tables = triangular_from_pairs(
            uv[:, :k], uv[:, k:], low.reshape(-1), matrix.reshape(-1), high.reshape(-1)
        ).reshape(-1, *matrix.shape)
        _count(utilities("topsis", tables, objectives, weights=w), w, counts, first_weights)


def suite_main() -> None:
    """Time the whole analysis suite of the 30-vendor benchmark project; print its parts."""
    from bench.bench_report import thirty_vendor_project
    from erp_select.analysis import AnalysisSettings, parts, run_analysis
    from erp_select.analysis.suite import in_thread

    project = thirty_vendor_project(SUITE_VENDORS)
    settings = AnalysisSettings(samples=SUITE_SAMPLES, seed=project.seed)
    run_analysis(project, settings)  # warm-up: imports, caches
    seconds, cpu = _best_of(REPEATS, lambda: run_analysis(project, settings))

    def every_core(func: Callable[[T], R], item: T, /) -> Callable[[], R]:
        """The previous approach: SMAA-2 beside the other analyses on every core."""
        if isinstance(item, dict):
            item = cast(T, {k: v for k, v in item.items() if k != "workers"})
        return in_thread(func, item)

    old_seconds, old_cpu = _best_of(
        REPEATS, lambda: run_analysis(project, settings, submit=every_core)
    )
    prep = parts.prepare(project, settings)
    steps: dict[str, Callable[[], object]] = {
        "prepare": lambda: parts.prepare(project, settings),
        "curves": lambda: parts.curves(prep),
        "stability": lambda: parts.stability(prep),
        "tornado": lambda: parts.tornado_table(prep),
        "agreement": lambda: parts.agreement(prep),
        "what": lambda: [parts.what_for(prep, c) for c in parts.challengers(prep)],
        "smaa": lambda: parts.smaa(prep),
    }
    split = []
    for name, step in steps.items():
        wall, used = _best_of(1, step)
        split.append(f"{name} {wall * 1000:.0f}/{used * 1000:.0f}")
    problem = prep.probe
    print(
        f"Analysis suite, {len(problem.alternatives)} vendors × {len(problem.criteria)} criteria, "
        f"{SUITE_SAMPLES:,} SMAA samples: {seconds:.3f} s wall, {cpu:.3f} s CPU (best of "
        f"{REPEATS}); parts, ms wall/CPU: {', '.join(split)}"
    )
    print(
        f"sensitivity suite {SUITE_VENDORS} {seconds * 1000:.0f} ms   (CPU {cpu * 1000:.0f} ms; "
        f"SMAA-2 beside on every core: {old_seconds * 1000:.0f} ms, CPU {old_cpu * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
