"""The benefit score and value for money on it, worked by hand on three vendors."""

from __future__ import annotations

import pytest

from erp_select.errors import InputError
from erp_select.explain.benefit import benefit_score
from erp_select.explain.contributions import value_for_money

# Three vendors, two benefit criteria and one cost (their 5-year cost), weights 30/20/50.
MATRIX = [[80, 60, 150], [60, 90, 200], [40, 40, 100]]
OBJECTIVES = ["max", "max", "min"]
WEIGHTS = [0.3, 0.2, 0.5]
VENDORS = ["A", "B", "C"]
CRITERIA = ["quality", "support", "cost"]


def test_benefit_score_drops_the_cost_and_renormalises_by_hand() -> None:
    # Without the cost, the weights become 0.3/0.5 = 0.6 and 0.2/0.5 = 0.4. Min–max:
    # quality A 1, B (60−40)/40 = 0.5, C 0; support A (60−40)/50 = 0.4, B 1, C 0.
    # Benefit: A 0.6 + 0.4·0.4 = 0.76, B 0.6·0.5 + 0.4 = 0.70, C 0.
    # (The full score, cost included, would be A 0.63, B 0.35, C 0.50: C, the cheapest,
    # looks better than B only because its price is counted inside the score.)
    found = benefit_score(MATRIX, OBJECTIVES, WEIGHTS, "wsm", VENDORS, CRITERIA, {"cost"})
    assert found.scores.to_dict() == pytest.approx({"A": 0.76, "B": 0.70, "C": 0.0})
    assert found.weights.to_dict() == pytest.approx({"quality": 0.6, "support": 0.4})
    assert found.cost_criteria == ("cost",)
    assert found.cost_share == pytest.approx(0.5)
    assert found.higher_is_better


def test_frontier_on_the_benefit_score_by_hand() -> None:
    # Costs A 150, B 200, C 100. B (0.70, 200) is beaten by A (0.76, 150): better and
    # cheaper. C (0, 100) is the cheapest: efficient. A: only C is cheaper, and worse.
    found = benefit_score(MATRIX, OBJECTIVES, WEIGHTS, "wsm", VENDORS, CRITERIA, {"cost"})
    vfm = value_for_money(found.scores.to_numpy(), [150, 200, 100], VENDORS)
    assert vfm["efficient"].to_dict() == {"A": True, "B": False, "C": True}
    assert vfm.at["B", "dominated_by"] == "A"
    assert vfm["score"].to_dict() == pytest.approx({"A": 0.76, "B": 0.70, "C": 0.0})


def test_only_cost_criteria_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        benefit_score([[1.0], [2.0]], ["min"], [1.0], "wsm", ["A", "B"], ["cost"], {"cost"})
    assert caught.value.problems[0].rule == "analysis.benefit_no_criterion"
    assert "coût" in caught.value.render("fr")
