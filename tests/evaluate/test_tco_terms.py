"""TCO over time (indexation, user growth, NPV, contingency) checked against sums done by hand."""

from __future__ import annotations

import pytest

from erp_select.evaluate import tco
from erp_select.evaluate.tco import ONE_OFF, RECURRING, users_in_year
from erp_select.model import CostTerms, EvidenceWidths, VendorProfile
from tests.conftest import make_vendor


def _cloud_vendor() -> VendorProfile:
    return make_vendor(
        price__subscription_user_month=100,
        price__platform_year=1000,
        price__implementation=20000,
        price__training=2000,
        price__migration=5000,
        price__interfaces=3,
        price__interface_unit=1500,
        price__internal_days=20,
    )


TERMS = CostTerms(
    indexation=0.03,
    user_growth=0.10,
    internal_day_cost=400,
    discount_rate=0.05,
    contingency=0.10,
)


def test_indexation_growth_contingency_and_npv_by_hand() -> None:
    """10 users growing 10 %/yr, 3 years, indexation 3 %/yr, contingency 10 %, NPV at 5 %.

    Users: year 1 = 10; year 2 = 10 × 1.1 = 11; year 3 = 10 × 1.21 = 12.1 → 12.

    Year 1: subscription 100 × 12 × 10 = 12 000; platform 1 000;
        one-off: implementation 20 000 + training 2 000 + migration 5 000
        + interfaces 3 × 1 500 = 4 500 + internal 20 days × 400 = 8 000 → 39 500;
        contingency 10 % × 39 500 = 3 950.
        Year 1 = 12 000 + 1 000 + 39 500 + 3 950 = 56 450.
    Year 2 (index 1.03): subscription 100 × 12 × 11 × 1.03 = 13 596; platform 1 030
        → 14 626.
    Year 3 (index 1.03² = 1.0609): subscription 100 × 12 × 12 × 1.0609 = 15 276.96;
        platform 1 060.90 → 16 337.86.
    Nominal = 56 450 + 14 626 + 16 337.86 = 87 413.86.
    NPV (each year paid at its start) = 56 450 + 14 626 / 1.05 + 16 337.86 / 1.05²
        = 56 450 + 13 929.523810 + 14 818.920635 = 85 198.444444.
    """
    result = tco(_cloud_vendor(), users=10, horizon_years=3, terms=TERMS)
    assert result.billed_by_year == (10, 11, 12)
    by_year = [sum(e.likely for e in y.values()) for y in result.years]
    assert by_year == pytest.approx([56_450, 14_626, 16_337.86])
    assert result.years[1]["subscription"].likely == pytest.approx(13_596)
    assert result.years[2]["platform"].likely == pytest.approx(1_060.90)
    assert result.components["interfaces"].likely == pytest.approx(4_500)
    assert result.components["internal"].likely == pytest.approx(8_000)
    assert result.components["contingency"].likely == pytest.approx(3_950)
    assert result.nominal.likely == pytest.approx(87_413.86)
    assert result.present is not None
    assert result.present.likely == pytest.approx(85_198.444444)
    # The ranked figure is the present value when a discount rate is set.
    assert result.total.likely == pytest.approx(85_198.444444)
    assert result.first_year.likely == pytest.approx(56_450)


def test_licences_bought_as_users_grow_and_the_vendor_cap_wins_by_hand() -> None:
    """Licence 1 000 €/user, maintenance 20 %/yr, 10 users + 10 %/yr, 3 years.

    The project indexes by 5 % but the vendor's contract caps increases at 2 %: 2 % applies.
    Year 1: licences 10 × 1 000 = 10 000; maintenance 0.2 × 1 000 × 10 = 2 000.
    Year 2: 1 added licence = 1 000; maintenance 0.2 × 1 000 × 11 × 1.02 = 2 244.
    Year 3: 1 added licence = 1 000; maintenance 0.2 × 1 000 × 12 × 1.02² = 2 496.96.
    Total = 10 000 + 2 000 + 1 000 + 2 244 + 1 000 + 2 496.96 = 18 740.96 (no NPV).
    """
    v = make_vendor(
        price__licence_user=1000, price__maintenance_rate=0.2, price__indexation_cap=0.02
    )
    terms = CostTerms(indexation=0.05, user_growth=0.10)
    result = tco(v, users=10, horizon_years=3, terms=terms)
    assert [y["licence"].likely for y in result.years] == pytest.approx([10_000, 1_000, 1_000])
    assert [y["maintenance"].likely for y in result.years] == pytest.approx(
        [2_000, 2_244, 2_496.96]
    )
    assert result.present is None
    assert result.total.likely == pytest.approx(18_740.96)


def test_bounds_follow_the_evidence_and_the_cap_range() -> None:
    """Subscription 50 € (low 40, high 60), 10 users, 2 years, cap 2 % (low 0, high 4 %).

    Year 2 = price × 12 × 10 × (1 + cap): low 40 × 120 × 1.00 = 4 800;
    likely 50 × 120 × 1.02 = 6 120; high 60 × 120 × 1.04 = 7 488.
    Training 1 000 claimed, evidence width 0.3 for claims → 700 / 1 000 / 1 300 in year 1.
    """
    v = make_vendor(
        price__subscription_user_month={"value": 50, "low": 40, "high": 60},
        price__indexation_cap={"value": 0.02, "low": 0.0, "high": 0.04},
        price__training={"value": 1000, "evidence": "claim"},
    )
    widths = EvidenceWidths(claim=0.3)
    result = tco(v, users=10, horizon_years=2, widths=widths)
    year2 = result.years[1]["subscription"]
    assert (year2.low, year2.likely, year2.high) == pytest.approx((4_800, 6_120, 7_488))
    training = result.years[0]["training"]
    assert (training.low, training.likely, training.high) == pytest.approx((700, 1_000, 1_300))
    assert result.years[1]["training"].likely == 0


def test_contingency_leaves_licences_and_hardware_out() -> None:
    # 10 % of implementation 10 000 only: licence 5 × 2 000 and hardware 8 000 are firm.
    v = make_vendor(price__licence_user=2000, price__hardware=8000, price__implementation=10000)
    result = tco(v, users=5, horizon_years=1, terms=CostTerms(contingency=0.1))
    assert result.components["contingency"].likely == pytest.approx(1_000)
    assert result.total.likely == pytest.approx(10_000 + 8_000 + 10_000 + 1_000)


def test_default_terms_keep_the_flat_tco() -> None:
    # Same figures with and without terms: flat prices, flat users, no NPV, no contingency.
    v = make_vendor(
        price__subscription_user_month=30,
        price__licence_user=500,
        price__maintenance_rate=0.2,
        price__hosting_year=1200,
        price__implementation=9000,
        price__min_users=8,
    )
    plain = tco(v, users=5, horizon_years=4)
    with_terms = tco(v, users=5, horizon_years=4, terms=CostTerms())
    # 8 billed × 30 × 48 = 11 520; licence 8 × 500 = 4 000; maintenance 0.2 × 4 000 × 4 =
    # 3 200; hosting 4 800; implementation 9 000 → 32 520.
    assert plain.total.likely == with_terms.total.likely == pytest.approx(32_520)
    assert plain.present is None and plain.billed_by_year == (8, 8, 8, 8)
    # Internal days without an internal day cost count nothing.
    assert tco(make_vendor(price__internal_days=30), 5, 1).total.likely == 0


def test_every_line_is_one_off_or_recurring_and_each_year_is_complete() -> None:
    result = tco(_cloud_vendor(), users=10, horizon_years=3, terms=TERMS)
    assert set(ONE_OFF) | set(RECURRING) == set(result.components)
    assert all(set(y) == set(result.components) for y in result.years)
    assert all(result.years[k][line].likely == 0 for k in (1, 2) for line in ONE_OFF)


@pytest.mark.parametrize(
    ("users", "growth", "year", "expected"),
    [(10, 0.1, 3, 12), (50, 0.0, 5, 50), (20, 0.25, 2, 25), (3, 0.5, 3, 7)],  # 6,75 → 7
)
def test_users_per_year(users: int, growth: float, year: int, expected: int) -> None:
    assert users_in_year(users, growth, year) == expected
