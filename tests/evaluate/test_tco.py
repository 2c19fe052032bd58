"""TCO arithmetic checked against sums worked out by hand."""

from __future__ import annotations

import pytest

from erp_select.evaluate import tco
from tests.conftest import make_vendor


def test_subscription_tco_by_hand() -> None:
    # 20 users × 50 €/month × 12 × 5 years = 60 000; platform 1 000/yr × 5 = 5 000;
    # hosting 0; implementation 30 000; customisation 5 000; training 2 000 → 102 000.
    v = make_vendor(
        price__subscription_user_month=50,
        price__platform_year=1000,
        price__implementation=30000,
        price__customisation=5000,
        price__training=2000,
    )
    result = tco(v, users=20, horizon_years=5)
    assert result.total.likely == pytest.approx(102_000)
    assert result.components["subscription"].likely == pytest.approx(60_000)
    assert result.missing == ()


def test_perpetual_licence_with_maintenance_by_hand() -> None:
    # Licence 1 500 €/user × 10 = 15 000 one-off; maintenance 20 % × 15 000 × 3 years = 9 000;
    # hosting 4 000 × 3 = 12 000 → 36 000.
    v = make_vendor(price__licence_user=1500, price__maintenance_rate=0.2, price__hosting_year=4000)
    assert tco(v, users=10, horizon_years=3).total.likely == pytest.approx(36_000)


def test_minimum_billed_users() -> None:
    # 5 users but 10 billed: 10 × 40 × 12 × 1 = 4 800.
    v = make_vendor(price__subscription_user_month=40, price__min_users=10)
    result = tco(v, users=5, horizon_years=1)
    assert result.billed_users == 10
    assert result.total.likely == pytest.approx(4_800)


def test_ranges_add_bound_by_bound() -> None:
    # Implementation 20 000 (15 000 … 35 000) + subscription 10 × 30 × 12 × 2 = 7 200.
    v = make_vendor(
        price__subscription_user_month=30,
        price__implementation={"value": 20000, "low": 15000, "high": 35000},
    )
    total = tco(v, users=10, horizon_years=2).total
    assert (total.low, total.likely, total.high) == pytest.approx((22_200, 27_200, 42_200))


def test_no_price_is_reported() -> None:
    v = make_vendor(price__implementation=1000)
    assert tco(v, users=3, horizon_years=5).missing != ()


def test_component_ranges_multiply_and_add_bound_by_bound() -> None:
    # Perpetual licence 1 000 €/user (claim ±25 % → 750 … 1 250), 10 users, 2 years;
    # maintenance rate 0.2 under contract (no range); implementation 10 000 (8 000 …
    # 15 000, explicit range kept).
    # licence      7 500 / 10 000 / 12 500
    # maintenance  0.2 × licence × 2 years = 3 000 / 4 000 / 5 000
    # total        18 500 / 24 000 / 32 500
    from erp_select.model import EvidenceWidths

    v = make_vendor(
        price__licence_user={"value": 1000, "evidence": "claim"},
        price__maintenance_rate={"value": 0.2, "evidence": "contract"},
        price__implementation={"value": 10000, "low": 8000, "high": 15000, "evidence": "claim"},
    )
    result = tco(v, users=10, horizon_years=2, widths=EvidenceWidths())
    parts = {k: (e.low, e.likely, e.high) for k, e in result.components.items()}
    assert parts["licence"] == pytest.approx((7_500, 10_000, 12_500))
    assert parts["maintenance"] == pytest.approx((3_000, 4_000, 5_000))
    assert parts["implementation"] == pytest.approx((8_000, 10_000, 15_000))
    total = result.total
    assert (total.low, total.likely, total.high) == pytest.approx((18_500, 24_000, 32_500))
    # Without widths (a direct call) only the explicit range remains.
    plain = tco(v, users=10, horizon_years=2).total
    assert (plain.low, plain.likely, plain.high) == pytest.approx((22_000, 24_000, 29_000))
