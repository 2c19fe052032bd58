"""``erp-select rank`` marks every value ranked differently from its facts, in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from erp_select.cli import run
from erp_select.io import dump_project
from tests.report.test_adjusted import NOTE_FR, _project

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "demo-project.json"


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "p.json"
    path.write_bytes(dump_project(_project()))
    return path


def _rank(capsys: Any, path: Path, fmt: str, lang: str = "fr") -> tuple[str, str]:
    assert run(["--lang", lang, "rank", "--project", str(path), "--format", fmt]) == 0
    out = capsys.readouterr()
    return _plain(out.out), _plain(out.err)


def test_table_lists_the_filled_value_and_the_warning(project_file: Path, capsys: Any) -> None:
    out, _ = _rank(capsys, project_file, "table")
    assert f"† C — Durée de mise en œuvre : 6 mois pour le classement ; {NOTE_FR}" in out
    assert "Aucun éditeur retenu n'a de valeur pour le critère « Engagement de support »" in out


def test_json_carries_raw_used_and_reason(project_file: Path, capsys: Any) -> None:
    out, _ = _rank(capsys, project_file, "json")
    payload = json.loads(out)
    cell = next(
        c for c in payload["adjusted"] if c["vendor_id"] == "c" and c["criterion_id"] == "months"
    )
    assert cell["raw"] is None and cell["used"] == 6.0
    assert NOTE_FR in _plain(cell["adjustments"][0]["text"])
    assert any("Engagement de support" in w for w in payload["warnings"])


def test_csv_has_a_notes_column_and_warns_on_stderr(project_file: Path, capsys: Any) -> None:
    out, err = _rank(capsys, project_file, "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    c = next(r for r in rows if r["vendor_id"] == "c")
    assert NOTE_FR in c["notes"]
    assert "Engagement de support" in err


def test_velocitra_cost_shows_both_figures(capsys: Any) -> None:
    out, _ = _rank(capsys, EXAMPLE, "table")
    # 0.5 × 366 000 € (the peers' median) × 1.1 = 201 300 €
    assert "91 000 € → 201 300 € †" in out
    assert "prix anormalement bas" in out
    csv_out, _ = _rank(capsys, EXAMPLE, "csv")
    velocitra = next(
        r for r in csv.DictReader(io.StringIO(csv_out)) if r["vendor_id"] == "velocitra"
    )
    assert float(velocitra["tco"]) == 91_000.0
    assert velocitra["tco_ranked"] == "201300.0 †"


def test_validate_refuses_a_project_whose_rule_refuses_a_missing_value(
    tmp_path: Path, capsys: Any
) -> None:
    from tests.evaluate.test_missing import _project as refusing

    path = tmp_path / "p.json"
    path.write_bytes(dump_project(refusing("refuse")))
    assert run(["--lang", "fr", "validate", str(path)]) == 2
    err = _plain(capsys.readouterr().err)
    assert "C" in err and "Durée de mise en œuvre" in err and "impl.months" in err
