"""Bidi controls in names cannot reorder a report's text; charts that fail say so in place
(erp_select.report.isolate, the report's chart boundary)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from erp_select.model import Project
from erp_select.report import render_from
from erp_select.report.charts import ChartBatch, _Planned
from erp_select.report.compute import ReportInputs, compute
from erp_select.report.context import build_content
from erp_select.report.drawing import Job
from erp_select.report.html import render_html
from erp_select.report.isolate import isolate_texts
from tests.report.conftest import DATE, SAMPLES

RLO, PDF, FSI, PDI = "\u202e", "\u202c", "\u2068", "\u2069"
#: A right-to-left override left open: unisolated, it reverses the rest of its line.
EVIL = f"Acme {RLO}FDP exe"
ISOLATED = f"{FSI}Acme {RLO}FDP exe{PDF}{PDI}"
QUOTED = "'Quoted ERP"
#: Two demo vendors ranked alone (no offers, no integrators): their names are shown whole.
EVIL_ID, QUOTED_ID = "ardoisine", "ferronde"


@pytest.fixture(scope="module")
def bidi_inputs(demo: Project) -> ReportInputs:
    names = {EVIL_ID: EVIL, QUOTED_ID: QUOTED}
    vendors = [v.model_copy(update={"name": names.get(v.id, v.name)}) for v in demo.vendors]
    project = demo.model_copy(update={"vendors": vendors})
    return compute(project, sensitivity_samples=SAMPLES, generated=DATE)


def test_isolate_texts_leaves_a_project_without_bidi_untouched(demo: Project) -> None:
    assert isolate_texts(demo) is demo


def test_isolate_texts_isolates_names_but_not_data(bidi_inputs: ReportInputs) -> None:
    project = isolate_texts(bidi_inputs.project)
    assert project.vendor(EVIL_ID).name == ISOLATED
    assert project.vendor(EVIL_ID).facts == bidi_inputs.project.vendor(EVIL_ID).facts
    assert project.vendor(QUOTED_ID).name == QUOTED


@pytest.mark.parametrize("fmt", ["csv", "md", "html"])
def test_every_text_export_isolates_the_override(bidi_inputs: ReportInputs, fmt: str) -> None:
    text = render_from(bidi_inputs, fmt, "fr").decode("utf-8")
    assert ISOLATED in text
    # Every override the name opened is closed within the name.
    assert text.count(RLO) == text.count(f"{RLO}FDP exe{PDF}{PDI}")


def test_xlsx_isolates_the_override_and_keeps_an_apostrophe_verbatim(
    bidi_inputs: ReportInputs,
) -> None:
    wb = load_workbook(io.BytesIO(render_from(bidi_inputs, "xlsx", "en")))
    texts = {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    assert ISOLATED in texts
    assert EVIL not in texts
    assert QUOTED in texts and "'" + QUOTED not in texts


def test_csv_keeps_a_leading_apostrophe_verbatim(bidi_inputs: ReportInputs) -> None:
    text = render_from(bidi_inputs, "csv", "en").decode("utf-8-sig")
    assert f",{QUOTED}," in text or f";{QUOTED};" in text
    assert "'" + QUOTED not in text


def test_a_chart_that_cannot_be_drawn_says_so_in_its_place(demo_inputs: ReportInputs) -> None:
    bad = _Planned("stability", "Stabilité des poids", Job({"mark": 5}, {}, "svg"))
    chart = ChartBatch([bad], "fr").charts()["stability"]
    assert chart.error.startswith("Le graphique « Stabilité des poids » n'a pas pu être dessiné")
    assert "conversion failed" in chart.error
    html = render_html(build_content(demo_inputs, "fr"), {"stability": chart})
    assert chart.error.replace("'", "&#39;") in html
    assert 'alt="Stabilité des poids"' not in html  # no broken image
