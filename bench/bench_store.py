"""Benchmark the store: 50 participants submitting at the same instant, on SQLite (and PG)."""

from __future__ import annotations

import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

from erp_select.catalogue import default_criteria, demo_vendors
from erp_select.model import CompanyProfile, Project
from erp_select.store import Store, create_project, init_db, join_workshop, open_workshop
from erp_select.workshop.live import live_view
from erp_select.workshop.rounds import open_round
from erp_select.workshop.submissions import submit

PARTICIPANTS = 50
REVISIONS = 2  # each participant submits, then revises: 100 concurrent writes in all


def _project() -> Project:
    return Project(
        name="bench",
        company=CompanyProfile(sector="manufacturing", erp_users=50),
        criteria=default_criteria(),
        vendors=demo_vendors(),
    )


def _run(store: Store) -> tuple[float, list[float], float]:
    rev = create_project(store, _project(), author="bench")
    access = open_workshop(store, rev.project_id, facilitator="bench")
    tokens = [
        join_workshop(store, access.join_code, f"P{i}", client_key=f"bench-{i}").token
        for i in range(PARTICIPANTS)
    ]
    rnd = open_round(store, access.facilitator_token, "points")
    latencies: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(PARTICIPANTS + 1)

    def participant(i: int, token: str) -> None:
        barrier.wait()
        for r in range(REVISIONS):
            points = {c: float((i * 7 + r * 3 + k) % 10 + 1) for k, c in enumerate(rnd.criteria)}
            start = time.perf_counter()
            submit(store, token, rnd.number, {"kind": "points", "points": points})
            with lock:
                latencies.append(time.perf_counter() - start)

    threads = [threading.Thread(target=participant, args=(i, t)) for i, t in enumerate(tokens)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    start = time.perf_counter()
    view = live_view(store, access.facilitator_token, rnd.number)
    view_time = time.perf_counter() - start
    if view.submitted != PARTICIPANTS:
        raise RuntimeError(f"expected {PARTICIPANTS} submissions, found {view.submitted}")
    return wall, latencies, view_time


def _report(label: str, wall: float, latencies: list[float], view_time: float) -> None:
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(
        f"{label:<12}{len(latencies):>7} writes{wall:>9.2f} s wall"
        f"{len(latencies) / wall:>9.1f} writes/s"
        f"   median {statistics.median(latencies) * 1000:>6.1f} ms"
        f"   p95 {p95 * 1000:>7.1f} ms   live view {view_time * 1000:>6.1f} ms"
    )


def main() -> None:
    """Print the time 50 simultaneous participants take to submit and revise their answers.

    SQLite always (a temporary file); PostgreSQL too when ``ERP_SELECT_BENCH_PG_URL`` holds
    a URL to an empty, disposable database.
    """
    print(f"{PARTICIPANTS} participants x {REVISIONS} submissions each, all released together")
    with tempfile.TemporaryDirectory() as tmp:
        store = init_db(f"sqlite:///{Path(tmp) / 'bench.db'}")
        try:
            _report("sqlite", *_run(store))
        finally:
            store.dispose()
    pg_url = os.environ.get("ERP_SELECT_BENCH_PG_URL", "").strip()
    if pg_url:
        store = init_db(pg_url)
        try:
            _report("postgresql", *_run(store))
        finally:
            store.dispose()
    else:
        print("postgresql  skipped (set ERP_SELECT_BENCH_PG_URL to a disposable database)")


if __name__ == "__main__":
    main()
