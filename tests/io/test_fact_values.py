"""Vendor files checked against the fact vocabulary (erp_select.io.facts), in every format.

The expected values are worked by hand from the text written (the exact decimal value, the
declared ranges of erp_select/model/facts.yaml), never copied from the reader's output.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from openpyxl import Workbook

from erp_select.errors import InputError, Problem
from erp_select.i18n.parsing import NumberTextError
from erp_select.io import read_vendors_bytes
from erp_select.io.facts import read_number_text
from erp_select.io.vendors import load_vendors_checked

HEAD = "vendor_id;field;value;low;high\nv;name;V;;\nv;licence_model;perpetual;;\n"
HEAD_EN = HEAD.replace(";", ",")


def _csv(rows: str, sep: str = ";") -> bytes:
    head = HEAD if sep == ";" else HEAD_EN
    return (head + rows.replace(";", sep)).encode()


def _refused(data: bytes, name: str) -> list[Problem]:
    with pytest.raises(InputError) as info:
        read_vendors_bytes(data, name)
    return info.value.problems


def _yaml(facts: str) -> bytes:
    return ("id: v\nname: V\nlicence_model: perpetual\nfacts:\n" + facts).encode()


# ------------------------------------------------------------------- read exactly


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("250 000 €", 250_000),
        ("250\u00a0000", 250_000),
        ("250\u202f000 EUR", 250_000),
        ("1 234,5", 1234.5),
        ("30 k€", 30_000),
    ],
)
def test_french_money_in_a_semicolon_csv_is_read_to_its_exact_value(
    cell: str, value: float
) -> None:
    (vendor,) = read_vendors_bytes(_csv(f"v;price.implementation;{cell};;\n"), "v.csv")
    assert vendor.facts["price.implementation"].value == value


def test_money_written_as_text_in_yaml_is_read() -> None:
    (vendor,) = read_vendors_bytes(_yaml('  price.training: "250 000 €"\n'), "v.yaml")
    assert vendor.facts["price.training"].value == 250_000


def test_a_percentage_into_a_share_is_converted_exactly() -> None:
    # price.maintenance_rate is a share (0.18 = 18 %): "18 %" is 18/100, "12,5 %" 0.125.
    data = _csv("v;price.maintenance_rate;18 %;;\n")
    (vendor,) = read_vendors_bytes(data, "v.csv")
    assert vendor.facts["price.maintenance_rate"].value == 18 / 100
    (vendor,) = read_vendors_bytes(_csv("v;price.maintenance_rate;12,5 %;;\n"), "v.csv")
    assert vendor.facts["price.maintenance_rate"].value == 0.125


def test_a_percentage_in_percent_points_keeps_its_number() -> None:
    (vendor,) = read_vendors_bytes(_csv("v;fit.sector_coverage;82,5 %;;\n"), "v.csv")
    assert vendor.facts["fit.sector_coverage"].value == 82.5


def test_xlsx_text_cells_are_read_and_numbers_kept() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "vendors"
    sheet.append(["vendor_id", "field", "value", "low", "high"])
    sheet.append(["v", "name", "V"])
    sheet.append(["v", "licence_model", "perpetual"])
    sheet.append(["v", "price.implementation", "250 000 €", "200 000", 300000])
    sheet.append(["v", "price.training", 1234.5])
    out = io.BytesIO()
    book.save(out)
    (vendor,) = read_vendors_bytes(out.getvalue(), "v.xlsx")
    impl = vendor.facts["price.implementation"]
    assert (impl.value, impl.low, impl.high) == (250_000, 200_000, 300_000)
    assert vendor.facts["price.training"].value == 1234.5


# ------------------------------------------------------------------------ refused


def _one(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [p.render("en") for p in problems]
    return problems[0]


@pytest.mark.parametrize(
    ("cell", "rule"),
    [
        ("trente mille", "facts.number.not_a_number"),
        ("12,5 %", "facts.value.percent_in_money"),
        ("310.000", "facts.number.ambiguous_grouping"),
        ("250,000", "facts.number.ambiguous_comma"),
        ("-5", "facts.value.below_min"),
        ("oui", "facts.value.expected.money"),
        ("2026-01-31", "facts.value.expected.money"),
        ("31/01/2026", "facts.value.expected.money"),
        ("iso27001|hds", "facts.number.not_a_number"),
        ("9" * 5000, "facts.number.too_many_digits"),
    ],
)
def test_bad_money_in_a_csv_is_refused_and_located(cell: str, rule: str) -> None:
    problem = _one(_refused(_csv(f"v;price.implementation;{cell};;\n"), "v.csv"))
    assert (problem.rule, problem.source, problem.row, problem.field) == (
        rule,
        "v.csv",
        4,
        "value",
    )
    for lang in ("fr", "en"):
        text = problem.render(lang)
        assert "v.csv" in text and "4" in text and "{" not in text


def test_ambiguous_grouping_names_both_readings_in_french() -> None:
    problem = _one(_refused(_csv("v;price.implementation;310.000;;\n"), "v.csv"))
    text = problem.render("fr")
    assert "310\u202f000" in text and " 310 " in text and "ligne 4" in text


def test_comma_csv_refuses_a_decimal_comma_and_reads_thousands() -> None:
    problem = _one(_refused(_csv('v;impl.months;"3,5";;\n', ","), "v.csv"))
    assert problem.rule == "facts.number.comma_decimal"
    (vendor,) = read_vendors_bytes(_csv('v;price.training;"1,234";;\n', ","), "v.csv")
    assert vendor.facts["price.training"].value == 1234


def test_a_rating_above_its_scale_is_refused() -> None:
    problem = _one(_refused(_csv("v;reviews.site;9;;\n"), "v.csv"))
    assert problem.rule == "facts.value.above_max"
    assert "5" in problem.render("en")


def test_a_share_written_as_percent_points_is_refused_with_the_fix() -> None:
    problem = _one(_refused(_csv("v;price.maintenance_rate;18;;\n"), "v.csv"))
    assert problem.rule == "facts.value.above_share"
    assert "0,18" in problem.render("fr") and "18 %" in problem.render("fr")


@pytest.mark.parametrize(
    ("facts", "rule"),
    [
        ("  price.implementation: true\n", "facts.value.expected.money"),
        ("  price.implementation: 2026-01-31\n", "facts.value.expected.money"),
        ('  price.implementation: "trente mille"\n', "facts.number.not_a_number"),
        ("  price.implementation: -1\n", "facts.value.below_min"),
        ("  impl.months: [1, 2]\n", "facts.value.expected.number"),
        ("  sec.mfa: 1\n", "facts.value.expected.boolean"),
        ("  sec.data_location: mars\n", "facts.value.expected.level"),
        ("  reviews.site: {value: 4.5, low: 1, high: 6}\n", "facts.value.above_max"),
        ('  impl.months: "1,234"\n', "facts.number.ambiguous_context"),
        ('  price.training: "1,234"\n', "facts.number.ambiguous_comma"),
        ("  price.min_users: 2.5\n", "facts.value.not_integer"),
    ],
)
def test_wrong_types_and_ranges_in_yaml_are_refused_and_located(facts: str, rule: str) -> None:
    problems = _refused(_yaml(facts), "v.yaml")
    assert [p.rule for p in problems] == [rule]
    assert problems[0].row == 5


def test_levels_are_case_insensitive_and_lists_take_one_text() -> None:
    data = _yaml("  sec.data_location: EU\n  sec.certifications: iso27001\n")
    (vendor,) = read_vendors_bytes(data, "v.yaml")
    assert vendor.facts["sec.data_location"].value == "EU"
    assert vendor.facts["sec.certifications"].value == ["iso27001"]


def test_a_project_file_is_checked_too() -> None:
    from erp_select.catalogue import default_criteria, demo_vendors
    from erp_select.io import dump_project, read_project_bytes
    from erp_select.model import CompanyProfile, Project

    project = Project(
        company=CompanyProfile(sector="general", erp_users=50),
        criteria=default_criteria(),
        vendors=demo_vendors()[:2],
    )
    data: dict[str, Any] = json.loads(dump_project(project))
    data["vendors"][0]["facts"]["price.training"]["value"] = -10
    with pytest.raises(InputError) as info:
        read_project_bytes(json.dumps(data).encode(), "p.json")
    assert [p.rule for p in info.value.problems] == ["facts.value.below_min"]
    assert info.value.problems[0].field == f"vendors[{data['vendors'][0]['id']}]" + (
        ".facts.price.training.value"
    )


def test_all_or_nothing_every_refusal_reported() -> None:
    rows = "v;price.implementation;x;;\nv;price.training;-1;;\nv;sec.mfa;peut-être;;\n"
    problems = _refused(_csv(rows), "v.csv")
    assert [(p.row, p.rule) for p in problems] == [
        (4, "facts.number.not_a_number"),
        (5, "facts.value.below_min"),
        (6, "facts.value.expected.boolean"),
    ]


# ------------------------------------------------------------------------ warnings


def test_an_unknown_fact_is_a_warning_naming_the_nearest_key(tmp_path: Any) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes(_csv("v;price.implementaton;5;;\nv;zzz.qqq;1;;\n"))
    vendors, warnings = load_vendors_checked(path)
    assert [v.id for v in vendors] == ["v"]
    assert [(w.rule, w.row, w.value) for w in warnings] == [
        ("facts.unknown_fact_suggest", 4, "price.implementaton"),
        ("facts.unknown_fact", 5, "zzz.qqq"),
    ]
    assert "price.implementation" in warnings[0].render("fr")


def test_yaml_warnings_are_located(tmp_path: Any) -> None:
    path = tmp_path / "v.yaml"
    path.write_bytes(_yaml("  sec.mfaa: true\n"))
    _, warnings = load_vendors_checked(path)
    assert [(w.rule, w.row, w.params.get("suggestion")) for w in warnings] == [
        ("facts.unknown_fact_suggest", 5, "sec.mfa")
    ]


# ------------------------------------------------------------- no decimal convention


def test_without_a_convention_both_readings_must_agree() -> None:
    assert read_number_text("3,5", money=False, decimal_comma=None).value == 3.5
    assert read_number_text("1,234,567", money=False, decimal_comma=None).value == 1_234_567
    assert read_number_text("1 234,5", money=False, decimal_comma=None).value == 1234.5
    with pytest.raises(NumberTextError) as err:
        read_number_text("1,234", money=False, decimal_comma=None)
    assert err.value.key == "facts.number.ambiguous_context"
    with pytest.raises(NumberTextError) as err:
        read_number_text("250,000", money=True, decimal_comma=None)
    assert err.value.key == "facts.number.ambiguous_comma"


def _demo_project_data() -> dict[str, Any]:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    data: dict[str, Any] = json.loads((root / "examples" / "demo-project.json").read_text("utf-8"))
    return data


def test_a_project_rule_that_does_not_fit_its_fact_is_refused_and_located() -> None:
    from erp_select.io import read_project_bytes

    data = _demo_project_data()
    data["company"]["must_haves"].append(
        {"kind": "fact", "fact": "sec.mfa", "op": ">=", "value": 4}
    )
    index = len(data["company"]["must_haves"]) - 1
    with pytest.raises(InputError) as info:
        read_project_bytes(json.dumps(data, indent=1).encode(), "p.json")
    (problem,) = info.value.problems
    assert problem.rule == "facts.rule.needs_number"
    assert problem.field == f"company.must_haves[{index}].op"
    assert "sec.mfa" in problem.render("fr") and "un oui/non" in problem.render("fr")


def test_the_demo_project_loads_unchanged() -> None:
    from pathlib import Path

    from erp_select.io import load_project

    root = Path(__file__).resolve().parents[2]
    project = load_project(root / "examples" / "demo-project.json")
    assert len(project.vendors) == 14 and len(project.company.must_haves) == 4


def test_an_ambiguous_plain_yaml_float_in_a_numeric_fact_is_refused() -> None:
    # YAML itself reads 310.000 as 310.0; a person may have meant 310 000.
    problem = _one(_refused(_yaml("  price.implementation: 310.000\n"), "v.yaml"))
    assert (problem.rule, problem.row) == ("facts.number.ambiguous_grouping", 5)
    (vendor,) = read_vendors_bytes(_yaml("  price.implementation: 310.5\n"), "v.yaml")
    assert vendor.facts["price.implementation"].value == 310.5


def test_yaml_round_trip_of_a_three_decimal_value() -> None:
    from erp_select.io import dump_vendors

    (vendor,) = read_vendors_bytes(_yaml("  reviews.site: 4.1250\n"), "v.yaml")
    assert vendor.facts["reviews.site"].value == 4.125
    for fmt in ("yaml", "csv", "xlsx", "json"):
        assert read_vendors_bytes(dump_vendors([vendor], fmt), f"v.{fmt}") == [vendor]  # type: ignore[arg-type]
    assert read_vendors_bytes(dump_vendors([vendor], "csv", lang="fr"), "v.csv") == [vendor]


def test_an_ambiguous_yaml_float_elsewhere_keeps_its_value() -> None:
    from erp_select.io.criteria import read_criteria_bytes

    text = (
        "format: erp-select.criteria\ncriteria:\n"
        "  - {id: a, label: {fr: A, en: A}, weight: 1.125,"
        " value: {kind: linear, fact: x, worst: 0, best: 1}}\n"
        "  - {id: b, label: {fr: B, en: B}, weight: 2,"
        " value: {kind: linear, fact: y, worst: 0, best: 1}}\n"
    )
    tree = read_criteria_bytes(text.encode(), "c.yaml")
    assert tree.criteria[0].weight == 1.125


@pytest.mark.parametrize(
    ("unit", "rule"), [("k€", "facts.value.unit_not_euro"), ("$", "facts.value.unit_not_euro")]
)
def test_a_money_unit_column_that_would_change_the_amount_is_refused(unit: str, rule: str) -> None:
    # "250" with unit k€ would be counted as 250 € by the TCO: refused, not scaled.
    data = (
        "vendor_id;field;value;unit\nv;name;V;\nv;licence_model;perpetual;\n"
        f"v;price.implementation;250;{unit}\n"
    ).encode()
    problem = _one(_refused(data, "v.csv"))
    assert (problem.rule, problem.row, problem.field, problem.value) == (rule, 4, "unit", unit)


def test_a_share_with_a_percent_unit_is_refused_in_yaml() -> None:
    problem = _one(
        _refused(_yaml('  price.maintenance_rate: {value: 0.18, unit: "%"}\n'), "v.yaml")
    )
    assert problem.rule == "facts.value.unit_percent_share"


def test_euro_units_with_a_rate_are_accepted() -> None:
    data = _yaml('  price.subscription_user_month: {value: 79, unit: "€/user/month"}\n')
    (vendor,) = read_vendors_bytes(data, "v.yaml")
    assert vendor.facts["price.subscription_user_month"].value == 79


@pytest.mark.parametrize("cell", [dt.datetime(2026, 1, 31), True, "trente mille"])
def test_xlsx_dates_yes_no_and_words_in_money_are_refused(cell: object) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "vendors"
    sheet.append(["vendor_id", "field", "value"])
    sheet.append(["v", "name", "V"])
    sheet.append(["v", "licence_model", "perpetual"])
    sheet.append(["v", "price.training", cell])
    out = io.BytesIO()
    book.save(out)
    problem = _one(_refused(out.getvalue(), "v.xlsx"))
    assert problem.row == 4 and problem.field == "value"
    assert problem.rule in {"facts.value.expected.money", "facts.number.not_a_number"}


def test_a_share_below_one_above_its_max_reads_as_a_share_first() -> None:
    # 0,6 for a cap of at most 0,5 reads as 60 %: the message says so before offering the
    # 0,6 % reading, instead of only « écrivez 0,006 ».
    problem = _one(_refused(_csv("v;price.indexation_cap;0.6;;\n"), "v.csv"))
    assert problem.rule == "facts.value.above_share_small"
    fr = problem.render("fr")
    assert "60 %" in fr and "50 %" in fr and "0,006" in fr and "0,6 %" in fr


def test_percent_points_whose_share_is_still_too_high_get_no_impossible_fix() -> None:
    # 80 for a cap of at most 0,5: neither 80 nor 0,80 fits, so no « écrivez 0,8 ».
    problem = _one(_refused(_csv("v;price.indexation_cap;80;;\n"), "v.csv"))
    assert problem.rule == "facts.value.above_max_share"
    assert "0,8" not in problem.render("fr") and "50 %" in problem.render("fr")


def test_a_share_a_hair_above_its_max_is_written_without_binary_noise() -> None:
    fr = _one(_refused(_csv("v;price.indexation_cap;0.55;;\n"), "v.csv")).render("fr")
    assert "vaut 55 %" in fr and "0,0055" in fr
