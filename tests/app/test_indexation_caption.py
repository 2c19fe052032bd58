"""The vendors page says which yearly revision a vendor's recurring costs get."""

from __future__ import annotations

from erp_select.app.tco_view import indexation_text
from erp_select.evaluate.tco import tco
from erp_select.model import CostTerms
from tests.conftest import make_vendor


def test_the_vendor_cap_replaces_the_project_indexation_and_says_so() -> None:
    vendor = make_vendor(
        "v",
        price__subscription_user_month=10.0,
        price__indexation_cap={"value": 0.025, "low": 0.02, "high": 0.04},
    )
    breakdown = tco(vendor, 10, 3, terms=CostTerms(indexation=0.03))
    # Year 2 subscription: 10 users × 10 € × 12 × 1,025 = 1 230 € (the cap, not 3 %).
    assert breakdown.years[1]["subscription"].likely == 1230.0
    text = indexation_text(breakdown, 0.03, "fr").replace("\u00a0", " ")
    assert text.startswith("Révision annuelle des coûts récurrents : 2,5 % (de 2 % à 4 %)")
    assert "plafond prévu au contrat" in text and "(3 %)" in text
    assert "cap in the vendor's contract" in indexation_text(breakdown, 0.03, "en")


def test_without_a_cap_the_project_indexation_applies() -> None:
    vendor = make_vendor("v", price__subscription_user_month=10.0)
    breakdown = tco(vendor, 10, 3, terms=CostTerms(indexation=0.03))
    assert breakdown.years[1]["subscription"].likely == 1236.0  # 1 200 € × 1,03
    assert indexation_text(breakdown, 0.03, "fr").replace("\u00a0", " ") == (
        "Révision annuelle des coûts récurrents : 3 %, l'indexation du projet "
        "(l'éditeur n'indique pas de plafond)."
    )
