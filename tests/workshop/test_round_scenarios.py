"""A demo round scores the demo script's scenarios: same ids in the round, sheets and import."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from erp_select.cli import run
from erp_select.io import dump_project, load_project
from erp_select.model import Project
from erp_select.workshop.rounds import script_scenarios
from erp_select.workshop.scorecard_sheet import COLUMNS

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "demo-project.json"


def example() -> Project:
    return load_project(EXAMPLE)


def edited() -> Project:
    """The example with its first scenario retitled, scoring upgrade safety, not configuration."""
    p = example()
    assert p.demo_script is not None
    first = p.demo_script.scenarios[0].model_copy(
        update={
            "title": "Commande client livrée en trois fois",
            "criteria": ["sector_coverage", "upgrade_safety"],
        }
    )
    script = p.demo_script.model_copy(update={"scenarios": [first, *p.demo_script.scenarios[1:]]})
    return p.model_copy(update={"demo_script": script})


def test_a_round_scores_the_script_as_edited() -> None:
    p = edited()
    assert p.demo_script is not None
    got = script_scenarios(p, ["upgrade_safety", "configuration_depth"])
    # Every scenario informing a round criterion, in the script's order, with its ids.
    expected = [
        s.id
        for s in p.demo_script.scenarios
        if {"upgrade_safety", "configuration_depth"} & set(s.criteria)
    ]
    assert [s.id for s in got] == expected
    assert got[0].title == "Commande client livrée en trois fois"
    assert got[0].criteria == ("upgrade_safety",)
    # A round without the scenario's criteria leaves it out.
    assert all(s.id != "security.access_audit" for s in script_scenarios(p, ["extensibility"]))


def _rows(path: Path, sheet: str, header_row: int) -> list[dict[str, object]]:
    ws = load_workbook(path)[sheet]
    rows = list(ws.iter_rows(min_row=header_row, values_only=True))
    head = [str(h) for h in rows[0]]
    return [dict(zip(head, r, strict=False)) for r in rows[1:] if any(r)]


def test_both_sheets_name_scenarios_alike_and_the_import_keeps_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "p.json"
    source.write_bytes(dump_project(edited()))
    card, grid = tmp_path / "grille.xlsx", tmp_path / "script.xlsx"
    base = ["--lang", "fr"]
    assert run([*base, "scorecard", "export", "--project", str(source), "--out", str(card),
                "--evaluator", "Ana"]) == 0  # fmt: skip
    assert run([*base, "demo-script", "--project", str(source), "--format", "xlsx",
                "--out", str(grid)]) == 0  # fmt: skip
    scored = _rows(card, "Ana", 1)
    pairs = {(r["Identifiant du scénario"], r["Réf. critère"]) for r in scored}
    in_grid = {
        (r["Identifiant du scénario"], r["Identifiant du critère"])
        for r in _rows(grid, "Grille", 4)
    }
    # The evaluator's sheet scores the script's scenarios under the grid's very ids.
    with_scenario = {p for p in pairs if p[0] is not None}
    assert with_scenario and with_scenario <= in_grid
    assert ("o2c.partial_delivery", "upgrade_safety") in with_scenario
    assert ("o2c.partial_delivery", "configuration_depth") not in with_scenario  # edited out
    titles = {r["Scénario"] for r in scored}
    assert "Commande client livrée en trois fois" in titles
    # Fill one scenario row, import it back through the command line.
    wb = load_workbook(card)
    ws = wb["Ana"]
    col = {h: i for i, h in enumerate(COLUMNS)}
    target = next(
        row
        for row in ws.iter_rows(min_row=2)
        if row[col["sid"]].value == "o2c.partial_delivery" and row[col["vid"]].value
    )
    target[col["score"]].value = 4
    vendor = target[col["vid"]].value
    wb.save(card)
    out = tmp_path / "p2.json"
    assert run([*base, "scorecard", "import", "--project", str(source), str(card),
                "--out", str(out)]) == 0  # fmt: skip
    fact = load_project(out).vendor(str(vendor)).facts
    assert any(f.evidence == "demo" for f in fact.values())
    # A scenario id the script does not have is refused where it stands.
    target[col["sid"]].value = "o2c.nowhere"
    bad = io.BytesIO()
    wb.save(bad)
    card.write_bytes(bad.getvalue())
    capsys.readouterr()
    assert run([*base, "scorecard", "import", "--project", str(source), str(card),
                "--out", str(out)]) != 0  # fmt: skip
    err = capsys.readouterr().err
    assert "o2c.nowhere" in err and "Identifiant du scénario" in err and "scénario" in err
