"""The project file (erp_select.io.project): round trip, schema versions, located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from erp_select.errors import InputError
from erp_select.io import dump_project, load_project
from erp_select.io.project import read_project_bytes
from erp_select.model import SCHEMA_VERSION, Project
from tests.conftest import make_project, make_vendor

ROOT = Path(__file__).resolve().parents[2]


def _project() -> Project:
    vendors = [
        make_vendor("a", price__subscription_user_month=50.5, sec__mfa=True),
        make_vendor("b", price__subscription_user_month={"value": 30, "low": 25, "high": 45}),
    ]
    return make_project(vendors, budget=250_000.0)


def test_project_round_trips(tmp_path: Path) -> None:
    project = _project()
    path = tmp_path / "p.json"
    path.write_bytes(dump_project(project))
    back = load_project(path)
    assert back == project
    assert back.model_dump_json() == project.model_dump_json()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "erp-select.project" and data["schema_version"] == SCHEMA_VERSION


def test_bundled_example_project_round_trips() -> None:
    path = ROOT / "examples" / "demo-project.json"
    if not path.exists():
        pytest.skip("no example project yet")
    project = load_project(path)
    assert read_project_bytes(dump_project(project), "again.json") == project


def _problems(data: dict[str, object] | str) -> list[object]:
    text = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(InputError) as info:
        read_project_bytes(text.encode(), "p.json")
    return info.value.problems


def test_newer_schema_is_refused_clearly() -> None:
    data = json.loads(dump_project(_project()))
    data["schema_version"] = SCHEMA_VERSION + 1
    data["something_new"] = {"x": 1}  # a newer file may hold fields we do not know
    (problem,) = _problems(data)
    assert problem.rule == "io.project_newer"  # type: ignore[attr-defined]
    assert "newer version of erp-select" in problem.render("en")  # type: ignore[attr-defined]
    assert "version plus récente" in problem.render("fr")  # type: ignore[attr-defined]


@pytest.mark.parametrize("version", [0, "1", 1.5, None, True])
def test_bad_schema_versions(version: object) -> None:
    data = json.loads(dump_project(_project()))
    data["schema_version"] = version
    (problem,) = _problems(data)
    assert problem.rule == "io.project_schema_invalid"  # type: ignore[attr-defined]


def test_not_a_project() -> None:
    (problem,) = _problems({"format": "erp-select.criteria", "schema_version": 1})
    assert problem.rule == "io.project_format"  # type: ignore[attr-defined]
    (problem,) = _problems("[1, 2]")
    assert problem.rule == "io.project_format"  # type: ignore[attr-defined]


def test_errors_inside_a_project_name_the_path() -> None:
    data = json.loads(dump_project(_project()))
    data["company"]["erp_users"] = 0
    data["vendors"][1]["facts"]["price.subscription_user_month"]["value"] = float("nan")
    text = json.dumps(data)  # writes NaN, as some tools do
    problems = _problems(text)
    found = {(p.rule, p.field) for p in problems}  # type: ignore[attr-defined]
    assert ("io.pydantic.greater_than_equal", "company.erp_users") in found
    assert (
        "io.pydantic.finite_number",
        "vendors[b].facts.price.subscription_user_month.value",
    ) in found
