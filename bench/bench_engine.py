"""Benchmark the engine: vectorised ``batch_scores`` against one scikit-criteria run per sample."""

from __future__ import annotations

import time

import numpy as np

from erp_select.engine import methods, rank
from erp_select.engine.batch import batch_scores

VENDORS = 30
CRITERIA = 12
SEED = 20240601
BATCH_SAMPLES = 20_000
LOOP_SAMPLES = 300


def _problem() -> tuple[np.ndarray, list[str], np.ndarray]:
    rng = np.random.default_rng(SEED)
    matrix = rng.uniform(1.0, 100.0, size=(VENDORS, CRITERIA))
    objectives = ["max"] * 8 + ["min"] * 4
    weights = rng.dirichlet(np.ones(CRITERIA), size=BATCH_SAMPLES)
    return matrix, objectives, weights


def _rate(samples: int, seconds: float) -> float:
    return samples / seconds if seconds > 0 else float("inf")


def main() -> None:
    """Print samples per second of ``batch_scores`` and of ``rank()`` per sample."""
    matrix, objectives, weights = _problem()
    rank(matrix, objectives, weights[0])  # import scikit-criteria before timing
    print(
        f"{VENDORS} vendors x {CRITERIA} criteria, seed {SEED}; "
        f"batch: {BATCH_SAMPLES} samples, per-sample rank(): {LOOP_SAMPLES} samples"
    )
    header = f"{'method':<10}{'batch /s':>14}{'rank() /s':>12}{'speed-up':>11}{'max |diff|':>13}"
    print(header)
    print("-" * len(header))
    for info in methods():
        if not info.batchable:
            continue
        start = time.perf_counter()
        fast = batch_scores(info.key, matrix, objectives, weights)
        batch_rate = _rate(BATCH_SAMPLES, time.perf_counter() - start)
        start = time.perf_counter()
        slow = np.array(
            [rank(matrix, objectives, weights[s], info.key).scores for s in range(LOOP_SAMPLES)]
        )
        loop_rate = _rate(LOOP_SAMPLES, time.perf_counter() - start)
        diff = float(np.abs(fast[:LOOP_SAMPLES] - slow).max())
        print(
            f"{info.key:<10}{batch_rate:>14,.0f}{loop_rate:>12,.0f}"
            f"{batch_rate / loop_rate:>10,.0f}x{diff:>13.1e}"
        )


if __name__ == "__main__":
    main()
