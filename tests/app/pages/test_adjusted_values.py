"""AppTest: a value ranked differently from its facts shows both figures and the reason.

The example project's Velocitra is priced suspiciously low: its 5-year cost is 91 000 € from
its facts and the ranking counts 201 300 € (the floor, half the peers' median of
366 000 €, plus the 10 % penalty: 0.5 × 366 000 × 1.1). The vendors page, the ranking page
and the report must write that figure and its reason the same way.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from erp_select.i18n import t
from erp_select.io import dump_project, load_project
from erp_select.model import Project

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "demo-project.json"
PAGES = ROOT / "erp_select" / "app" / "pages"
TIMEOUT = 60

# 0.5 × 366 000 € (median of Velocitra's 13 peers) × 1.1, written by hand.
VELOCITRA_FR = "91\u202f000\u00a0€ → 201\u202f300\u00a0€ †"
REASON_FR = "prix anormalement bas"


def _script(page: str, project_file: str) -> None:
    """Open ``project_file`` as the visitor's project (once), then run ``page``."""
    import runpy

    from erp_select.app import state, widgets
    from erp_select.io import load_project

    widgets.language_switch()
    if state.project() is None:
        state.set_project(load_project(project_file), message="test")
    runpy.run_path(page, run_name="__main__")


def _page(name: str, project_file: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ERP_SELECT_NO_STORE", "1")
    monkeypatch.delenv("ERP_SELECT_LANG", raising=False)
    at = AppTest.from_function(
        _script,
        default_timeout=TIMEOUT,
        kwargs={"page": str(PAGES / f"{name}.py"), "project_file": str(project_file)},
    )
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _cells(at: AppTest) -> list[str]:
    out: list[str] = []
    for frame in at.dataframe:
        value = frame.value
        assert isinstance(value, pd.DataFrame)
        out += [str(x) for x in value.to_numpy().ravel()]
    return out


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def _fr(text: str) -> str:
    """Spaces as the French formatter writes them, for a readable comparison."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def _velocitra_note(lines: list[str]) -> str:
    notes = [x for x in lines if x.startswith("† Velocitra")]
    assert len(notes) == 1, lines
    return notes[0]


@pytest.fixture(scope="module")
def report_md_xlsx() -> tuple[str, Any]:
    from erp_select.report.compute import compute
    from erp_select.report.context import build_content
    from erp_select.report.tables import render_markdown, render_xlsx

    inputs = compute(load_project(EXAMPLE), sensitivity_samples=200)
    content = build_content(inputs, "fr")
    md = render_markdown(content).decode("utf-8")
    wb = load_workbook(io.BytesIO(render_xlsx(inputs, content)))
    return md, wb


def test_velocitra_reads_the_same_on_vendors_ranking_and_report(
    monkeypatch: pytest.MonkeyPatch, report_md_xlsx: tuple[str, Any]
) -> None:
    vendors = _page("vendors", EXAMPLE, monkeypatch)
    assert VELOCITRA_FR in _cells(vendors)
    vendors_note = _velocitra_note(_captions(vendors))
    assert "91 000 €" in _fr(vendors_note) and "201 300 €" in _fr(vendors_note)
    assert REASON_FR in vendors_note and "366 000 €" in _fr(vendors_note)

    ranking = _page("ranking", EXAMPLE, monkeypatch)
    assert VELOCITRA_FR in _cells(ranking)
    assert _velocitra_note(_captions(ranking)) == vendors_note

    md, wb = report_md_xlsx
    # Markdown cells are one line of plain spaces (and escaped markup).
    plain = md.replace("\\", "")
    assert _fr(VELOCITRA_FR) in plain
    assert f"- {_fr(vendors_note)}" in plain
    sheet = wb["Valeurs ajustées"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    raw, used, note = rows["velocitra"][3], rows["velocitra"][4], rows["velocitra"][7]
    assert raw == 91_000 and used == pytest.approx(201_300)
    assert note == vendors_note
    ranking_sheet = wb["Classement"]
    velocitra = next(r for r in ranking_sheet.iter_rows(min_row=2) if r[1].value == "velocitra")
    used_col = [c.value for c in ranking_sheet[1]].index(t("cells.col.used", "fr"))
    assert velocitra[4].value == 91_000 and velocitra[used_col].value == pytest.approx(201_300)
    assert "†" in velocitra[used_col].number_format


def test_sensitivity_summary_quotes_both_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the summary cites a penalised value it quotes both figures and the reason."""
    at = _page("sensitivity", EXAMPLE, monkeypatch)
    texts = [_fr(x.value) for x in [*at.success, *at.warning]]
    cites = [x for x in texts if "201 300 €" in x]
    assert cites  # Velocitra is the closest challenger, by its cost
    for text in cites:
        assert "91 000 €" in text and REASON_FR in text
    # The what-it-takes tab (Velocitra, the first challenger) writes its cost both ways.
    cells = [_fr(c) for c in _cells(at)]
    assert _fr(VELOCITRA_FR) in cells
    assert not any(c == "201 300 €" for c in cells)
    assert any(x.startswith("† Velocitra") for x in _captions(at))


def _missing_project(tmp_path: Path) -> Path:
    """The example project with Ferronde's implementation time removed."""
    project = load_project(EXAMPLE)
    vendors = [
        v.model_copy(update={"facts": {k: f for k, f in v.facts.items() if k != "impl.months"}})
        if v.id == "ferronde"
        else v
        for v in project.vendors
    ]
    updated = Project.model_validate(
        {**project.model_dump(), "vendors": [v.model_dump() for v in vendors]}
    )
    path = tmp_path / "missing.json"
    path.write_bytes(dump_project(updated))
    return path


def test_ranking_page_marks_an_imputed_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _page("ranking", _missing_project(tmp_path), monkeypatch)
    # The worst implementation time among the other vendors (Halvardis, 14 months).
    assert any(c.startswith("— → 14") and c.endswith("†") for c in _cells(at))
    note = next(x for x in _captions(at) if x.startswith("† Ferronde"))
    assert "valeur manquante" in note and "comptée comme la pire" in note
    assert "(règle du critère)" in note
    rules = next(x for x in _captions(at) if x.startswith("Règle si une valeur manque"))
    assert "Note moyenne pondérée par le nombre d'avis — valeur neutre" in rules
    assert "Délai de mise en œuvre (mois) — la pire valeur (par défaut)" in rules
