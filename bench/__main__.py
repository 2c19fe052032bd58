"""Run every benchmark module (``bench/bench_*.py``) in turn: ``python -m bench``."""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Import each ``bench_*`` module in name order and call its ``main()``.

    Parameters
    ----------
    argv : list of str, optional
        Module names to run (e.g. ``bench_engine``); all of them when empty.

    Returns
    -------
    int
        0 when every benchmark ran, 1 when one raised (the others still run).
    """
    wanted = set(argv if argv is not None else sys.argv[1:])
    here = Path(__file__).resolve().parent
    status = 0
    for path in sorted(here.glob("bench_*.py")):
        name = path.stem
        if wanted and name not in wanted:
            continue
        print(f"== {name} ==", flush=True)
        start = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.{name}")
            module.main()
        except Exception as exc:  # report and go on with the other benchmarks
            print(f"{name} failed: {type(exc).__name__}: {exc}", flush=True)
            status = 1
        print(f"-- {name}: {time.perf_counter() - start:.1f} s\n", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
