"""The history in sentences: two versions of the example project compared, in French and English.

The expected sentences are written by hand from the example's data (Velocitra's
implementation cost 25 000 €, a budget of 800 000 €, the price family at 28,4 % of the
weight), never copied from the module's output.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from erp_select.explain.changes import change_lines
from erp_select.model import Project
from erp_select.report.demo import demo_project
from erp_select.store import diff_projects

SPACES = re.compile(r"[\u00a0\u202f ]")


def _plain(lines: list[str]) -> list[str]:
    return [SPACES.sub(" ", line) for line in lines]


def _edited(**changes: Any) -> tuple[Project, Project]:
    old = demo_project()
    data = old.model_dump(mode="json")
    for vendor in data["vendors"]:
        if vendor["id"] == "velocitra":
            vendor["facts"]["price.implementation"]["value"] = 40_000
    data["company"]["budget"] = 900_000
    data["company"]["must_haves"].append(
        {"kind": "fact", "fact": "custom.rest_api", "op": "is_true"}
    )
    data["judgments"] = data["judgments"][1:]
    data["method"] = "wsm"
    data.update(changes)
    new = Project.model_validate(data)
    shares = old.criteria.local_weights(None)
    rest = 1 - shares["price"]
    points = {f: 55 * w / rest for f, w in shares.items() if f != "price"} | {"price": 45.0}
    new = new.model_copy(update={"criteria": new.criteria.with_weights(points)})
    return old, new


@pytest.fixture(scope="module")
def versions() -> tuple[Project, Project]:
    return _edited()


def test_french_sentences(versions: tuple[Project, Project]) -> None:
    old, new = versions
    lines = _plain(change_lines(diff_projects(old, new), old, new, "fr"))
    assert "Poids « Prix » : 28 % → 45 %" in lines
    assert "Velocitra — coût de mise en œuvre : 25 000 € → 40 000 €" in lines
    assert "Budget : 800 000 € → 900 000 €" in lines
    assert "Règle ajoutée : « API REST documentée » obligatoire" in lines or any(
        line.startswith("Règle ajoutée :") and "API REST documentée" in line for line in lines
    )
    assert "Avis retirés : Claire Martin (directrice générale)" in lines
    assert any(line.startswith("Méthode de classement : TOPSIS → ") for line in lines)
    assert len([line for line in lines if line.startswith("Poids « ")]) == 5  # the five families


def test_english_sentences(versions: tuple[Project, Project]) -> None:
    old, new = versions
    lines = _plain(change_lines(diff_projects(old, new), old, new, "en"))
    assert "Weight “Price”: 28% → 45%" in lines
    assert "Velocitra — implementation cost: €25,000 → €40,000" in lines
    assert "Budget: €800,000 → €900,000" in lines
    assert "Judgments removed: Claire Martin (directrice générale)" in lines


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_structure_id_or_raw_float_is_shown(
    versions: tuple[Project, Project], lang: str
) -> None:
    old, new = versions
    text = "\n".join(change_lines(diff_projects(old, new), old, new, lang))
    for raw in (
        "{",
        "[",
        "'participant'",
        "None",
        "price.implementation",
        "custom.rest_api",
        "velocitra",
        "topsis",
        "45.0",
        "0.45",
    ):
        assert raw not in text, raw


def test_a_criterion_weight_inside_a_family_names_the_family() -> None:
    old = demo_project()
    family = old.criteria.node("price")
    assert [c.weight for c in family.children] == [75.0, 25.0]  # the example's TCO / time
    first, second = (c.id for c in family.children)
    new = old.model_copy(update={"criteria": old.criteria.with_weights({first: 60, second: 40})})
    lines = _plain(change_lines(diff_projects(old, new), old, new, "fr"))
    tco, time = (c.label.fr for c in family.children)
    assert lines == [
        f"Poids « {tco} » dans « Prix » : 75 % → 60 %",
        f"Poids « {time} » dans « Prix » : 25 % → 40 %",
    ]


def test_identical_versions_say_nothing() -> None:
    p = demo_project()
    assert change_lines(diff_projects(p, demo_project()), p, p, "fr") == []
