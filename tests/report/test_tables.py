"""XLSX, CSV and Markdown outputs: typed cells, no formula, neutralised and escaped text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from erp_select.report import render_from
from erp_select.report.compute import ReportInputs
from erp_select.report.tables import DANGEROUS_START, md_escape, neutralise
from tests.report.conftest import HOSTILE_NAMES

CALC = "=cmd|' /C calc'!A0"


@pytest.fixture(scope="module")
def xlsx_bytes(hostile_inputs: ReportInputs) -> bytes:
    return render_from(hostile_inputs, "xlsx", "fr")


@pytest.fixture(scope="module")
def md_text(hostile_inputs: ReportInputs) -> str:
    return render_from(hostile_inputs, "md", "en").decode("utf-8")


# ---------------------------------------------------------------------------- XLSX


def test_xlsx_has_the_sheets_and_no_formula(xlsx_bytes: bytes) -> None:
    wb = load_workbook(io.BytesIO(xlsx_bytes))
    assert wb.sheetnames == [
        "À propos",
        "Classement",
        "Données",
        "Valeurs",
        "Poids",
        "Filtrage",
        "Sensibilité",
        "Coûts",
        "Valeurs ajustées",
        # The example project carries an adopted demo round, so its before/after has a sheet.
        "Démonstrations avant-après",
        "Risques",  # the demo vendors have risk registers
    ]
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    # No formula element anywhere in the saved XML either.
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name


def test_xlsx_stores_formula_like_names_as_text(xlsx_bytes: bytes) -> None:
    wb = load_workbook(io.BytesIO(xlsx_bytes))
    ranking = wb["Classement"]
    names = {row[2].value: row[2] for row in ranking.iter_rows(min_row=2)}
    cell = names["'" + CALC]
    assert cell.data_type == "s"
    assert "'" + HOSTILE_NAMES["ardoisine"] not in names  # excluded: not in the ranking
    inputs = wb["Données"]
    seen = {row[1].value for row in inputs.iter_rows(min_row=2)}
    # Halvardis and Kestrelys are ranked by offer: « <name> — <offer> », still neutralised.
    for name in (CALC, HOSTILE_NAMES["halvardis"], HOSTILE_NAMES["ardoisine"]):
        assert any(str(s).startswith("'" + name) for s in seen)
        assert not any(str(s).startswith(name) for s in seen)
    # a leading tab is neutralised too
    assert any(str(s).startswith("'" + HOSTILE_NAMES["kestrelys"]) for s in seen)


def test_xlsx_numbers_are_numbers(xlsx_bytes: bytes, hostile_inputs: ReportInputs) -> None:
    wb = load_workbook(io.BytesIO(xlsx_bytes))
    ranking = wb["Classement"]
    rows = list(ranking.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(hostile_inputs.order)
    for rank, _vid, _name, score, tco, low, high, share, _eff, benefit, ranked, _notes, _ev in rows:
        assert isinstance(ranked, int | float)
        assert isinstance(rank, int)
        # Whole numbers read back as int: what matters is that no number is text.
        assert all(isinstance(x, int | float) for x in (score, tco, low, high, benefit))
        assert isinstance(share, int | float) and 0.0 <= share <= 1.0
        assert low <= tco <= high
    values = wb["Valeurs"]
    body = list(values.iter_rows(min_row=2, values_only=True))
    assert len(body) == len(hostile_inputs.project.vendors)
    assert all(isinstance(x, int | float) for row in body for x in row[2:])
    about = {r[0]: r[1] for r in wb["À propos"].iter_rows(min_row=2, values_only=True)}
    assert about["Empreinte des données (SHA-256)"] == hostile_inputs.fingerprint


def test_openpyxl_alone_would_write_a_formula() -> None:
    """Why the writer sets the type: openpyxl turns a plain '=' string into a formula."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = CALC
    assert ws["A1"].data_type == "f"


# ----------------------------------------------------------------------------- CSV


@pytest.mark.parametrize("lang,delimiter", [("fr", ";"), ("en", ",")])
def test_csv_ranking_is_neutralised(
    hostile_inputs: ReportInputs, lang: str, delimiter: str
) -> None:
    data = render_from(hostile_inputs, "csv", lang)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))
    header, body = rows[0], rows[1:]
    assert len(body) == len(hostile_inputs.project.vendors)
    for row in body:
        assert len(row) == len(header)
        for cell in row:
            assert not cell.startswith(DANGEROUS_START), cell
    names = {row[2] for row in body}
    assert "'" + CALC in names
    assert "'" + HOSTILE_NAMES["ardoisine"] in names
    # Chantelys is ranked by edition: « <name> — Édition Essentiel », still neutralised.
    assert "'" + HOSTILE_NAMES["chantelys"] + " — Édition Essentiel" in names
    # Numbers stay numbers in the language's notation.
    first = body[0]
    score = first[4]
    assert re.fullmatch(r"0,\d+" if lang == "fr" else r"0\.\d+", score), score


# ------------------------------------------------------------------------ Markdown


def _cells(line: str) -> list[str]:
    """Split a Markdown table row on unescaped pipes."""
    inner = line.strip()[1:-1]
    return re.split(r"(?<!\\)\|", inner)


def test_markdown_table_has_one_row_per_vendor(md_text: str, hostile_inputs: ReportInputs) -> None:
    lines = md_text.splitlines()
    start = lines.index("## All vendors")
    table = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        table.append(line)
    header, rule, body = table[0], table[1], table[2:]
    assert set(rule) <= set("|-: ")
    assert len(body) == len(hostile_inputs.project.vendors)
    for row in body:
        assert len(_cells(row)) == len(_cells(header))
    # The backticks, the pipe and the newline of a name are all defused.
    row = next(r for r in body if "Title" in r)
    assert "\\`ticks\\`" in row and "\\|" in row and "second line" in row
    assert "\\<script\\>" in md_text
    assert "<script>" not in md_text


# -------------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_neutralise_never_starts_a_formula(text: str) -> None:
    out = neutralise(text)
    assert not out.startswith(DANGEROUS_START)
    assert out.removeprefix("'") == re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text) or (
        out == re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)
    )


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_md_escape_keeps_a_cell_on_one_line(text: str) -> None:
    out = md_escape(text)
    assert "\n" not in out and "\r" not in out
    assert not re.search(r"(?<!\\)\|", out.replace("\\\\", ""))
    assert not re.search(r"(?<!\\)`", out.replace("\\\\", ""))


def test_xlsx_about_sheet_names_the_reference_date(demo_inputs: ReportInputs) -> None:
    """The reference date the reviews were aged to is part of what reproduces the report."""
    book = load_workbook(io.BytesIO(render_from(demo_inputs, "xlsx", "en")))
    about = book.worksheets[0]
    pairs = {row[0]: row[1] for row in about.iter_rows(values_only=True)}
    # A date cell, shown in the reader's convention by the spreadsheet.
    as_of = pairs["Reference date (age of customer reviews)"]
    assert isinstance(as_of, dt.datetime)
    assert as_of.date() == demo_inputs.project.as_of


def test_a_rule_that_excludes_every_vendor_is_named_in_the_report() -> None:
    from erp_select.model import FactRule
    from erp_select.report.compute import compute
    from erp_select.report.context import build_content
    from erp_select.report.demo import demo_project
    from erp_select.report.tables import render_markdown

    project = demo_project()
    # Every demo vendor quotes an implementation above 1 €: this rule keeps nobody.
    rule = FactRule(fact="price.implementation", op="<=", value=1)
    company = project.company.model_copy(update={"must_haves": [rule]})
    project = project.model_copy(update={"company": company})
    inputs = compute(project, sensitivity_samples=50, generated=dt.date(2026, 5, 6))
    content = build_content(inputs, "fr")
    # Each offer and vendor × integrator pair is screened and counted as an option:
    # 14 vendors, 8 alone + 6 with two offers or two integrators each = 20.
    assert len(project.alternatives()) == 20
    (line,) = content.screening_warnings
    assert "exclut toutes les propositions (20 sur 20" in line
    md = render_markdown(content).decode("utf-8")
    assert "exclut toutes les propositions" in md


def test_xlsx_numbers_are_readable_in_the_spreadsheet(xlsx_bytes: bytes) -> None:
    # A board member opening the workbook read 0.5869975992866943 and 91000 (General format):
    # whole numbers are grouped, others shown to at most three decimals, the SMAA share as a
    # percentage — the cell keeps its exact value.
    wb = load_workbook(io.BytesIO(xlsx_bytes))
    ranking = wb["Classement"]
    header = [c.value for c in ranking[1]]
    share = header.index("En tête des simulations")
    for row in ranking.iter_rows(min_row=2):
        for c, cell in enumerate(row):
            if not isinstance(cell.value, float):
                continue
            if c == share:
                assert cell.number_format == "0.0%"
            elif cell.value.is_integer():
                assert cell.number_format == "#,##0"
            else:
                assert cell.number_format == "#,##0.0##"
    assert any(isinstance(c.value, float) for c in ranking[2])
