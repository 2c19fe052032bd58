"""Criteria files keep each leaf's missing-value rule in every format and refuse a bad one."""

from __future__ import annotations

import pytest

from erp_select.catalogue import default_criteria
from erp_select.errors import InputError
from erp_select.io.criteria import dump_criteria, read_criteria_bytes


@pytest.mark.parametrize("fmt", ["yaml", "json", "csv", "xlsx"])
def test_the_rule_survives_a_round_trip(fmt: str) -> None:
    tree = default_criteria()
    assert tree.node("review_rating").missing == "neutral"
    assert tree.node("tco").missing is None and tree.node("tco").missing_rule == "worst"
    back = read_criteria_bytes(dump_criteria(tree, fmt, lang="fr"), f"c.{fmt}")  # type: ignore[arg-type]
    assert back == tree


def test_an_unknown_rule_is_refused_with_its_row() -> None:
    text = (
        "id;parent;label_fr;label_en;direction;value;missing\n"
        'x;;X;X;cost;{"kind":"fact","fact":"impl.months"};ignore\n'
    )
    with pytest.raises(InputError) as caught:
        read_criteria_bytes(text.encode("utf-8"), "c.csv")
    (problem,) = caught.value.problems
    assert problem.row == 2 and problem.field == "missing" and problem.value == "ignore"
