"""Risk register entries: score = likelihood × impact, whole numbers from 1 to 5 only."""

from __future__ import annotations

import pydantic
import pytest

from erp_select.model import VendorProfile
from erp_select.model.risks import Risk, register_score


def test_score_is_likelihood_times_impact() -> None:
    assert Risk(description="Retard", likelihood=3, impact=4).score == 12
    assert Risk(description="Faillite", likelihood=5, impact=5).score == 25
    assert Risk(description="Mineur", likelihood=1, impact=1).score == 1


def test_register_score_is_the_highest_risk() -> None:
    risks = [
        Risk(description="a", likelihood=2, impact=5),  # 10
        Risk(description="b", likelihood=4, impact=3),  # 12
    ]
    assert register_score(risks) == 12
    assert register_score([]) == 0


@pytest.mark.parametrize("value", [0, 6, "3", 2.5, True, None])
def test_likelihood_and_impact_are_refused_outside_1_to_5_or_not_whole(value: object) -> None:
    with pytest.raises(pydantic.ValidationError):
        Risk.model_validate({"description": "x", "likelihood": value, "impact": 3})
    with pytest.raises(pydantic.ValidationError):
        Risk.model_validate({"description": "x", "likelihood": 3, "impact": value})


def test_a_risk_needs_a_description() -> None:
    with pytest.raises(pydantic.ValidationError):
        Risk.model_validate({"description": "", "likelihood": 3, "impact": 3})


def test_vendor_carries_its_register() -> None:
    vendor = VendorProfile.model_validate(
        {
            "id": "v",
            "name": "V",
            "licence_model": "subscription",
            "risks": [{"description": "Retard", "likelihood": 2, "impact": 2, "owner": "DAF"}],
        }
    )
    assert vendor.risks[0].owner == "DAF"
    assert vendor.risks[0].score == 4
