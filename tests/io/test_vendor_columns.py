"""The column reader of vendor tables gives the row reader's vendors, warnings and refusals."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.bench_longlist import market_scan
from erp_select.errors import InputError
from erp_select.io import dump_vendors, read_vendors_bytes, vendor_columns
from erp_select.io.table_columns import from_table as table_columns
from erp_select.io.table_columns import read_csv_columns
from erp_select.io.tables import read_csv, read_xlsx, write_csv, write_xlsx
from erp_select.io.vendor_layout import COLUMNS, REQUIRED, SHEET
from erp_select.io.vendor_tables import Parsed, from_table
from erp_select.model import Project, VendorProfile
from erp_select.model.facts import vocabulary
from erp_select.report.demo import demo_project


def _rows(data: bytes, name: str) -> Parsed | list[str]:
    """The row reader's result, or its refusal as messages."""
    vocab = vocabulary()
    try:
        if name.endswith(".csv"):
            table = read_csv(data, name, COLUMNS, REQUIRED)
            return from_table(table, vocab, table.decimal_comma)
        return from_table(read_xlsx(data, name, SHEET, COLUMNS, REQUIRED), vocab, None)
    except InputError as exc:
        return [str(p) for p in exc.problems]


def _columns(data: bytes, name: str) -> Parsed | list[str]:
    """The column reader's result, or its refusal as messages."""
    vocab = vocabulary()
    try:
        if name.endswith(".csv"):
            cols = read_csv_columns(data, name, COLUMNS, REQUIRED)
            return vendor_columns.from_columns(cols, vocab, cols.decimal_comma)
        table = read_xlsx(data, name, SHEET, COLUMNS, REQUIRED)
        return vendor_columns.from_columns(table_columns(table), vocab, None)
    except InputError as exc:
        return [str(p) for p in exc.problems]


def _shape(vendor: VendorProfile) -> Any:
    """What a vendor is, including the fields its file set (``exclude_unset`` dumps)."""
    facts = {k: (f.model_dump(), sorted(f.model_fields_set)) for k, f in vendor.facts.items()}
    return vendor.model_dump(), sorted(vendor.model_fields_set), facts, list(vendor.facts)


def _same(data: bytes, name: str) -> Parsed | list[str]:
    rows, cols = _rows(data, name), _columns(data, name)
    if isinstance(rows, list) or isinstance(cols, list):
        assert cols == rows
        return rows
    assert cols.vendors == rows.vendors
    assert [_shape(v) for v in cols.vendors] == [_shape(v) for v in rows.vendors]
    assert cols.rows == rows.rows
    assert [str(w) for w in cols.warnings] == [str(w) for w in rows.warnings]
    return cols


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_demo_vendors_read_alike(fmt: str) -> None:
    vendors = demo_project().vendors
    found = _same(dump_vendors(vendors, fmt), f"demo.{fmt}")
    assert isinstance(found, Parsed) and found.vendors == vendors


def _slow_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The row counts of the tables handed to the row reader (filled as files are read)."""
    slow: list[int] = []
    real = vendor_columns.from_table
    monkeypatch.setattr(
        vendor_columns,
        "from_table",
        lambda table, *a: slow.append(len(table.rows)) or real(table, *a),
    )
    return slow


def test_a_long_list_reads_the_fast_way_and_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    # Vendors without offers or integrators (the demo catalogue has them on six vendors:
    # those are the row reader's, see the next test).
    plain = {"offers": [], "integrators": []}
    vendors = [v.model_copy(update=plain) for v in market_scan(60)]
    data = dump_vendors(vendors, "csv")
    slow = _slow_rows(monkeypatch)
    found = _same(data, "long.csv")
    assert isinstance(found, Parsed) and found.vendors == vendors
    assert slow == []  # not one vendor left to the row reader


def test_offers_and_integrators_are_read_by_the_row_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    vendors = market_scan(14, offers=True)  # the 14 demo vendors once each
    varied = [v for v in vendors if v.offers or v.integrators]
    # Halvardis, Chantelys, Kestrelys (offers); Maillonet, Praxelia, Quaivia (integrators).
    assert sorted(v.id.split("-0")[0] for v in varied) == [
        "chantelys",
        "halvardis",
        "kestrelys",
        "maillonet",
        "praxelia",
        "quaivia",
    ]
    slow = _slow_rows(monkeypatch)
    found = _same(dump_vendors(vendors, "csv"), "mixed.csv")
    assert isinstance(found, Parsed) and found.vendors == vendors
    # Only those six vendors' rows went to the row reader (their own table's rows).
    alone = read_csv(dump_vendors(varied, "csv"), "alone.csv", COLUMNS, REQUIRED)
    assert slow == [len(alone.rows)]


def test_the_same_project_from_both_readers() -> None:
    project = demo_project()
    data = dump_vendors(market_scan(30), "csv")
    rows, cols = _rows(data, "v.csv"), _columns(data, "v.csv")
    assert isinstance(rows, Parsed) and isinstance(cols, Parsed)
    one = Project.model_validate(project.model_copy(update={"vendors": rows.vendors}).model_dump())
    two = Project.model_validate(project.model_copy(update={"vendors": cols.vendors}).model_dump())
    assert one == two


def test_a_decimal_comma_is_never_read_as_thousands() -> None:
    head = "vendor_id;field;value\nv;name;V\nv;licence_model;subscription\n"
    found = read_vendors_bytes((head + "v;price.implementation;3,5\n").encode(), "v.csv")
    assert found[0].facts["price.implementation"].value == 3.5
    comma = "vendor_id,field,value\nv,name,V\nv,licence_model,subscription\n"
    data = (comma + 'v,price.implementation,"3,5"\n').encode()
    assert _same(data, "v.csv") == _rows(data, "v.csv")
    with pytest.raises(InputError) as info:
        read_vendors_bytes(data, "v.csv")
    assert info.value.problems[0].row == 4 and info.value.problems[0].field == "value"


def test_text_in_a_number_cell_is_refused_where_it_is() -> None:
    rows = [["v", "name", "V"], ["v", "licence_model", "subscription"]]
    rows += [["w", "name", "W"], ["w", "licence_model", "subscription"]]
    rows += [["w", "price.training", "douze"]]
    data = write_csv(["vendor_id", "field", "value"], rows, decimal_comma=True)
    refused = _same(data, "v.csv")
    assert isinstance(refused, list) and len(refused) == 1 and "douze" in refused[0]


#: Cells that try every rule: numbers in both conventions, ambiguous dots, quotes, words,
#: lists, dates, units, blanks, out-of-range values.
_CELLS = [
    "12",
    "3,5",
    "3.5",
    "4.125",
    "4.1250",
    "1 234,5",
    " 12 ",
    "'12",
    "007",
    "-1",
    "1e309",
    "nan",
    "150",
    "0.5",
    "oui",
    "TRUE",
    "non",
    "abc",
    "basic",
    "Standard",
    "iso27001|",
    "iso27001|soc2",
    "|",
    "2026-04-02",
    "02/04/2026",
    "2026-13-40",
    "€",
    "k€",
    "%",
    "claim",
    "rumour",
    "",
    "  ",
    "=1+1",
    "cloud|hosted",
    "subscription",
]
_FIELDS = [
    "name",
    "licence_model",
    "deployment",
    "sectors",
    "demo",
    "price.implementation",
    "price.maintenance_rate",
    "fit.sector_coverage",
    "fit.sector_references",
    "sec.mfa",
    "custom.configuration",
    "sec.certifications",
    "reviews.site",
    "facts.sec.sso",
    "made.up",
    "answers.r1",
    "risks.1.likelihood",
    "",
]


@st.composite
def _table(draw: st.DrawFn) -> list[list[str]]:
    vendors = draw(st.lists(st.sampled_from(["a", "b", "c", " a", ""]), min_size=1, max_size=4))
    rows = []
    for vendor in vendors:
        rows += [[vendor, "name", vendor.strip() or "x"], [vendor, "licence_model", "perpetual"]]
        for _ in range(draw(st.integers(0, 6))):
            cells = [draw(st.sampled_from(_CELLS)) for _ in range(8)]
            plain = draw(st.sampled_from(["12", "3.5", "0", "99.5", "60000"]))
            value = draw(st.sampled_from([plain, cells[0]]))
            rows.append([vendor, draw(st.sampled_from(_FIELDS)), value, *cells[1:]])
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_table(), st.booleans())
def test_hostile_tables_read_alike(rows: list[list[str]], french: bool) -> None:
    head = ["vendor_id", "field", "value", "low", "high", "count", "unit", "date", "evidence"]
    data = write_csv(head, [r[: len(head)] for r in rows], decimal_comma=french)
    _same(data, "h.csv")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_table())
def test_hostile_xlsx_sheets_read_alike(rows: list[list[str]]) -> None:
    head = ["vendor_id", "field", "value", "low", "high", "count", "unit", "date", "evidence"]
    typed: list[list[Any]] = []
    for row in rows:
        cells: list[Any] = [c if c.strip() else None for c in row[: len(head)]]
        if cells[2] in ("12", "0", "150"):
            cells[2] = int(cells[2])  # a number cell, as a spreadsheet stores it
        typed.append(cells)
    _same(write_xlsx("vendors", head, typed), "h.xlsx")


#: Facts of every type the vocabulary reads (money, share, whole number, yes/no, level, list).
_TYPED = [
    "price.implementation",
    "price.maintenance_rate",
    "fit.sector_references",
    "sec.mfa",
    "custom.configuration",
    "sec.certifications",
]
_HEAD = ["vendor_id", "field", "value", "low", "high", "count", "unit", "date", "evidence"]


@pytest.mark.parametrize("french", [True, False])
@pytest.mark.parametrize("column", ["value", "low", "high", "count", "unit", "date", "evidence"])
def test_every_hostile_cell_of_every_column_reads_alike(column: str, french: bool) -> None:
    base = [["v", "name", "V"], ["v", "licence_model", "subscription"]]
    for fact in _TYPED:
        for cell in _CELLS:
            row = dict.fromkeys(_HEAD, "")
            row.update(vendor_id="v", field=fact, value="12")
            row[column] = cell
            rows = [*base, [row[c] for c in _HEAD]]
            data = write_csv(_HEAD, [r + [""] * (len(_HEAD) - len(r)) for r in rows], french)
            _same(data, "one.csv")


def test_lists_of_one_length_and_columns_of_numbers_only_read_alike() -> None:
    head = ["vendor_id", "field", "value", "low"]
    rows: list[list[Any]] = []
    for vendor in ("a", "b"):
        rows += [[vendor, "name", vendor.upper(), 1], [vendor, "licence_model", "perpetual", 1]]
        rows += [[vendor, "sec.certifications", "iso27001|soc2", 1]]
        rows += [[vendor, "deployment", "cloud|hosted", 1]]
    _same(write_xlsx("vendors", head, rows), "n.xlsx")  # every low cell a number: refused
    data = write_csv(head[:3], [r[:3] for r in rows], decimal_comma=True)
    found = _same(data, "l.csv")
    assert isinstance(found, Parsed)
    assert found.vendors[1].facts["sec.certifications"].value == ["iso27001", "soc2"]


@pytest.mark.parametrize("french", [True, False])
def test_level_ranges_read_alike_and_the_fast_way_when_they_fit(
    french: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A level fact's range (``custom.configuration``: basic < standard < advanced) reads
    the same both ways; ranges that fit stay on the fast way, the others are refused
    exactly as the row reader refuses them."""
    base = [["v", "name", "V"], ["v", "licence_model", "subscription"]]
    good = [
        ["v", "custom.configuration", "standard", "basic", "advanced"],
        ["v", "custom.upgrade_safety", "managed", "MANUAL", "managed"],
    ]
    data = write_csv(_HEAD[:5], base + good, french)
    slow: list[int] = []
    real = vendor_columns.from_table
    monkeypatch.setattr(
        vendor_columns, "from_table", lambda t, *a: slow.append(len(t.rows)) or real(t, *a)
    )
    found = _same(data, "levels.csv")
    assert isinstance(found, Parsed) and slow == []
    facts = found.vendors[0].facts
    assert facts["custom.configuration"].level_range == ("basic", "advanced")
    assert facts["custom.upgrade_safety"].level_range == ("MANUAL", "managed")
    for low, high in [
        ("advanced", "advanced"),
        ("basic", ""),
        ("", "advanced"),
        ("superb", "advanced"),
        ("basic", "12"),
        ("=1+1", "advanced"),
    ]:
        row = ["v", "custom.configuration", "standard", low, high]
        refused = _same(write_csv(_HEAD[:5], [*base, row], french), "bad.csv")
        assert isinstance(refused, list) and len(refused) == 1
