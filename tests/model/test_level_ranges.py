"""A level fact may carry a range of levels (both bounds), checked in the levels' order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from erp_select.io import dump_project, read_project_bytes
from erp_select.model import Fact, Project
from erp_select.model.facts import check_level_range, vocabulary
from erp_select.model.fingerprint import fingerprint

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "demo-project.json"

SPEC = vocabulary().facts["custom.configuration"]  # basic < standard < advanced


def test_a_level_takes_both_bounds() -> None:
    fact = Fact(value="standard", low="basic", high="advanced")
    assert fact.level_range == ("basic", "advanced")
    assert fact.number_low is None and fact.number_high is None
    assert fact.model_dump(exclude_none=True) == {
        "value": "standard",
        "low": "basic",
        "high": "advanced",
    }


@pytest.mark.parametrize(
    "bounds", [{"low": "basic"}, {"high": "advanced"}, {"low": "basic", "high": 3.0}]
)
def test_a_level_with_one_bound_is_refused(bounds: dict[str, object]) -> None:
    with pytest.raises(ValidationError) as info:
        Fact.model_validate({"value": "standard", **bounds})
    assert info.value.errors()[0]["type"] == "levels.range_both"


def test_a_number_keeps_number_bounds() -> None:
    with pytest.raises(ValidationError) as info:
        Fact.model_validate({"value": 12.0, "low": "basic", "high": 14.0})
    assert info.value.errors()[0]["type"] == "levels.bound_not_number"
    fact = Fact(value=12.0, low=10.0, high=14.0)
    assert (fact.number_low, fact.number_high, fact.level_range) == (10.0, 14.0, None)


def test_the_order_is_the_vocabulary_s() -> None:
    assert check_level_range(SPEC, "standard", "basic", "advanced") is None
    assert check_level_range(SPEC, "Standard", "BASIC", "standard") is None  # any case
    assert check_level_range(SPEC, "standard", None, None) is None
    issue = check_level_range(SPEC, "standard", "advanced", "advanced")
    assert issue is not None and issue.key == "levels.range_order"
    assert issue.params["at"] == "low"
    # the words, never the keys, go into the message
    assert issue.params["low_fr"] == "avancé" and issue.params["order_fr"] == (
        "basique < standard < avancé"
    )
    issue = check_level_range(SPEC, "advanced", "basic", "standard")
    assert issue is not None and issue.params["at"] == "high"
    issue = check_level_range(SPEC, "standard", "basic", "superb")
    assert issue is not None and issue.key == "facts.value.expected.level"
    assert issue.params["at"] == "high"
    issue = check_level_range(SPEC, "standard", "basic", None)
    assert issue is not None and issue.key == "levels.range_both"


def _without_level_ranges(data: Any) -> Any:
    for vendor in data["vendors"]:
        for fact in vendor["facts"].values():
            if isinstance(fact.get("value"), str) and isinstance(fact.get("low"), str):
                del fact["low"], fact["high"]
    return data


def test_facts_without_a_range_dump_and_fingerprint_as_the_file_says() -> None:
    """The example project file, level ranges taken out, reads into a project that dumps
    back to exactly the file's data: facts without a range gain no key, so their dumps and
    the project's fingerprint are what they were before level ranges existed."""
    raw = _without_level_ranges(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    project = read_project_bytes(json.dumps(raw).encode(), "demo-project.json")
    dumped = json.loads(dump_project(project))
    assert dumped == raw
    assert fingerprint(project) == fingerprint(Project.model_validate(raw))
    facts = [f for v in dumped["vendors"] for f in v["facts"].values()]
    assert not any(isinstance(f.get("low"), str) for f in facts)
