"""The demo script's exports: the vendors' document (HTML, PDF) and the evaluators' grid (XLSX)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from erp_select.cli import run
from erp_select.demos import demo_script
from erp_select.io.project import dump_project, load_project
from erp_select.model import Project
from erp_select.model.demo_script import DemoScript, Scenario
from erp_select.report.demo_export import demo_script_bytes
from tests.conftest import make_project, make_vendor

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "demo-project.json"


def _hostile() -> Project:
    script = DemoScript(
        lang="fr",
        scenarios=[
            Scenario(
                id="custom.1",
                process="finance",
                title='=HYPERLINK("x") <script>alert(1)</script>',
                steps=["Montrer <b>ceci</b>."],
                minutes=75,
                criteria=["coverage", "controls"],
            ),
            Scenario(
                id="custom.2", process="reporting", title="Sans critère", steps=["Un"], minutes=5
            ),
        ],
    )
    vendors = [make_vendor("a"), make_vendor("b")]
    return make_project(vendors, sector="food", name="Fromagerie").model_copy(
        update={"demo_script": script}
    )


def test_the_html_is_in_the_script_language_with_durations_and_escaped_text() -> None:
    html = demo_script_bytes(_hostile(), "html", "en").decode()
    assert '<html lang="fr">' in html  # the stored script's language wins over "en"
    assert "2 scénarios, 1 h 20 au total." in html  # 75 + 5 minutes
    assert "durée : 1 h 15" in html and "durée : 5 min" in html
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<b>ceci</b>" not in html
    assert "Couverture" in html and "Contrôles" in html  # the criteria's French labels
    assert "Impression générale, sans critère noté." in html


def test_the_generated_script_of_the_example_lasts_four_hours_twenty_five() -> None:
    example = load_project(EXAMPLE)
    assert example.demo_script is not None and example.demo_script.lang == "fr"
    project = example.model_copy(update={"demo_script": None})
    # 30 + 25 + 40 + 30 + 25 + 30 + 15 + 20 + 15 + 20 + 15 minutes, counted by hand.
    html = demo_script_bytes(project, "html", "fr").decode()
    assert "11 scénarios, 4 h 25 au total." in html
    assert "Scénario 3 : Ordre de fabrication avec traçabilité des lots" in html
    english = demo_script_bytes(project, "html", "en").decode()
    assert "11 scenarios, 4 h 25 in all." in english
    # The example's own script is the generated one, in French, whatever is asked.
    assert demo_script_bytes(example, "html", "en").decode() == html


def test_the_grid_has_a_row_per_vendor_scenario_and_criterion_and_no_formula() -> None:
    data = demo_script_bytes(_hostile(), "xlsx", "fr", vendors=["b", "a"])
    wb = openpyxl.load_workbook(io.BytesIO(data))
    grid, scale = wb.worksheets
    assert grid.title == "Grille" and scale.title == "Échelle"
    rows = [r for r in grid.iter_rows(min_row=5, values_only=True) if r[0]]
    # 2 vendors × (2 criteria + 1 overall row)
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("B", "custom.1", "coverage"),
        ("B", "custom.1", "controls"),
        ("B", "custom.2", None),
        ("A", "custom.1", "coverage"),
        ("A", "custom.1", "controls"),
        ("A", "custom.2", None),
    ]
    assert rows[0][2].startswith("'=HYPERLINK")  # text, never a formula
    assert rows[2][4] == "Impression générale"
    assert grid.cell(4, 6).value == "Note (1 à 5)"
    checks = grid.data_validations.dataValidation
    assert len(checks) == 1 and checks[0].formula1 == "1" and checks[0].formula2 == "5"
    levels = [r[0] for r in scale.iter_rows(min_row=2, values_only=True)]
    assert levels == ["1", "2", "3", "4", "5", "Non montré (x)"]


def test_the_command_line_writes_each_format(tmp_path: Path) -> None:
    project = make_project([make_vendor("a")], sector="food")
    path = tmp_path / "p.json"
    path.write_bytes(dump_project(project.model_copy(update={"demo_script": demo_script(project)})))
    for fmt, start in (("html", b"<!DOCTYPE html>"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        out = tmp_path / f"script.{fmt}"
        args = ["demo-script", "--project", str(path), "--format", fmt, "--out", str(out)]
        assert run([*args, "--lang", "fr"]) == 0
        assert out.read_bytes().startswith(start)


def test_the_command_line_refuses_a_broken_project_with_its_place(
    tmp_path: Path, capsys: object
) -> None:
    path = tmp_path / "p.json"
    path.write_text("{}", encoding="utf-8")
    out = tmp_path / "x.html"
    assert run(["demo-script", "--project", str(path), "--format", "html", "--out", str(out)]) == 2
    assert not out.exists()
