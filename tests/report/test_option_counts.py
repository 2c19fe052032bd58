"""With offers and vendor × integrator pairs, the report counts options and vendors apart."""

from __future__ import annotations

import pytest

from erp_select.report.compute import ReportInputs, compute
from erp_select.report.context import build_content
from erp_select.report.demo import demo_project
from erp_select.report.memo import build_memo


@pytest.fixture(scope="module")
def inputs() -> ReportInputs:
    return compute(demo_project(), sensitivity_samples=400)


def test_the_memo_and_the_summary_count_options_of_vendors(inputs: ReportInputs) -> None:
    # The example: 14 vendors written; Halvardis, Chantelys and Kestrelys have two offers
    # each and Maillonet, Praxelia and Quaivia two integrators each: 8 + 6 × 2 = 20 options.
    assert len(inputs.saved.vendors) == 14 and len(inputs.project.vendors) == 20
    fr = build_memo(inputs, "fr").question.replace("\u202f", " ")
    assert "20 propositions de 14 éditeurs" in fr and "20 éditeurs" not in fr
    en = build_memo(inputs, "en").question
    assert "20 options from 14 vendors" in en and "20 vendors" not in en
    counts = build_content(inputs, "fr").summary["counts"]
    assert counts.startswith("20 propositions de 14 éditeurs") and "20 éditeurs" not in counts


def test_the_board_ranking_note_counts_options(inputs: ReportInputs) -> None:
    from erp_select.report.board import board_view

    content = build_content(inputs, "fr", board=True)
    assert "des 20 propositions étudiées" in board_view(content).ranking_more


def test_the_vendor_sheets_scope_counts_options(inputs: ReportInputs) -> None:
    from erp_select.report.context import sheets_in_scope

    content = build_content(inputs, "fr", board=True)
    shortlist = sheets_in_scope(content, "shortlist").sheets_scope
    assert "Les fiches des 20 propositions" in shortlist and "20 éditeurs" not in shortlist
    every = sheets_in_scope(content, "all").sheets_scope
    assert every.startswith("Fiches des 20 propositions étudiées")
