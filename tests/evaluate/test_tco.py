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
