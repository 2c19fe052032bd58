"""Benchmark the shortlist report: analyses, charts and PDF for a 30-vendor project, both scopes."""

from __future__ import annotations

import datetime as dt
import io
import os
import statistics
import time
from collections.abc import Callable, Mapping
from functools import partial
from typing import TypeVar

from pypdf import PdfReader

from erp_select.model import Fact, Project, VendorProfile
from erp_select.report import DEFAULT_SAMPLES, render_from
from erp_select.report.charts import build_charts
from erp_select.report.compute import ReportInputs, compute
from erp_select.report.context import build_content, sheets_in_scope
from erp_select.report.demo import demo_project
from erp_select.report.formats import DEFAULT_APPENDIX, AppendixScope
from erp_select.report.html import render_pdf
from erp_select.report.workers import WORKERS_ENV, prestart, worker_count

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


STAGES = ("analyses", "content", "charts", "pdf")
LABELS = {
    "analyses": "analyses (pipeline + sensitivity)",
    "content": "content (fr)",
    "charts": "charts (Vega-Lite → JPEG)",
    "pdf": "PDF (one document)",
}
WARM_RUNS = 3


def _one_run(
    project: Project, date: dt.date, scope: AppendixScope = DEFAULT_APPENDIX
) -> tuple[dict[str, float], ReportInputs, bytes]:
    """One French PDF report as ``render_report`` makes it; wall-clock seconds per stage."""
    times: dict[str, float] = {}

    def timed(stage: str, func: Callable[[], T]) -> T:
        start = time.perf_counter()
        out = func()
        times[stage] = time.perf_counter() - start
        return out

    prestart()  # as render_report does: the workers warm up during the analyses
    inputs = timed(
        "analyses",
        partial(compute, project, sensitivity_samples=DEFAULT_SAMPLES, generated=date),
    )
    content = timed("content", partial(build_content, inputs, "fr"))
    charts = timed("charts", partial(build_charts, inputs, "fr", raster=True))
    pdf = timed("pdf", partial(render_pdf, sheets_in_scope(content, scope), charts))
    times["total"] = sum(times[k] for k in STAGES)
    return times, inputs, pdf


def _print(times: Mapping[str, float]) -> None:
    for stage in STAGES:
        print(f"  {LABELS[stage]:<34} {times[stage]:7.2f} s", flush=True)
    print(f"  {'total':<34} {times['total']:7.2f} s", flush=True)
    rendering = times["total"] - times["analyses"]
    print(f"  {'of which rendering (app: analyses cached)':<34} {rendering:7.2f} s", flush=True)


def _median_runs(
    project: Project, date: dt.date, scope: AppendixScope = DEFAULT_APPENDIX
) -> tuple[dict[str, float], ReportInputs, bytes]:
    runs = [_one_run(project, date, scope) for _ in range(WARM_RUNS)]
    med = {k: statistics.median(r[0][k] for r in runs) for k in (*STAGES, "total")}
    return med, runs[-1][1], runs[-1][2]


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def main() -> None:
    """Time a 30-vendor French PDF report: cold, then warm, with the default vendor sheets.

    Beside it, in the same run: the same report with every vendor's sheet
    (``--appendix all``), and the default report made in this process alone
    (``ERP_SELECT_REPORT_WORKERS=0``); wall-clock medians of three warm runs each.
    """
    project = thirty_vendor_project()
    date = dt.date(2026, 5, 6)
    workers = worker_count()
    print(
        f"{len(project.vendors)} vendors, {DEFAULT_SAMPLES} SMAA samples, "
        f"{len(os.sched_getaffinity(0))} usable cores, worker processes: {workers or 'none'}"
    )
    times, _, pdf = _one_run(project, date)
    print(f"-- cold (first report of the process), sheets: {DEFAULT_APPENDIX}")
    _print(times)
    print(f"  {'pages, PDF size':<34} {_pages(pdf):7d}   {len(pdf) / 1e6:.2f} MB")
    shared, inputs, _ = _median_runs(project, date)
    print(f"-- warm, sheets: {DEFAULT_APPENDIX}, {workers} worker(s): median of {WARM_RUNS}")
    _print(shared)
    every, _, pdf_all = _median_runs(project, date, "all")
    print(f"-- baseline: warm, sheets: all ({_pages(pdf_all)} pages): median of {WARM_RUNS}")
    _print(every)
    saved = os.environ.get(WORKERS_ENV)
    os.environ[WORKERS_ENV] = "0"
    try:
        alone, _, _ = _median_runs(project, date)
    finally:
        if saved is None:
            os.environ.pop(WORKERS_ENV, None)
        else:
            os.environ[WORKERS_ENV] = saved
    print(f"-- warm, sheets: {DEFAULT_APPENDIX}, this process alone ({WORKERS_ENV}=0)")
    _print(alone)
    render = shared["total"] - shared["analyses"]
    slower_all = (every["total"] - every["analyses"]) / render
    slower_alone = (alone["total"] - alone["analyses"]) / render
    print(f"rendering: all sheets ×{slower_all:.2f}, without workers ×{slower_alone:.2f}")
    start = time.perf_counter()
    render_from(inputs, "xlsx", "fr")
    print(f"XLSX (same analyses): {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":  # pragma: no cover
    main()
