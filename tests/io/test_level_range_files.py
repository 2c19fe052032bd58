"""A level fact's range (low and high levels) in YAML, JSON, CSV and XLSX: written, read back
the same, and refused where it is wrong (unknown level, low above high, a formula...)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from erp_select.errors import InputError, Problem
from erp_select.io import dump_vendors, read_vendors_bytes
from erp_select.model import Fact, VendorProfile

FACT = "custom.configuration"  # basic < standard < advanced (the fact vocabulary)


def _vendor(**facts: Fact) -> VendorProfile:
    return VendorProfile(id="v", name="V", licence_model="perpetual", facts=facts)


RANGED = _vendor(
    **{
        FACT: Fact(value="standard", low="basic", high="advanced", evidence="demo"),
        "custom.upgrade_safety": Fact(value="managed"),
        "impl.months": Fact(value=9.0, low=7.0, high=12.0),
    }
)


@pytest.mark.parametrize("fmt", ["yaml", "json", "csv", "xlsx"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_level_range_round_trips_in_every_format(fmt: str, lang: str) -> None:
    data = dump_vendors([RANGED], fmt, lang=lang)  # type: ignore[arg-type]
    (back,) = read_vendors_bytes(data, f"v.{fmt}")
    assert back == RANGED
    assert back.facts[FACT].level_range == ("basic", "advanced")
    assert back.facts["custom.upgrade_safety"].level_range is None


def test_the_yaml_writes_the_levels_as_low_and_high() -> None:
    text = dump_vendors([RANGED], "yaml").decode()
    assert "low: basic" in text and "high: advanced" in text


def _refused(data: bytes, name: str) -> list[Problem]:
    with pytest.raises(InputError) as info:
        read_vendors_bytes(data, name)
    return info.value.problems


def _yaml(fact: str) -> bytes:
    head = "id: v\nname: V\nlicence_model: perpetual\nfacts:\n"
    return (head + f"  {FACT}: {fact}\n").encode()


@pytest.mark.parametrize(
    ("fact", "rule", "field"),
    [
        ("{value: standard, low: superb, high: advanced}", "facts.value.expected.level", "low"),
        ("{value: standard, low: advanced, high: advanced}", "levels.range_order", "low"),
        ("{value: advanced, low: basic, high: standard}", "levels.range_order", "high"),
        ("{value: standard, low: basic}", "levels.range_both", "high"),
        ("{value: standard, low: 1, high: 3.5}", "facts.value.expected.level", "low"),
    ],
)
def test_a_bad_range_in_yaml_is_refused_where_it_is(fact: str, rule: str, field: str) -> None:
    problem, *others = _refused(_yaml(fact), "v.yaml")
    assert (problem.rule, problem.row, problem.source) == (rule, 5, "v.yaml")
    assert problem.field is not None and problem.field.endswith(field)
    assert all(p.rule == rule and p.row == 5 for p in others)  # each bad bound is said


def test_the_order_is_said_in_words() -> None:
    (problem,) = _refused(_yaml("{value: standard, low: advanced, high: advanced}"), "v.yaml")
    french = problem.render("fr")
    assert "basique < standard < avancé" in french and "avancé ≤ standard ≤ avancé" in french
    english = problem.render("en")
    assert "basic < standard < advanced" in english and "low ≤ value ≤ high" in english


def test_a_range_on_a_yes_no_fact_is_refused() -> None:
    head = "id: v\nname: V\nlicence_model: perpetual\nfacts:\n"
    data = (head + "  sec.mfa: {value: true, low: false, high: true}\n").encode()
    rules = {p.rule for p in _refused(data, "v.yaml")}
    assert "levels.range_kind" in rules


CSV_HEAD = "vendor_id;field;value;low;high\nv;name;V;;\nv;licence_model;perpetual;;\n"


@pytest.mark.parametrize(
    ("row", "rule", "field"),
    [
        ("standard;superb;advanced", "facts.value.expected.level", "low"),
        ("standard;advanced;advanced", "levels.range_order", "low"),
        ("advanced;basic;standard", "levels.range_order", "high"),
        ("standard;;advanced", "levels.range_both", "low"),
        ("standard;basic;12", "facts.value.expected.level", "high"),
    ],
)
def test_a_bad_range_in_a_csv_is_refused_where_it_is(row: str, rule: str, field: str) -> None:
    data = (CSV_HEAD + f"v;{FACT};{row}\n").encode()
    (problem,) = _refused(data, "v.csv")
    assert (problem.rule, problem.row, problem.field) == (rule, 4, field)


def _xlsx(*cells: object) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "vendors"
    sheet.append(["vendor_id", "field", "value", "low", "high"])
    sheet.append(["v", "name", "V"])
    sheet.append(["v", "licence_model", "perpetual"])
    sheet.append(["v", FACT, *cells])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_range_of_levels_reads_in_any_case() -> None:
    (vendor,) = read_vendors_bytes(_xlsx("Standard", "BASIC", "advanced"), "v.xlsx")
    assert vendor.facts[FACT].level_range == ("BASIC", "advanced")


@pytest.mark.parametrize(
    ("cells", "field"),
    [
        (("standard", "=A1", "advanced"), "low"),
        (("standard", "basic", 3), "high"),
        (("standard", "advanced", "basic"), "low"),
    ],
)
def test_hostile_xlsx_range_cells_are_refused_where_they_are(
    cells: tuple[object, ...], field: str
) -> None:
    problems = _refused(_xlsx(*cells), "v.xlsx")
    assert [(p.row, p.field) for p in problems] == [(4, field)]
    assert all(p.source == "v.xlsx" for p in problems)
