"""AHP's fixed references: Saaty's 1/9…9 scale and the random consistency index tables."""

from __future__ import annotations

import math
from typing import Literal

RiTable = Literal["saaty1980", "alonso_lamata2006"]

#: Random consistency index RI by matrix size n = 1, 2, 3, … (index n - 1).
#: RI = 0 for n = 1 and n = 2: every 1×1 or 2×2 reciprocal matrix is consistent.
RANDOM_INDEX: dict[str, tuple[float, ...]] = {
    # Saaty, T.L. (1980), The Analytic Hierarchy Process, McGraw-Hill: average CI of
    # random reciprocal matrices on the 1/9…9 scale, n = 1…15.
    "saaty1980": (
        0.0,
        0.0,
        0.58,
        0.90,
        1.12,
        1.24,
        1.32,
        1.41,
        1.45,
        1.49,
        1.51,
        1.48,
        1.56,
        1.57,
        1.59,
    ),
    # Alonso, J.A. & Lamata, M.T. (2006), "Consistency in the analytic hierarchy process:
    # a new approach", Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 14(4),
    # 445–459 (100 000 random matrices per size), n = 1…15.
    "alonso_lamata2006": (
        0.0,
        0.0,
        0.5247,
        0.8816,
        1.1086,
        1.2479,
        1.3417,
        1.4057,
        1.4499,
        1.4854,
        1.5140,
        1.5365,
        1.5551,
        1.5713,
        1.5838,
    ),
}

#: Full references of the random-index tables, for reports.
RANDOM_INDEX_SOURCE: dict[str, str] = {
    "saaty1980": "Saaty, T.L. (1980). The Analytic Hierarchy Process. McGraw-Hill.",
    "alonso_lamata2006": (
        "Alonso, J.A., Lamata, M.T. (2006). Consistency in the analytic hierarchy process: "
        "a new approach. Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 14(4), "
        "445–459."
    ),
}

#: The usual acceptance bar on the consistency ratio (Saaty).
CR_THRESHOLD = 0.10

#: Largest matrix the random-index tables cover.
MAX_SIZE = 15

#: Saaty's fundamental scale and its reciprocals, ascending: 1/9, 1/8, …, 1/2, 1, 2, …, 9.
SAATY_SCALE: tuple[float, ...] = tuple(
    [1.0 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)]
)

#: Relative tolerance on the scale's bounds and on a diagonal of ones.
SCALE_RTOL = 1e-9


def snap_to_scale(value: float) -> float:
    """Return the value of Saaty's 1/9…9 scale nearest to ``value`` in log distance.

    Parameters
    ----------
    value
        A positive ratio.

    Returns
    -------
    float
        One of ``SAATY_SCALE``.
    """
    target = math.log(value)
    return min(SAATY_SCALE, key=lambda s: abs(math.log(s) - target))


def random_index(n: int, table: RiTable = "saaty1980") -> float:
    """Return the random consistency index for an ``n``×``n`` matrix from a named table.

    Parameters
    ----------
    n
        Matrix size, 1…15.
    table
        ``"saaty1980"`` (default) or ``"alonso_lamata2006"``.

    Returns
    -------
    float
        RI; 0 for n = 1 and n = 2.
    """
    values = RANDOM_INDEX[table]
    if not 1 <= n <= len(values):
        raise ValueError(f"no random index for n = {n}")
    return values[n - 1]
