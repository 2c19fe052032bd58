"""Translation of pydantic errors into located problems (erp_select.io.problems)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from erp_select.errors import Problem
from erp_select.io.problems import Where, pretty_path, validation_problems
from erp_select.model import CriteriaTree, VendorProfile


def _problems(model: Any, data: dict[str, Any]) -> list[Problem]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return validation_problems(
        info.value,
        data,
        source="f.yaml",
        locate=lambda p: Where(row=None, field=".".join(map(str, p))),
    )


VENDOR: dict[str, Any] = {"id": "v", "name": "V", "licence_model": "perpetual"}


def test_common_error_types_get_their_own_rule_and_value() -> None:
    data = {
        **VENDOR,
        "id": "Not A Slug",
        "licence_model": "leased",
        "colour": "red",
        "facts": {"x": {"value": 1, "count": -1}},
    }
    del data["name"]
    found = {(p.rule, p.field, p.value) for p in _problems(VendorProfile, data)}
    assert ("io.pydantic.string_pattern_mismatch", "id", "Not A Slug") in found
    assert ("io.pydantic.literal_error", "licence_model", "leased") in found
    assert ("io.pydantic.extra_forbidden", "colour", "red") in found
    assert ("io.pydantic.missing", "name", None) in found
    assert ("io.pydantic.greater_than_equal", "facts.x.count", -1) in found


def test_a_value_fitting_no_union_member_is_one_problem() -> None:
    data = {**VENDOR, "facts": {"x": {"value": {"nested": 1}}, "y": {"value": "z" * 501}}}
    problems = _problems(VendorProfile, data)
    assert sorted((p.rule, p.field) for p in problems) == [
        ("io.pydantic.string_too_long", "facts.y.value"),
        ("io.pydantic.union_type", "facts.x.value"),
    ]
    too_long = next(p for p in problems if p.field == "facts.y.value")
    assert too_long.params["limit"] == 500
    assert "at most 500 characters" in too_long.render("en")
    assert "au plus 500 caractères" in too_long.render("fr")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 10**400])
def test_non_finite_fact_values_say_finite(value: float) -> None:
    (problem,) = _problems(VendorProfile, {**VENDOR, "facts": {"x": {"value": value}}})
    assert (problem.rule, problem.field) == ("io.pydantic.finite_number", "facts.x.value")


def test_discriminated_union_tags_are_dropped_from_paths() -> None:
    data = {
        "criteria": [
            {
                "id": "a",
                "label": {"fr": "A", "en": "A"},
                "value": {"kind": "linear", "fact": "x", "worst": 0, "best": "high"},
            },
            {"id": "b", "label": {"fr": "B", "en": "B"}, "value": {"kind": "magic"}},
        ]
    }
    found = {(p.rule, p.field) for p in _problems(CriteriaTree, data)}
    assert ("io.pydantic.float_parsing", "criteria.0.value.best") in found
    assert ("io.pydantic.union_tag_invalid", "criteria.1.value") in found


def test_model_rules_are_translated() -> None:
    data = {"criteria": [{"id": "a", "label": {"fr": "A", "en": "A"}}]}
    (problem,) = _problems(CriteriaTree, data)
    assert problem.rule == "model.leaf_without_value"
    assert "needs a value function" in problem.render("en")
    assert "il lui faut une fonction de valeur" in problem.render("fr")
    assert "« a »" in problem.render("fr")


def test_pretty_path_shows_ids() -> None:
    data = {"criteria": [{"id": "price", "children": [{"id": "tco"}, {"x": 1}]}]}
    path = ("criteria", 0, "children", 0, "value", "best")
    assert pretty_path(data, path) == "criteria[price].children[tco].value.best"
    assert pretty_path(data, ("criteria", 0, "children", 1)) == "criteria[price].children[1]"
