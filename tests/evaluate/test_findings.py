"""The low-price check: the peers' median, computed fast, equals the plain definition."""

from __future__ import annotations

import random
import statistics

import numpy as np

from erp_select.evaluate.findings import _median_without


def test_median_without_one_value_matches_the_statistics_module() -> None:
    rng = random.Random(7)
    for n in range(3, 30):
        for _ in range(20):
            values = [float(rng.randint(0, 9)) for _ in range(n)]  # ties on purpose
            ordered = np.sort(values)
            for i, v in enumerate(values):
                peers = values[:i] + values[i + 1 :]
                assert _median_without(ordered, v) == statistics.median(peers)
