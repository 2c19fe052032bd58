"""Benchmark the sensitivity analyses: a 100 000-sample SMAA-2 on 30 vendors × 12 criteria."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from erp_select.sensitivity.curves import weight_crossovers
from erp_select.sensitivity.smaa import run_smaa

VENDORS = 30
CRITERIA = 12
SAMPLES = 100_000
UNCERTAIN_SAMPLES = 50_000
SEED = 20240601
REPEATS = 3


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
    seconds, cpu = _best_of(
        REPEATS,
        lambda: run_smaa(
            matrix, objectives, n=UNCERTAIN_SAMPLES, seed=1, low=low, high=high, n_confidence=1
        ),
    )
    print(
        f"SMAA-2 TOPSIS {VENDORS}×{CRITERIA}, {UNCERTAIN_SAMPLES:,} samples with every value "
        f"triangular (±10 %): {seconds:.3f} s wall, {cpu:.3f} s CPU "
        f"({UNCERTAIN_SAMPLES / seconds:,.0f} samples/s)"
    )
    print(f"smaa uncertain {UNCERTAIN_SAMPLES / seconds:,.0f} samples/s")
    seconds, cpu = _best_of(1, lambda: weight_crossovers(matrix, objectives, weights))
    print(
        f"Weight crossovers TOPSIS {VENDORS}×{CRITERIA} (12 sweeps of 201 points + Brent): "
        f"{seconds:.3f} s wall, {cpu:.3f} s CPU"
    )


if __name__ == "__main__":
    main()
