"""Benchmark the shortlist report: the 30-vendor board PDF (default), beside the full report."""

from __future__ import annotations

import datetime as dt
import io
import os
import statistics
import time
from collections.abc import Callable, Mapping
from typing import Literal, TypeVar

from pypdf import PdfReader

from erp_select.model import Fact, Project, VendorProfile
from erp_select.report import DEFAULT_SAMPLES, render_from
from erp_select.report.board import board_pdf
from erp_select.report.charts import build_charts, clear_chart_cache
from erp_select.report.compute import ReportInputs, compute
from erp_select.report.context import build_content, sheets_in_scope
from erp_select.report.demo import demo_project
from erp_select.report.formats import AppendixScope
from erp_select.report.html import render_pdf
from erp_select.report.workers import prestart, worker_count

VENDORS = 30
T = TypeVar("T")


def _scaled(fact: Fact, factor: float) -> Fact:
    number = fact.number
    if number is None:
        return fact
    update: dict[str, float] = {"value": number * factor}
    if fact.low is not None:
        update["low"] = fact.low * factor
    if fact.high is not None:
        update["high"] = fact.high * factor
    return fact.model_copy(update=update)


def thirty_vendor_project(n: int = VENDORS) -> Project:
    """The demo project with ``n`` vendors that all pass the must-haves.

    The 14 demo vendors are cycled; each copy gets its own id and name, serves
    manufacturing, and has its prices scaled by a factor between 0.8 and 1.2 so that no
    two vendors are twins.
    """
    base = demo_project()
    company = base.company.model_copy(update={"must_haves": [], "budget": None})
    out: list[VendorProfile] = []
    for i in range(n):
        v = base.vendors[i % len(base.vendors)]
        factor = 0.8 + 0.4 * (i / max(1, n - 1))
        facts = {
            fid: (
                _scaled(f, factor)
                if fid.startswith("price.") and fid != "price.maintenance_rate"
                else f
            )
            for fid, f in v.facts.items()
        }
        sectors = sorted({*v.sectors, "manufacturing"})
        out.append(
            v.model_copy(
                update={
                    "id": f"{v.id}-{i:02d}",
                    "name": f"{v.name} {i + 1:02d}",
                    "sectors": sectors,
                    "facts": facts,
                }
            )
        )
    return Project.model_validate(
        {
            **base.model_dump(),
            "company": company.model_dump(),
            "vendors": [o.model_dump() for o in out],
        }
    )


#: What is timed: the analyses (computed once per series, as the app keeps them), then the
#: rendering of one click: the content, the charts (full report only) and the PDF.
STAGES = ("content", "charts", "pdf")
LABELS = {
    "analyses": "analyses (pipeline + sensitivity)",
    "content": "content (fr)",
    "charts": "charts (Vega-Lite → JPEG)",
    "pdf": "PDF layout (WeasyPrint)",
}
WARM_RUNS = 3
#: ``board``: the default PDF (memo, short body, one page a shortlisted or near-miss vendor);
#: ``before``: the former default, the full report with the same sheets and its charts;
#: ``all``: the full report with every vendor's sheet (``--appendix all``).
Kind = Literal["board", "before", "all"]


def _render(
    inputs: ReportInputs, kind: Kind, times: dict[str, float], cpu: dict[str, float]
) -> bytes:
    """One French PDF from computed analyses, as ``render_from`` makes it; seconds per stage."""

    def timed(stage: str, func: Callable[[], T]) -> T:
        start, start_cpu = time.perf_counter(), time.process_time()
        out = func()
        times[stage] = time.perf_counter() - start
        cpu[stage] = time.process_time() - start_cpu
        return out

    if kind == "board":
        content = timed("content", lambda: build_content(inputs, "fr", board=True))
        times["charts"] = cpu["charts"] = 0.0
        return timed("pdf", lambda: board_pdf(sheets_in_scope(content, "shortlist")))
    clear_chart_cache()  # the former report drew its charts at every click
    full = timed("content", lambda: build_content(inputs, "fr"))
    charts = timed("charts", lambda: build_charts(inputs, "fr", raster=True))
    scope: AppendixScope = "all" if kind == "all" else "shortlist"
    return timed("pdf", lambda: render_pdf(sheets_in_scope(full, scope), charts))


def _analyses(project: Project, date: dt.date) -> tuple[ReportInputs, float, float]:
    start, start_cpu = time.perf_counter(), time.process_time()
    inputs = compute(project, sensitivity_samples=DEFAULT_SAMPLES, generated=date)
    return inputs, time.perf_counter() - start, time.process_time() - start_cpu


def _runs(
    inputs: ReportInputs, kind: Kind, n: int
) -> tuple[dict[str, float], dict[str, float], bytes]:
    """Median wall-clock and CPU seconds (this process) per stage of ``n`` renderings."""
    walls: list[dict[str, float]] = []
    cpus: list[dict[str, float]] = []
    pdf = b""
    for _ in range(n):
        wall: dict[str, float] = {}
        cpu: dict[str, float] = {}
        pdf = _render(inputs, kind, wall, cpu)
        walls.append(wall)
        cpus.append(cpu)
    keys = STAGES

    def median(rows: list[dict[str, float]]) -> dict[str, float]:
        out = {k: statistics.median(r[k] for r in rows) for k in keys}
        out["total"] = statistics.median(sum(r[k] for k in keys) for r in rows)
        return out

    return median(walls), median(cpus), pdf


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _print(title: str, wall: Mapping[str, float], cpu: Mapping[str, float], pdf: bytes) -> None:
    print(f"-- {title}: {_pages(pdf)} pages, {len(pdf) / 1e6:.2f} MB", flush=True)
    print(f"  {'':<34} {'wall':>7}   {'CPU here':>8}", flush=True)
    for stage in STAGES:
        print(f"  {LABELS[stage]:<34} {wall[stage]:7.2f} s {cpu[stage]:7.2f} s", flush=True)
    print(
        f"  {'rendering (one click)':<34} {wall['total']:7.2f} s {cpu['total']:7.2f} s", flush=True
    )


def main() -> None:
    """Time the 30-vendor French PDF: the board document, cold then warm, beside baselines.

    Cold: the first report of the process (analyses, then the first rendering). Warm: the
    analyses are already computed (the app's report page reuses them), so a click costs
    the rendering only; median of three. Baselines of the same run, on the same analyses:
    the former default (the full report with the shortlist's sheets, its charts drawn at
    every click) and ``--appendix all`` (every vendor's sheet, one run). "CPU here" is the
    CPU time of this process (the chart workers' is not counted): on a loaded machine it
    compares better than the wall clock.
    """
    project = thirty_vendor_project()
    date = dt.date(2026, 5, 6)
    print(
        f"{len(project.vendors)} vendors, {DEFAULT_SAMPLES} SMAA samples, "
        f"{len(os.sched_getaffinity(0))} usable cores, chart worker processes "
        f"(full report only): {worker_count() or 'none'}, load average "
        f"{os.getloadavg()[0]:.1f}"
    )
    inputs, wall_a, cpu_a = _analyses(project, date)
    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    pdf = _render(inputs, "board", wall, cpu)
    wall["total"] = sum(wall[k] for k in STAGES)
    cpu["total"] = sum(cpu[k] for k in STAGES)
    print(f"{LABELS['analyses']}, cold: {wall_a:.2f} s wall, {cpu_a:.2f} s CPU here")
    _print("board PDF (default), cold: first rendering of the process", wall, cpu, pdf)
    print(f"  {'with the analyses':<34} {wall_a + wall['total']:7.2f} s", flush=True)
    warm_wall, warm_cpu, warm_pdf = _runs(inputs, "board", WARM_RUNS)
    _print(f"board PDF (default), warm: median of {WARM_RUNS}", warm_wall, warm_cpu, warm_pdf)
    prestart()  # the former report drew its charts in worker processes
    _, wall_b, cpu_b = _analyses(project, date)
    print(f"{LABELS['analyses']}, warm: {wall_b:.2f} s wall, {cpu_b:.2f} s CPU here")
    before_wall, before_cpu, before_pdf = _runs(inputs, "before", WARM_RUNS)
    _print(
        f"baseline: former default (full report, shortlist sheets), warm: median of {WARM_RUNS}",
        before_wall,
        before_cpu,
        before_pdf,
    )
    # The same run's figures side by side: on a loaded machine the ratio travels, the
    # seconds do not (docs/report.md gives the idle figures the ratio is read against).
    print("-- board PDF beside the former default, same run", flush=True)
    for label, board_t, before_t in (
        ("board cold", cpu["total"], before_cpu["total"]),
        ("board warm", warm_cpu["total"], before_cpu["total"]),
        ("board warm, PDF layout", warm_cpu["pdf"], before_cpu["pdf"]),
    ):
        print(
            f"  {label:<34} {board_t:7.2f} s CPU = {board_t / before_t:5.1%} of "
            f"{before_t:.2f} s (former default, warm)",
            flush=True,
        )
    print(f"  load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    _print(
        "baseline: --appendix all (full report, every sheet), warm: one run",
        *_runs(inputs, "all", 1),
    )
    start = time.perf_counter()
    render_from(inputs, "xlsx", "fr")
    print(f"XLSX (same analyses): {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":  # pragma: no cover
    main()
