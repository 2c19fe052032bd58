"""Benchmark the shortlist report: analyses, charts, HTML and PDF for a 30-vendor project."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from erp_select.model import Fact, Project, VendorProfile
from erp_select.report import render_from
from erp_select.report.charts import start_charts
from erp_select.report.compute import DEFAULT_SAMPLES, ReportInputs, compute
from erp_select.report.context import build_content
from erp_select.report.demo import demo_project
from erp_select.report.html import render_pdf, start_appendix
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


def _timed(label: str, func: Callable[[], T]) -> T:
    """Run ``func`` and print its wall-clock and CPU time (this process, all its threads).

    The CPU time is the steadier figure on a shared machine: it does not count the time
    spent waiting for a core that another process holds.
    """
    start, cpu = time.perf_counter(), time.process_time()
    result = func()
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:<34} {wall:7.2f} s wall {used:7.2f} s CPU", flush=True)
    return result


def _one_run(project: Project, date: dt.date) -> ReportInputs:
    start, cpu = time.perf_counter(), time.process_time()
    inputs = _timed(
        "analyses (pipeline + sensitivity)",
        partial(compute, project, sensitivity_samples=DEFAULT_SAMPLES, generated=date),
    )
    content = _timed("content (fr)", partial(build_content, inputs, "fr"))
    batch = start_charts(inputs, "fr", raster=True)
    appendix = start_appendix(content)  # a worker prints it while the charts are drawn
    charts = _timed("charts (Vega-Lite → JPEG)", batch.charts)
    pdf = _timed("body PDF, join the appendix", partial(render_pdf, content, charts, appendix))
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    print(f"{'total':<34} {wall:7.2f} s wall {used:7.2f} s CPU", flush=True)
    print(f"{'PDF size':<34} {len(pdf) / 1e6:7.2f} MB", flush=True)
    return inputs


def main() -> None:
    """Print the time of each stage of a 30-vendor French PDF report, then of a warm re-run."""
    project = thirty_vendor_project()
    date = dt.date(2026, 5, 6)
    inputs: ReportInputs | None = None
    workers = worker_count()
    print(f"report worker processes besides this one: {workers or 'none'}")
    print("CPU times count this process only, not the report worker processes.")
    for run in ("cold", "warm"):
        print(f"-- {run} run, {len(project.vendors)} vendors, {DEFAULT_SAMPLES} SMAA samples")
        prestart()  # as render_report does: workers warm up during the analyses
        inputs = _one_run(project, date)
    if inputs is not None:
        _timed("XLSX", partial(render_from, inputs, "xlsx", "fr"))


if __name__ == "__main__":  # pragma: no cover
    main()
