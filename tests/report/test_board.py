"""The board PDF (the default): a short document, the vendors with a sheet only, facts in words."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from erp_select.report import render_from
from erp_select.report.board import HEAVIEST_CRITERIA, board_view
from erp_select.report.compute import ReportInputs, compute
from erp_select.report.context import build_content, sheets_in_scope
from tests.report.test_sheets import NEAR_MISSES, SHORTLIST, _project

DATE = dt.date(2026, 5, 6)


@pytest.fixture(scope="module")
def inputs() -> ReportInputs:
    return compute(_project(), sensitivity_samples=200, generated=DATE)


@pytest.fixture(scope="module")
def text(inputs: ReportInputs, tmp_path_factory: pytest.TempPathFactory) -> str:
    pdf = tmp_path_factory.mktemp("board") / "board.pdf"
    pdf.write_bytes(render_from(inputs, "pdf", "fr"))
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True)
    return " ".join(out.stdout.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_the_board_names_only_the_vendors_with_a_sheet(text: str) -> None:
    # ECHO is ranked 5th: neither shortlisted nor a near miss, so not in the board document
    # (the HTML report and the full PDF have it).
    assert "ECHO" not in text and "GOLF" not in text
    for name in SHORTLIST + NEAR_MISSES:
        assert name in text


def test_each_fact_is_printed_with_its_label_value_evidence_and_source(text: str) -> None:
    # By hand: ALPHA's coverage is 90 (no unit), a claim from its questionnaire (source 1).
    sheet = text[text.index("ALPHA —") if "ALPHA —" in text else text.rindex("ALPHA") :]
    assert re.search(r"Couverture : 90 \(déclaration de l'éditeur, 1\)", sheet), sheet[:600]
    assert "fit.coverage" not in text


def test_the_board_view_takes_its_rows_from_the_content(inputs: ReportInputs) -> None:
    content = build_content(inputs, "fr", board=True)
    full = build_content(inputs, "fr")
    board = board_view(sheets_in_scope(content, "shortlist"))
    # Only the shortlisted and near-miss vendors were formatted, every count still right.
    assert [v["name"] for v in content.vendors] == SHORTLIST + NEAR_MISSES
    assert sheets_in_scope(content, "shortlist").sheets_scope == (
        sheets_in_scope(full, "shortlist").sheets_scope
    )
    # The ranking rows are the full ranking's rows of the ranked vendors with a sheet.
    assert [r["name"] for r in board.ranking] == ["ALPHA", "BRAVO", "CHARLIE", "DELTA"]
    assert board.ranking == [r for r in full.ranking if r["name"] in [*SHORTLIST, "DELTA"]]
    # The heaviest leaf criteria, heaviest first, with the content's own figures.
    weights = [r["global_value"] for r in board.criteria]
    assert weights == sorted(weights, reverse=True)
    assert len(board.criteria) == min(HEAVIEST_CRITERIA, sum(r["leaf"] for r in full.criteria))
    lightest_shown = weights[-1]
    assert all(
        r["global_value"] <= lightest_shown
        for r in full.criteria
        if r["leaf"] and r not in board.criteria
    )


def test_the_full_report_is_one_option_away(inputs: ReportInputs, tmp_path: Path) -> None:
    pdf = tmp_path / "all.pdf"
    pdf.write_bytes(render_from(inputs, "pdf", "fr", appendix="all"))
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True)
    assert "ECHO" in out.stdout and "Filtrage par les critères éliminatoires" in out.stdout
