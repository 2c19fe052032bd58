"""The TCO's inputs through every door: vendor files (four formats), project files, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from erp_select.cli import run
from erp_select.errors import InputError
from erp_select.evaluate import tco
from erp_select.io import dump_project, dump_vendors, load_vendors, read_vendors_bytes
from erp_select.io.project import read_project_bytes
from erp_select.model import CostTerms
from erp_select.model.fingerprint import fingerprint
from tests.conftest import make_project, make_vendor

ROOT = Path(__file__).resolve().parents[2]
CRITERIA = str(ROOT / "criteria" / "default.yaml")
NEW_FACTS = {
    "price.indexation_cap": 0.025,
    "price.migration": 12_000.0,
    "price.interfaces": 3,
    "price.interface_unit": 2_500.0,
    "price.hardware": 8_000.0,
    "price.internal_days": 45.5,
}


@pytest.mark.parametrize("fmt", ["yaml", "json", "csv", "xlsx"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_new_cost_facts_read_back_in_every_format(fmt: str, lang: str) -> None:
    vendor = make_vendor("acme", **{k.replace(".", "__"): v for k, v in NEW_FACTS.items()})
    data = dump_vendors([vendor], fmt, lang=lang)  # type: ignore[arg-type]
    (back,) = read_vendors_bytes(data, f"acme.{fmt}")
    assert {k: back.facts[k].value for k in NEW_FACTS} == NEW_FACTS


FRENCH_CSV = (
    "vendor_id;field;value;unit;source;evidence\n"
    "acme;name;Acmé;;;\n"
    "acme;licence_model;subscription;;;\n"
    "acme;price.indexation_cap;{cap};;Contrat, article 9;contract\n"
    "acme;price.interfaces;{count};;;\n"
    "acme;price.migration;12 000;€;Devis;claim\n"
)


def test_french_csv_reads_a_percentage_cap_and_refuses_bad_values_where_they_are(
    tmp_path: Path,
) -> None:
    good = tmp_path / "good.csv"
    good.write_text(FRENCH_CSV.format(cap="2,5 %", count="3"), encoding="utf-8")
    (vendor,) = load_vendors(good)
    assert vendor.facts["price.indexation_cap"].value == pytest.approx(0.025)
    assert vendor.facts["price.migration"].value == 12_000
    bad = tmp_path / "bad.csv"
    bad.write_text(FRENCH_CSV.format(cap="0,6", count="2,5"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_vendors(bad)
    located = {(p.row, p.field, p.value) for p in info.value.problems}
    assert located == {(4, "value", "0,6"), (5, "value", "2,5")}
    french = " ".join(info.value.lines("fr"))
    assert "ligne 4" in french and "ligne 5" in french and "nombre entier" in french


TERMS = {
    "indexation": 0.03,
    "user_growth": 0.1,
    "internal_day_cost": 450.0,
    "discount_rate": 0.05,
    "contingency": 0.1,
}


def test_cost_terms_round_trip_in_json_and_yaml_project_files() -> None:
    project = make_project(
        [make_vendor("a", price__subscription_user_month=40)], costs=CostTerms(**TERMS)
    )
    data = dump_project(project)
    assert json.loads(data)["company"]["costs"] == TERMS
    assert read_project_bytes(data, "p.json") == project
    as_yaml = yaml.safe_dump(json.loads(data), allow_unicode=True).encode()
    assert read_project_bytes(as_yaml, "p.yaml").company.costs == CostTerms(**TERMS)


def test_default_terms_keep_project_files_and_fingerprints_as_before() -> None:
    vendors = [make_vendor("a", price__subscription_user_month=40)]
    plain = make_project(vendors)
    explicit = make_project(vendors, costs=CostTerms())
    assert "costs" not in json.loads(dump_project(plain))["company"]
    assert fingerprint(plain) == fingerprint(explicit)
    # A project written before the cost terms existed reads with flat prices.
    assert read_project_bytes(dump_project(plain), "old.json").company.costs.is_default


@pytest.mark.parametrize(
    ("term", "value", "rule"),
    [
        ("indexation", 3, "io.pydantic.less_than_equal"),
        ("user_growth", -0.1, "io.pydantic.greater_than_equal"),
        ("discount_rate", "cinq", "io.pydantic.float_parsing"),
        ("contingency", 1.5, "io.pydantic.less_than_equal"),
        ("internal_day_cost", float("nan"), "io.pydantic.finite_number"),
    ],
)
def test_bad_cost_terms_are_refused_with_their_path(term: str, value: object, rule: str) -> None:
    data = json.loads(dump_project(make_project([make_vendor("a")])))
    data["company"]["costs"] = {term: value}
    with pytest.raises(InputError) as info:
        read_project_bytes(json.dumps(data).encode(), "p.json")
    (problem,) = info.value.problems
    assert (problem.rule, problem.field) == (rule, f"company.costs.{term}")
    assert "p.json" in problem.render("fr") and f"company.costs.{term}" in problem.render("en")


def test_cli_cost_options_give_the_suite_s_tco(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vendor = make_vendor("acme", price__subscription_user_month=100, price__platform_year=1000)
    folder = tmp_path / "vendors"
    folder.mkdir()
    (folder / "acme.yaml").write_bytes(dump_vendors([vendor], "yaml"))
    args = ["rank", "--criteria", CRITERIA, "--vendors", str(folder), "--format", "json"]
    options = ["--users", "10", "--horizon", "3", "--indexation", "0.03"]
    options += ["--user-growth", "0.1", "--discount-rate", "0.05"]
    assert run([*args, *options]) == 0
    (row,) = json.loads(capsys.readouterr().out)["ranking"]
    # By hand: 12 000 + 1 000; (13 596 + 1 030) / 1,05; (15 276,96 + 1 060,90) / 1,05²
    # = 13 000 + 13 929,523810 + 14 818,920635 = 41 748,444444.
    assert row["tco"] == pytest.approx(41_748.444444)
    terms = CostTerms(indexation=0.03, user_growth=0.1, discount_rate=0.05)
    assert row["tco"] == pytest.approx(tco(vendor, 10, 3, terms=terms).total.likely)


def test_cli_refuses_a_rate_given_in_percent_points(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--lang", "fr", "rank", "--criteria", CRITERIA, "--vendors", str(ROOT / "vendors")]
    assert run([*args, "--indexation", "3"]) == 2
    err = capsys.readouterr().err
    assert "« --indexation »" in err and "0,5" in err and "3.0" not in err
