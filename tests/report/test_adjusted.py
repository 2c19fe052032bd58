"""Every report format marks a filled missing value and gives its reason, the same way."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from erp_select.evaluate.adjustments import MARK
from erp_select.model import CriteriaTree, Project
from erp_select.report import render_from
from erp_select.report.compute import ReportInputs, compute
from tests.conftest import make_project, make_vendor, text

# The fact in words, from the fact vocabulary (never its id, impl.months).
NOTE_FR = "valeur manquante (Délai de mise en œuvre) : comptée comme la pire des autres éditeurs"


def _tree() -> CriteriaTree:
    return CriteriaTree.model_validate(
        {
            "criteria": [
                {
                    "id": "months",
                    "label": text("Implementation time", "Durée de mise en œuvre"),
                    "weight": 3,
                    "direction": "cost",
                    "unit": "mois",
                    "value": {"kind": "fact", "fact": "impl.months"},
                },
                {
                    "id": "coverage",
                    "label": text("Coverage", "Couverture"),
                    "weight": 2,
                    "value": {"kind": "linear", "fact": "fit.coverage", "worst": 0, "best": 100},
                },
                {
                    "id": "sla",
                    "label": text("Support SLA", "Engagement de support"),
                    "weight": 1,
                    "value": {"kind": "boolean", "fact": "sec.sla"},
                },
            ]
        }
    )


def _project() -> Project:
    # C states no implementation time; nobody states the SLA.
    vendors = [
        make_vendor("a", impl__months=4, fit__coverage=50),
        make_vendor("b", impl__months=6, fit__coverage=90),
        make_vendor("c", fit__coverage=70),
    ]
    return make_project(vendors, criteria=_tree()).model_copy(update={"method": "wsm"})


@pytest.fixture(scope="module")
def inputs() -> ReportInputs:
    return compute(_project(), sensitivity_samples=200)


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ").replace("\\", "")


def test_markdown_marks_the_cell_and_gives_the_reason(inputs: ReportInputs) -> None:
    md = _plain(render_from(inputs, "md", "fr").decode("utf-8"))
    assert f"† C — Durée de mise en œuvre : 6 mois pour le classement ; {NOTE_FR}" in md
    assert "Aucun éditeur retenu n'a de valeur pour le critère « Engagement de support »" in md


def test_csv_carries_the_note_and_the_warning(inputs: ReportInputs) -> None:
    data = render_from(inputs, "csv", "fr").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data), delimiter=";"))
    header, body = rows[0], rows[1:]
    notes = header.index("Notes")
    by_vendor = {r[1]: r for r in body if r[1]}
    assert NOTE_FR in _plain(by_vendor["c"][notes])
    assert "Durée" not in by_vendor["a"][notes]  # A states its time (not its SLA)
    assert any("Engagement de support" in r[notes] for r in body if not r[1])


def test_xlsx_marks_the_number_and_lists_the_reason(inputs: ReportInputs) -> None:
    wb = load_workbook(io.BytesIO(render_from(inputs, "xlsx", "fr")))
    values = wb["Valeurs"]
    header = [c.value for c in values[1]]
    col = header.index("Durée de mise en œuvre")
    row = next(r for r in values.iter_rows(min_row=2) if r[0].value == "c")
    cell: Any = row[col]
    assert cell.value == 6  # still a number
    assert MARK in cell.number_format
    assert NOTE_FR in _plain(cell.comment.text)
    plain = next(r for r in values.iter_rows(min_row=2) if r[0].value == "a")[col]
    assert MARK not in plain.number_format
    adjusted = list(wb["Valeurs ajustées"].iter_rows(min_row=2, values_only=True))
    c_rows = [r for r in adjusted if r[0] == "c" and r[2] == "Durée de mise en œuvre"]
    assert len(c_rows) == 1 and c_rows[0][3] is None and c_rows[0][4] == 6
    about = [r for r in wb["À propos"].iter_rows(values_only=True) if r[0] == "Avertissements"]
    assert about and "Engagement de support" in str(about[0][1])


def test_html_marks_the_cell_and_gives_the_reason(inputs: ReportInputs) -> None:
    html = _plain(render_from(inputs, "html", "fr").decode("utf-8"))
    assert "Valeurs ajustées pour le classement" in html
    assert NOTE_FR.replace("'", "&#39;") in html or NOTE_FR in html
    assert "Engagement de support" in html


def test_a_cost_range_with_equal_ends_is_not_printed_as_a_range() -> None:
    # The PDF read « 201 300 € – 201 300 € » for a cost taken as it is (walk in Chromium).
    from erp_select.report.adjusted import _range

    assert _range(201_300, 201_300, "fr") == "sans fourchette (montant retenu tel quel)"
    assert _range(201_300, 201_300, "en") == "no range (the amount is taken as it is)"
    assert _range(1_000, 2_000, "fr") == "1\u202f000\u00a0€ – 2\u202f000\u00a0€"
