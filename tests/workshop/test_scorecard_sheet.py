"""Offline scorecards: export, fill, import back; hostile cells refused with located messages."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from erp_select import api
from erp_select.cli import run
from erp_select.errors import InputError
from erp_select.io import dump_project
from erp_select.model.demo_script import DemoScript
from erp_select.report.demo_sheet import demo_sheet_xlsx
from erp_select.workshop.scorecard_sheet import export_scorecards
from tests.workshop.test_consensus import project


def filled(lang: str, cards: dict[str, dict[tuple[str, str], Any]], **extra: Any) -> bytes:
    """An exported workbook with ``cards[sheet][(vendor, criterion)] = score or "NS"``."""
    wb = load_workbook(io.BytesIO(export_scorecards(project(), list(cards), lang)))
    for sheet, scores in cards.items():
        ws = wb[sheet]
        for row in ws.iter_rows(min_row=2):
            key = (row[6].value, row[7].value)
            if key in scores:
                value = scores[key]
                if value == "NS":
                    row[3].value = "oui" if lang == "fr" else "yes"
                else:
                    row[2].value = value
                    row[4].value = "élevée" if lang == "fr" else "high"
    for where, value in extra.get("cells", {}).items():
        sheet, cell = where
        wb[sheet][cell] = value
    if "hide" in extra:
        wb[extra["hide"]].sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


CARDS = {
    "Ana": {("alpha", "usability"): 1, ("alpha", "config"): 3, ("beta", "config"): "NS"},
    "Bob": {("alpha", "usability"): 4, ("alpha", "config"): 3},
    "Céline": {("alpha", "usability"): 5, ("alpha", "config"): "NS", ("beta", "usability"): 2},
}


def test_the_workbook_writes_the_scale_and_one_sheet_per_evaluator() -> None:
    wb = load_workbook(io.BytesIO(export_scorecards(project(), ["Ana", "Bob"], "fr")))
    assert wb.sheetnames == ["Échelle", "Ana", "Bob", "Consensus"]
    scale = [c.value for c in wb["Échelle"]["B"]]
    assert (
        "Natif, démontré de bout en bout : montré avec aisance, sans réglage particulier." in scale
    )
    # The demo script's grid prints the very same scale, word for word.
    script = demo_sheet_xlsx(project(), DemoScript(lang="fr"), [])
    grid_scale = load_workbook(io.BytesIO(script))["Échelle"]
    assert {r[1].value for r in grid_scale.iter_rows(min_row=2)} <= set(scale)
    header = [c.value for c in wb["Ana"][1]]
    assert header[:3] == ["Éditeur", "Critère", "Note (1 à 5)"]
    # Only criteria a score can be written into: not the yes/no API criterion.
    assert {r[7].value for r in wb["Ana"].iter_rows(min_row=2)} == {"usability", "config", "lead"}
    rules = {str(dv.sqref)[0]: dv for dv in wb["Ana"].data_validations.dataValidation}
    assert rules["C"].type == "whole" and (rules["C"].formula1, rules["C"].formula2) == ("1", "5")


def test_round_trip_by_hand() -> None:
    updated, agreed = api.import_scorecards(
        project(), [("grille.xlsx", filled("fr", CARDS))], lang="fr"
    )
    fact = updated.vendor("alpha").facts["ux.score"]
    # Scores 1, 4, 5: mean 10/3 → 7/12 of 0–10; lowest 1 → 0, highest 5 → 10.
    assert fact.value == pytest.approx(70 / 12)
    assert (fact.low, fact.high, fact.evidence) == (0.0, 10.0, "demo")
    assert fact.source is not None and "Ana, Bob, Céline" in fact.source
    # Ana and Bob 3, Céline « not shown »: mean 3, never (3 + 3 + 0) / 3.
    assert updated.vendor("alpha").facts["custom.configuration"].value == "standard"
    assert "custom.configuration" not in updated.vendor("beta").facts
    assert len(agreed) == 3


def test_the_consensus_sheet_overrides_the_mean() -> None:
    data = filled(
        "en",
        CARDS,
        cells={("Consensus", "C2"): 4, ("Consensus", "D2"): "seen twice"},
    )
    wb = load_workbook(io.BytesIO(data))
    assert (wb["Consensus"]["E2"].value, wb["Consensus"]["F2"].value) == ("alpha", "usability")
    updated, _ = api.import_scorecards(project(), [("cards.xlsx", data)], lang="en")
    fact = updated.vendor("alpha").facts["ux.score"]
    assert fact.value == pytest.approx(7.5)  # agreed 4 → 75 % of 0–10
    assert fact.source is not None and "seen twice" in fact.source


def test_hostile_cells_are_refused_with_their_place_all_or_nothing() -> None:
    bad = filled(
        "fr",
        CARDS,
        cells={
            ("Ana", "C2"): "=1+2",  # a formula
            ("Bob", "C2"): "4",  # text in a score cell
            ("Bob", "C3"): 7,  # off the scale
            ("Céline", "C3"): 2.5,  # not a whole level
        },
    )
    good = filled("fr", {"Dan": {("alpha", "lead"): 3}})
    with pytest.raises(InputError) as err:
        api.import_scorecards(project(), [("a.xlsx", bad), ("b.xlsx", good)], lang="fr")
    found = {(p.source, p.row, p.field, p.rule) for p in err.value.problems}
    assert ("a.xlsx › Ana", 2, "C (Note (1 à 5))", "evalteam.sheet_formula") in found
    assert ("a.xlsx › Bob", 2, "C (Note (1 à 5))", "evalteam.sheet_not_a_score") in found
    assert ("a.xlsx › Bob", 3, "C (Note (1 à 5))", "evalteam.sheet_off_scale") in found
    assert ("a.xlsx › Céline", 3, "C (Note (1 à 5))", "evalteam.sheet_off_scale") in found
    text = err.value.render("fr")
    assert "a.xlsx › Bob" in text and "ligne 3" in text and "7" in text


def test_a_hidden_sheet_and_a_stranger_are_refused() -> None:
    with pytest.raises(InputError) as err:
        api.import_scorecards(project(), [("h.xlsx", filled("fr", CARDS, hide="Bob"))])
    assert err.value.problems[0].rule == "hostile.xlsx_hidden_sheet"
    with pytest.raises(InputError) as err:
        api.import_scorecards(
            project(), [("s.xlsx", filled("fr", CARDS, cells={("Ana", "H2"): "api"}))]
        )
    assert err.value.problems[0].rule == "evalteam.sheet_unknown_criterion"


def test_the_command_line_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "p.json"
    source.write_bytes(dump_project(project()))
    sheet = tmp_path / "grille.xlsx"
    assert (
        run(
            [
                "--lang",
                "fr",
                "scorecard",
                "export",
                "--project",
                str(source),
                "--out",
                str(sheet),
                "--evaluator",
                "Ana",
                "--evaluator",
                "Bob",
            ]
        )
        == 0
    )
    assert load_workbook(sheet).sheetnames == ["Échelle", "Ana", "Bob", "Consensus"]
    (tmp_path / "f.xlsx").write_bytes(filled("fr", CARDS))
    out = tmp_path / "p2.json"
    assert (
        run(
            [
                "--lang",
                "fr",
                "scorecard",
                "import",
                "--project",
                str(source),
                str(tmp_path / "f.xlsx"),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert json.loads(out.read_text())["vendors"][0]["facts"]["ux.score"]["evidence"] == "demo"
    (tmp_path / "bad.xlsx").write_bytes(filled("fr", CARDS, cells={("Bob", "C3"): 9}))
    capsys.readouterr()
    assert (
        run(
            [
                "--lang",
                "fr",
                "scorecard",
                "import",
                "--project",
                str(source),
                str(tmp_path / "bad.xlsx"),
                "--out",
                str(tmp_path / "p3.json"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "bad.xlsx › Bob" in err and "ligne 3" in err and "Traceback" not in err
    assert not (tmp_path / "p3.json").exists()
