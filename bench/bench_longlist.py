"""Benchmark a long list (issue 20): load, screen and rank 10,000 vendors from one CSV file.

The file is a market scan: the demo vendors cycled, forty facts each (offer, prices varied
per vendor, sector fit, contract, security…, with units, dates and evidence, no sources,
no answers), one row per fact and per profile field, about 31 MB and 490,000 rows.
``long list 10000`` times the app's path part by part, wall and CPU time: ``parse`` (the
CSV into columns) and ``build`` (the column reader's vendor objects) — together
:func:`erp_select.io.read_vendors_bytes` —, then ``evaluate`` (the column path),
``screen`` (the demo's must-haves on sector and two-factor authentication) and ``rank``
— together :func:`erp_select.pipeline.analyse`. The baseline line, same run, is the
previous approach: the row reader (``from_table``; it takes minutes on 10,000 vendors, so
it reads the first ``BASELINE`` vendors and its time is scaled to 10,000 — it grows
linearly with the rows) and every cell evaluated alone (``evaluate(by_column=False)``, the
whole list; its table is checked equal to the column path's). The header says how many
distinct sets of pricing facts the scan holds: the TCO is computed once per set, and a
real list repeats its prices less than this one does. The XLSX line reads a shorter list
(an XLSX sheet of 10,000 vendors unpacks beyond the archive limit, and writing one takes
minutes), both ways. Compare lines of one run: the machine is shared.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from erp_select.engine import rank
from erp_select.evaluate import Performance, evaluate
from erp_select.evaluate.columns import fact_key
from erp_select.evaluate.tco import PRICING_FACTS
from erp_select.io import dump_vendors, read_vendors_bytes
from erp_select.io.column_cells import paused_gc
from erp_select.io.limits import MAX_TABLE_ROWS
from erp_select.io.table_columns import read_csv_columns
from erp_select.io.tables import read_csv, read_xlsx
from erp_select.io.vendor_columns import from_columns
from erp_select.io.vendor_layout import COLUMNS, REQUIRED, SHEET
from erp_select.io.vendor_tables import from_table
from erp_select.model import Project, VendorProfile
from erp_select.model.facts import vocabulary
from erp_select.pipeline import analyse
from erp_select.report.demo import demo_project
from erp_select.screen import screen

#: Vendors of the long list (a market scan before the shortlist).
LONG_LIST = 10_000
#: Facts per vendor.
FACTS = 40
#: Vendors the row reader (baseline) reads; its time is scaled to ``LONG_LIST``.
BASELINE = 1_000
#: Vendors of the XLSX comparison.
XLSX = 300


def market_scan(
    n: int = LONG_LIST, facts: int = FACTS, *, offers: bool = False
) -> list[VendorProfile]:
    """``n`` vendors: the demo vendors cycled, ``facts`` facts each, money varied; without
    the demo vendors' offers and integrators unless ``offers``."""
    base = demo_project().vendors
    vocab = vocabulary()
    out = []
    for i in range(n):
        v = base[i % len(base)]
        kept = {}
        for key in sorted(v.facts)[:facts]:
            fact = v.facts[key]
            update: dict[str, Any] = {"source": None}
            spec = vocab.fact_spec(key)
            if spec is not None and spec.type == "money" and fact.number:
                scale = 1 + (i % 89) / 100
                for name in ("value", "low", "high"):
                    number = getattr(fact, name)
                    update[name] = None if number is None else round(number * scale, 2)
            kept[key] = fact.model_copy(update=update)
        update = {
            "id": f"{v.id}-{i:05d}",
            "name": f"{v.name} {i + 1:05d}",
            "description": None,
            "facts": kept,
            "answers": {},
            "risks": [],
        }
        if not offers:
            # a market scan lists vendors, not their offers or integrators (those make a
            # vendor several alternatives and send it to the row reader)
            update |= {"offers": [], "integrators": []}
        out.append(v.model_copy(update=update))
    return out


def scan_project(vendors: list[VendorProfile]) -> Project:
    """The demo project on ``vendors``, screened on sector and two-factor authentication
    (a market scan states no reviews and has no quotes to hold against the budget yet)."""
    base = demo_project()
    rules = [
        r for r in base.company.must_haves if r.id in ("serves-manufacturing", "two-factor-auth")
    ]
    company = base.company.model_copy(update={"must_haves": rules, "budget": None})
    return base.model_copy(update={"vendors": vendors, "company": company})


def _timed(func: Callable[[], Any]) -> tuple[Any, float, float]:
    """``func()``, its duration (ms) and the CPU time it took (ms, this process)."""
    start, cpu = time.perf_counter(), time.process_time()
    out = func()
    return out, 1000 * (time.perf_counter() - start), 1000 * (time.process_time() - cpu)


def _row_reader(data: bytes, name: str) -> list[VendorProfile]:
    vocab = vocabulary()
    rows = 10**7  # the previous approach, without today's limits
    if name.endswith(".csv"):
        table = read_csv(data, name, COLUMNS, REQUIRED, rows)
        return from_table(table, vocab, table.decimal_comma).vendors
    table = read_xlsx(data, name, SHEET, COLUMNS, REQUIRED, rows)
    return from_table(table, vocab, None).vendors


def _parts(parts: dict[str, tuple[float, float]]) -> str:
    """``parse 812 ms (cpu 790), build …``: each part's wall and CPU time."""
    return ", ".join(f"{k} {w:.0f} ms (cpu {c:.0f})" for k, (w, c) in parts.items())


def main() -> None:
    """Print ``long list 10000 <ms> ms`` by part (parse, build, evaluate, screen, rank) and
    its baseline (the row reader, evaluating cell by cell), same run."""
    vendors = market_scan(LONG_LIST)
    data = dump_vendors(vendors, "csv")
    rows = data.count(b"\n") - 1
    print(f"-- long list: {LONG_LIST} vendors × {FACTS} facts, {len(data) / 1e6:.1f} MB of CSV,")
    prices = {tuple(fact_key(v.facts.get(f)) for f in PRICING_FACTS) for v in vendors}
    print(f"   {rows} rows; {len(prices)} distinct sets of pricing facts (the TCO's inputs)")
    analyse(scan_project(vendors[:20]))  # warm-up: imports and catalogues
    read_vendors_bytes(dump_vendors(vendors[:20], "csv"), "warm-up.csv")

    # the app's path, part by part (read_vendors_bytes = parse + build, analyse = the rest)
    vocab = vocabulary()
    with paused_gc():
        columns, parse, parse_cpu = _timed(
            lambda: read_csv_columns(data, "long-list.csv", COLUMNS, REQUIRED, MAX_TABLE_ROWS)
        )
        parsed, build, build_cpu = _timed(
            lambda: from_columns(columns, vocab, columns.decimal_comma)
        )
    loaded = parsed.vendors
    assert loaded == vendors, "the long list did not read back as written"
    project = scan_project(loaded)
    with paused_gc():
        perf, evaluated, evaluate_cpu = _timed(lambda: evaluate(project))
        screening, screened, screen_cpu = _timed(
            lambda: screen(project.vendors, project.company, perf)
        )
    _, ranked, rank_cpu = _timed(
        lambda: rank(perf.subset(screening.kept).problem, method=project.method)
    )
    parts = {
        "parse": (parse, parse_cpu),
        "build": (build, build_cpu),
        "evaluate": (evaluated, evaluate_cpu),
        "screen": (screened, screen_cpu),
        "rank": (ranked, rank_cpu),
    }
    total = sum(w for w, _ in parts.values())
    cpu = sum(c for _, c in parts.values())
    print(
        f"long list {LONG_LIST} {total:.0f} ms  (cpu {cpu:.0f} ms; {_parts(parts)}; "
        f"{len(screening.kept)} kept)",
        flush=True,
    )
    # the baseline, same run: the row reader (1 000 vendors timed, scaled) and every cell
    # evaluated alone (the whole list)
    part = dump_vendors(vendors[:BASELINE], "csv")
    old, took, took_cpu = _timed(lambda: _row_reader(part, "part.csv"))
    assert old == vendors[:BASELINE]
    scale = LONG_LIST / BASELINE
    with paused_gc():
        cell, by_cell, by_cell_cpu = _timed(lambda: evaluate(project, by_column=False))
    assert _bits(cell) == _bits(perf), "the two evaluations differ"
    before = {
        "read": (took * scale, took_cpu * scale),
        "evaluate": (by_cell, by_cell_cpu),
        "screen": (screened, screen_cpu),
        "rank": (ranked, rank_cpu),
    }
    total = sum(w for w, _ in before.values())
    cpu = sum(c for _, c in before.values())
    print(
        f"long list {LONG_LIST} baseline {total:.0f} ms  (cpu {cpu:.0f} ms; {_parts(before)}; "
        f"read: the row reader, {BASELINE} vendors timed, scaled ×{LONG_LIST // BASELINE}; "
        "evaluate: cell by cell; screen and rank as above)",
        flush=True,
    )
    sheet = dump_vendors(vendors[:XLSX], "xlsx")
    new, columns_ms, _ = _timed(lambda: read_vendors_bytes(sheet, "short.xlsx"))
    assert new == vendors[:XLSX]
    rows_ms = _timed(lambda: _row_reader(sheet, "short.xlsx"))[1]
    print(
        f"long list xlsx {XLSX} read {columns_ms:.0f} ms  (baseline row reader {rows_ms:.0f} ms;"
        " the sheet itself is read cell by cell in both)",
        flush=True,
    )


def _bits(perf: Performance) -> list[bytes]:
    """The performance table's numbers, bit for bit."""
    return [perf.values.tobytes(), perf.low.tobytes(), perf.high.tobytes()]


if __name__ == "__main__":
    main()
