"""Contract criteria change a ranking, by hand; the checklist and the register in words."""

from __future__ import annotations

from typing import Any

import pytest

from erp_select.catalogue import default_criteria
from erp_select.explain.contract import CONTRACT_FACTS, checklist, level_words, risk_rows
from erp_select.model import CriteriaTree
from erp_select.model.risks import Risk
from erp_select.pipeline import analyse
from erp_select.words import Words
from tests.conftest import make_project, make_vendor, text


def _tree(with_contract: bool) -> CriteriaTree:
    """Implementation time (a cost, 60) and, optionally, two bundled contract leaves (40)."""
    bundled = default_criteria()
    months: dict[str, Any] = {
        "id": "months",
        "label": text("Months", "Mois"),
        "direction": "cost",
        "value": {"kind": "fact", "fact": "impl.months"},
    }
    families: list[dict[str, Any]] = [
        {"id": "time", "label": text("Time", "Délai"), "weight": 60, "children": [months]}
    ]
    if with_contract:
        leaves = [
            bundled.node(c).model_dump(mode="json", exclude_none=True)
            for c in ("service_level", "data_return_time")
        ]
        families.append(
            {
                "id": "contract",
                "label": text("Contract", "Contrat"),
                "weight": 40,
                "children": leaves,
            }
        )
    return CriteriaTree.model_validate({"criteria": families})


VENDORS = [
    make_vendor(
        "a", impl__months=6, contract__sla_availability=99.0, contract__data_return_days=90
    ),
    make_vendor(
        "b", impl__months=9, contract__sla_availability=99.9, contract__data_return_days=15
    ),
    make_vendor(
        "c", impl__months=12, contract__sla_availability=99.5, contract__data_return_days=30
    ),
]


def test_bundled_contract_leaves_weigh_fifteen_to_ten() -> None:
    tree = _tree(True)
    weights = tree.global_weights()
    # 40 % to the contract family, split 15 : 10 by the bundled local weights.
    assert weights["service_level"] == pytest.approx(0.24)
    assert weights["data_return_time"] == pytest.approx(0.16)


def test_a_contract_criterion_changes_the_winner_by_hand() -> None:
    """Weighted sum, min-max normalised, worked by hand.

    Value functions (criteria/default.yaml): SLA 99,0 → 40, 99,9 → 100, 99,5 → 70; return
    days 90 → 30, 15 → 100, 30 → 80. Min-max: months (cost) a 1, b 0,5, c 0; SLA a 0,
    b 1, c 0,5; days a 0, b 1, c (80 − 30)/70 = 5/7.
    Time only: a 1 > b 0,5 > c 0. With the contract: a 0,6; b 0,3 + 0,24 + 0,16 = 0,7;
    c 0,24 × 0,5 + 0,16 × 5/7 = 0,12 + 0,8/7 ≈ 0,234286.
    """
    without = analyse(make_project(VENDORS, _tree(False)), "wsm")
    assert without.order() == ["a", "b", "c"]
    result = analyse(make_project(VENDORS, _tree(True)), "wsm")
    assert result.order() == ["b", "a", "c"]
    rank = result.result
    assert rank is not None
    scores = dict(zip(rank.alternatives, rank.scores, strict=True))
    assert scores["a"] == pytest.approx(0.6)
    assert scores["b"] == pytest.approx(0.7)
    assert scores["c"] == pytest.approx(0.12 + 0.16 * 5 / 7)


def test_checklist_puts_each_vendor_value_in_words() -> None:
    vendors = [
        make_vendor("a", contract__sla_availability=99.5, contract__price_increase="syntec"),
        make_vendor("b", contract__notice_months=3),
    ]
    rows = dict(checklist(vendors, CONTRACT_FACTS, Words("fr")))
    assert rows["Disponibilité garantie (SLA)"] == ["99,5\u00a0%", "—"]
    assert rows["Plafond de hausse des prix"] == ["indexée sur l'indice Syntec", "—"]
    assert rows["Préavis de résiliation"] == ["—", "3\u00a0mois"]
    # A clause no vendor states is left out.
    assert "Séquestre du code source" not in rows


def test_risk_rows_highest_score_first_in_words() -> None:
    risks = [
        Risk(description="Retard", likelihood=2, impact=3),
        Risk(description="Faillite", likelihood=4, impact=5, mitigation="Séquestre", owner="DAF"),
    ]
    fr = risk_rows(risks, "fr")
    assert [r["description"] for r in fr] == ["Faillite", "Retard"]
    assert [r["score_value"] for r in fr] == [20, 6]
    assert fr[0]["likelihood"] == "4/5 (probable)"
    assert fr[0]["impact"] == "5/5 (critique)"
    assert fr[0]["score"] == "20/25"
    assert fr[1]["mitigation"] == "—"
    en = risk_rows(risks, "en")
    assert en[1]["likelihood"] == "2/5 (unlikely)"
    assert level_words("impact", 1, "en") == "1/5 (negligible)"
