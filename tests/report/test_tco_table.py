"""The report's TCO table: each line for each year, the horizon range, the NPV, the terms."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from erp_select.i18n import fmt_money
from erp_select.model import CostTerms
from erp_select.report import render_from
from erp_select.report.compute import ReportInputs, compute
from erp_select.report.context import build_content
from tests.conftest import make_project, make_vendor

TERMS = CostTerms(
    indexation=0.03, user_growth=0.10, internal_day_cost=400, discount_rate=0.05, contingency=0.1
)


@pytest.fixture(scope="module")
def inputs() -> ReportInputs:
    """The hand-worked case of tests/evaluate/test_tco_terms.py, and a cheaper rival."""
    a = make_vendor(
        "a",
        price__subscription_user_month=100,
        price__platform_year=1000,
        price__implementation=20000,
        price__training=2000,
        price__migration=5000,
        price__interfaces=3,
        price__interface_unit=1500,
        price__internal_days=20,
    )
    b = make_vendor("b", price__subscription_user_month=80)
    project = make_project([a, b], horizon_years=3, costs=TERMS)
    return compute(project, sensitivity_samples=50, generated=dt.date(2026, 5, 6))


def test_the_table_has_each_year_each_line_and_the_present_value(inputs: ReportInputs) -> None:
    content = build_content(inputs, "fr")
    row = next(c for c in content.costs if c["id"] == "a")
    table = row["table"]
    assert table["years"] == ["Année 1", "Année 2", "Année 3"]
    names = [line["name"] for line in table["lines"]]
    # The base lines always, the new ones where they cost something (no hardware here).
    assert names[:8] == [
        "Abonnement",
        "Licences",
        "Maintenance",
        "Redevance de plateforme",
        "Hébergement",
        "Mise en œuvre",
        "Adaptations",
        "Formation",
    ]
    assert names[8:] == [
        "Reprise des données",
        "Interfaces",
        "Temps interne",
        "Provision pour aléas",
    ]
    # Hand-worked (see the evaluate test): 56 450, 14 626, 16 337,86 → NPV 85 198,44.
    by_year = [cell["likely"] for cell in table["total"]["years"]]
    assert by_year == [fmt_money(x, "fr") for x in (56_450, 14_626, 16_337.86)]
    subscription = table["lines"][0]["years"]
    assert subscription[1]["likely"] == fmt_money(13_596, "fr")
    present = table["present"]
    assert present is not None
    assert present["name"] == "Valeur actuelle nette au taux de 5\u00a0%"
    assert present["likely"] == fmt_money(85_198.444444, "fr") == row["likely"]
    assert any("indexés de 3\u00a0% par an" in s for s in content.cost_terms)
    assert any("10 → 11 → 12" in s for s in content.cost_terms)


def test_english_html_and_workbook_show_the_years(inputs: ReportInputs) -> None:
    html = render_from(inputs, "html", "en").decode("utf-8")
    assert "Year 3" in html and "Net present value at 5%" in html
    assert "Internal staff time" in html and "Contingency" in html
    wb = load_workbook(io.BytesIO(render_from(inputs, "xlsx", "fr")))
    sheet = next(ws for ws in wb.worksheets if ws["C1"].value == "Poste")
    header = [c.value for c in sheet[1]]
    assert header[-3:] == ["Année 1", "Année 2", "Année 3"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    total = next(r for r in rows if r[0] == "a" and r[2] == "Total")
    assert total[-3:] == pytest.approx([56_450, 14_626, 16_337.86])
    present = next(r for r in rows if r[0] == "a" and str(r[2]).startswith("Valeur actuelle"))
    assert present[4] == pytest.approx(85_198.444444)
