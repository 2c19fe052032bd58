"""Benchmark a long list (issue 20): load, screen and rank 10,000 vendors from one CSV file.

The file is a market scan: the demo vendors cycled, forty facts each (offer, prices varied
per vendor, sector fit, contract, security…, with units, dates and evidence, no sources),
one row per fact and per profile field, about 31 MB and 490,000 rows. ``long list 10000``
times the app's path: :func:`erp_select.io.read_vendors_bytes` (the column reader) then
:func:`erp_select.pipeline.analyse` with the demo's must-haves on sector and two-factor
authentication. The baseline is the row reader (``from_table``), the previous approach:
it takes minutes on 10,000 vendors, so it reads the first ``BASELINE`` vendors of the same
list and its time is scaled to 10,000 (it grows linearly with the rows; said on the line);
screening and ranking are timed once, with today's code, and added to both lines. The
XLSX line reads a shorter list (an XLSX sheet of 10,000 vendors unpacks beyond the
archive limit, and writing one takes minutes), both ways. Compare lines of one run: the
machine is shared.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from erp_select.io import dump_vendors, read_vendors_bytes
from erp_select.io.tables import read_csv, read_xlsx
from erp_select.io.vendor_layout import COLUMNS, REQUIRED, SHEET
from erp_select.io.vendor_tables import from_table
from erp_select.model import Project, VendorProfile
from erp_select.model.facts import vocabulary
from erp_select.pipeline import analyse
from erp_select.report.demo import demo_project

#: Vendors of the long list (a market scan before the shortlist).
LONG_LIST = 10_000
#: Facts per vendor.
FACTS = 40
#: Vendors the row reader (baseline) reads; its time is scaled to ``LONG_LIST``.
BASELINE = 1_000
#: Vendors of the XLSX comparison.
XLSX = 300


def market_scan(n: int = LONG_LIST, facts: int = FACTS) -> list[VendorProfile]:
    """``n`` vendors: the demo vendors cycled, ``facts`` facts each, money varied."""
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


def _timed(func: Callable[[], Any]) -> tuple[Any, float]:
    """``func()`` and its duration (ms)."""
    start = time.perf_counter()
    out = func()
    return out, 1000 * (time.perf_counter() - start)


def _row_reader(data: bytes, name: str) -> list[VendorProfile]:
    vocab = vocabulary()
    rows = 10**7  # the previous approach, without today's limits
    if name.endswith(".csv"):
        table = read_csv(data, name, COLUMNS, REQUIRED, rows)
        return from_table(table, vocab, table.decimal_comma).vendors
    table = read_xlsx(data, name, SHEET, COLUMNS, REQUIRED, rows)
    return from_table(table, vocab, None).vendors


def main() -> None:
    """Print ``long list 10000 <ms> ms`` and its baseline (the row reader), same run."""
    vendors = market_scan()
    data = dump_vendors(vendors, "csv")
    rows = data.count(b"\n") - 1
    print(f"-- long list: {LONG_LIST} vendors × {FACTS} facts, {len(data) / 1e6:.1f} MB of CSV,")
    print(f"   {rows} rows")
    analyse(scan_project(vendors[:20]))  # warm-up: imports and catalogues
    read_vendors_bytes(dump_vendors(vendors[:20], "csv"), "warm-up.csv")

    loaded, read = _timed(lambda: read_vendors_bytes(data, "long-list.csv"))
    result, ranked = _timed(lambda: analyse(scan_project(loaded)))
    assert loaded == vendors, "the long list did not read back as written"
    kept = len(result.order())
    print(
        f"long list {LONG_LIST} {read + ranked:.0f} ms  (read {read:.0f} ms, "
        f"screen and rank {ranked:.0f} ms; {kept} kept)",
        flush=True,
    )
    part = dump_vendors(vendors[:BASELINE], "csv")
    old, took = _timed(lambda: _row_reader(part, "part.csv"))
    assert old == vendors[:BASELINE]
    scaled = took * LONG_LIST / BASELINE
    print(
        f"long list {LONG_LIST} baseline (row reader) {scaled + ranked:.0f} ms  (read "
        f"{scaled:.0f} ms: {BASELINE} vendors timed, scaled ×{LONG_LIST // BASELINE}; "
        "screen and rank as above)",
        flush=True,
    )
    sheet = dump_vendors(vendors[:XLSX], "xlsx")
    new, columns = _timed(lambda: read_vendors_bytes(sheet, "short.xlsx"))
    assert new == vendors[:XLSX]
    rows_ms = _timed(lambda: _row_reader(sheet, "short.xlsx"))[1]
    print(
        f"long list xlsx {XLSX} read {columns:.0f} ms  (baseline row reader {rows_ms:.0f} ms;"
        " the sheet itself is read cell by cell in both)",
        flush=True,
    )


if __name__ == "__main__":
    main()
