"""The board PDF's vendor pages carry each vendor's contract terms and viability; the body
keeps the risk register only; the app starts chart workers only for a report that draws."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from erp_select.model import Project
from erp_select.report import render_from
from erp_select.report.board import board_view
from erp_select.report.compute import ReportInputs, compute
from erp_select.report.context import build_content, sheets_in_scope
from erp_select.report.formats import draws_charts
from tests.conftest import make_project, make_vendor

DATE = dt.date(2026, 5, 6)
CONTRACT = {"source": "Contrat signé", "evidence": "contract"}
CLAIM = {"source": "Questionnaire", "evidence": "claim"}


def _project() -> Project:
    alpha = make_vendor(
        "alpha",
        fit__coverage={"value": 90, **CLAIM},
        contract__exit_clause={"value": True, **CONTRACT},
        contract__notice_months={"value": 3, "unit": "months", **CONTRACT},
        viability__employees={"value": 120, "unit": "employees", **CLAIM},
        price__subscription_user_month=50,
    )
    bravo = make_vendor(
        "bravo",
        fit__coverage={"value": 70, **CLAIM},
        contract__exit_clause={"value": False, **CLAIM},
        price__subscription_user_month=40,
    )
    return make_project([alpha, bravo], as_of=DATE)


@pytest.fixture(scope="module")
def inputs() -> ReportInputs:
    return compute(_project(), sensitivity_samples=200, generated=DATE)


def test_each_sheet_opens_with_its_own_contract_terms_and_viability(
    inputs: ReportInputs,
) -> None:
    content = sheets_in_scope(build_content(inputs, "fr", board=True), "shortlist")
    facts = board_view(content).facts
    names = {v["name"]: v["id"] for v in content.vendors}
    alpha = dict(facts[names["ALPHA"]])
    # By hand: ALPHA's two contract facts come from the same contract (source 2 of its
    # sheet: sources are numbered in the order the facts are read), so the proof closes
    # the run once; its head count is a claim of its questionnaire (source 1).
    lines = list(alpha)
    assert lines[:2] == ["Contrat et réversibilité", "Pérennité de l'éditeur"]
    assert alpha["Contrat et réversibilité"] == (
        "Clause de sortie anticipée : oui ; Préavis de résiliation : 3\u00a0mois "
        "(inscrit au contrat, 2)"
    ), alpha
    assert alpha["Pérennité de l'éditeur"] == (
        "Effectif de l'éditeur : 120\u00a0salariés (déclaration de l'éditeur, 1)"
    )
    # BRAVO's page has BRAVO's clause, not ALPHA's; it states no viability fact.
    bravo = dict(facts[names["BRAVO"]])
    assert bravo["Contrat et réversibilité"] == (
        "Clause de sortie anticipée : non (déclaration de l'éditeur, 1)"
    )
    assert "Pérennité de l'éditeur" not in bravo
    # A fact moved to the terms is not printed a second time under its family.
    rest = " ".join(line for name, line in facts[names["ALPHA"]][2:])
    assert "Clause de sortie" not in rest and "Effectif" not in rest


@pytest.fixture(scope="module")
def pages(inputs: ReportInputs, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    pdf = tmp_path_factory.mktemp("terms") / "board.pdf"
    pdf.write_bytes(render_from(inputs, "pdf", "fr"))
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True)
    text = out.stdout.replace("\u00a0", " ").replace("\u202f", " ")
    return [" ".join(page.split()) for page in text.split("\f")]


def test_the_body_has_no_contract_table_and_each_page_its_terms(pages: list[str]) -> None:
    text = " ".join(pages)
    body = text[: text.index("Fiches des éditeurs")]
    # The former body table's heading and row labels are gone from the body.
    assert "Contrat et réversibilité" not in body
    assert "Clause de sortie anticipée" not in body
    sheets = text[text.index("Fiches des éditeurs") :]
    alpha = sheets[sheets.index("ALPHA") : sheets.index("BRAVO")]
    bravo = sheets[sheets.index("BRAVO") : sheets.index("Notes de méthode")]
    assert "Contrat et réversibilité — Clause de sortie anticipée : oui ;" in alpha, alpha
    assert "Contrat et réversibilité — Clause de sortie anticipée : non (" in bravo, bravo


def test_only_the_reports_that_draw_start_chart_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    # By hand: the HTML report and the full PDF draw Vega-Lite charts; the board PDF, the
    # memo and the tables draw none.
    assert draws_charts("html") and draws_charts("pdf", "all") and draws_charts("PDF", "ALL")
    assert not draws_charts("pdf") and not draws_charts("pdf", "shortlist")
    assert not any(draws_charts(fmt, "all") for fmt in ("memo", "xlsx", "csv", "md"))

    from erp_select.app import compute as app_compute

    started: list[str] = []
    monkeypatch.setattr(app_compute, "prestart", lambda: started.append("start"))
    monkeypatch.setattr(app_compute, "_suite", lambda *args: None)
    monkeypatch.setattr(app_compute, "render_from", lambda *args, **kwargs: b"")
    key = (200, 1, DATE.isoformat())
    for fmt, appendix in (("pdf", "shortlist"), ("memo", "shortlist"), ("xlsx", "all")):
        app_compute._report("{}", key, fmt, "fr", appendix)
    assert started == []
    app_compute._report("{}", key, "pdf", "fr", "all")
    app_compute._report("{}", key, "html", "fr", "shortlist")
    assert started == ["start", "start"]


def test_the_board_formats_no_cost_line_it_does_not_print(inputs: ReportInputs) -> None:
    board = build_content(inputs, "fr", board=True)
    full = build_content(inputs, "fr")
    # The board PDF prints each vendor's totals only: no cost line, no year-by-year table.
    assert all(r["components"] == [] and r["table"] is None for r in board.costs)
    assert all(r["components"] and r["table"] is not None for r in full.costs)
    # Its totals are the full content's, figure for figure.
    keys = ("one_off", "recurring", "first_year", "low", "likely", "high")
    assert [[r[k] for k in keys] for r in board.costs] == [[r[k] for k in keys] for r in full.costs]
