"""Performance table: value functions, Bayesian reviews and the low-price flag, by hand."""

from __future__ import annotations

import numpy as np
import pytest

from erp_select.evaluate import bayesian_rating, evaluate
from erp_select.model import ReviewsValue
from tests.conftest import make_project, make_vendor


def _vendor(vid: str, coverage: float, price: float, **extra: object) -> object:
    return make_vendor(
        vid,
        fit__coverage=coverage,
        sec__mfa=True,
        sec__logs=False,
        sec__certs=["iso27001"],
        price__subscription_user_month=price,
        **extra,
    )


def test_linear_checklist_and_tco_values() -> None:
    project = make_project([_vendor("a", 65, 100), _vendor("b", 100, 120), _vendor("c", 30, 90)])
    perf = evaluate(project)
    assert perf.criteria == ["coverage", "controls", "tco"]
    # Linear 40 → 0, 90 → 100: 65 → 50; 100 → clipped 100; 30 → clipped 0.
    assert perf.values[:, 0] == pytest.approx([50, 100, 0])
    # Checklist: mfa (2) + iso27001 (1) present out of 4 → 75.
    assert perf.values[:, 1] == pytest.approx([75, 75, 75])
    # TCO: 10 users × price × 12 × 5.
    assert perf.values[:, 2] == pytest.approx([60_000, 72_000, 54_000])
    assert perf.objectives == ["max", "max", "min"]
    # Global weights: quality 0.6 split 2:1, price 0.4.
    assert perf.weights == pytest.approx([0.4, 0.2, 0.4])


def test_missing_fact_scores_zero_and_is_reported() -> None:
    v = make_vendor("a", sec__mfa=True, price__subscription_user_month=10)
    perf = evaluate(make_project([v]))
    assert perf.values[0, 0] == 0
    keys = {(f.key, f.criterion_id) for f in perf.findings}
    assert ("missing_value", "coverage") in keys
    text = next(f for f in perf.findings if f.criterion_id == "coverage").render("fr")
    # fit.coverage is not in the fact vocabulary: it reads as its criterion's label.
    assert "valeur manquante (Couverture)" in text and "la pire" in text
    assert "fit.coverage" not in text and "Coverage" not in text


def test_range_propagates_through_linear_value() -> None:
    v = _vendor("a", {"value": 65, "low": 50, "high": 80}, 100)  # type: ignore[arg-type]
    perf = evaluate(make_project([v]))
    # 50 → 20, 65 → 50, 80 → 80.
    assert (perf.low[0, 0], perf.values[0, 0], perf.high[0, 0]) == pytest.approx((20, 50, 80))
    assert perf.has_uncertainty()


def test_suspiciously_low_price_is_flagged_against_peer_median() -> None:
    # TCOs 60 000, 72 000, 66 000 and 18 000: the last is 18/66 ≈ 27 % of its peers' median.
    vendors = [
        _vendor("a", 60, 100),
        _vendor("b", 60, 120),
        _vendor("c", 60, 110),
        _vendor("cheap", 60, 30),
    ]
    perf = evaluate(make_project(vendors))
    flagged = [f for f in perf.findings if f.key == "suspiciously_low_price"]
    assert [f.vendor_id for f in flagged] == ["cheap"]
    assert flagged[0].params["share"] == pytest.approx(18_000 / 66_000)
    assert "27\u00a0%" in flagged[0].render("fr")
    assert "27%" in flagged[0].render("en")


def test_bayesian_rating_by_hand() -> None:
    spec = ReviewsValue(prior_mean=3.5, prior_count=25)
    few = make_vendor("few", reviews__a={"value": 4.9, "count": 12})
    many = make_vendor(
        "many", reviews__a={"value": 4.5, "count": 600}, reviews__b={"value": 4.2, "count": 300}
    )
    # (25 × 3.5 + 12 × 4.9) / 37 = 146.3 / 37 = 3.954…
    assert bayesian_rating(few, spec).rating == pytest.approx(146.3 / 37)
    # (87.5 + 2700 + 1260) / 925 = 4.3757…
    summary = bayesian_rating(many, spec)
    assert summary.rating == pytest.approx(4047.5 / 925)
    assert summary.count == 900
    assert summary.rating > bayesian_rating(few, spec).rating
    assert bayesian_rating(make_vendor("none"), spec).rating == 3.5


def test_subset_keeps_rows_in_order() -> None:
    perf = evaluate(make_project([_vendor("a", 60, 100), _vendor("b", 70, 90)]))
    sub = perf.subset(["b"])
    assert sub.vendors == ["b"]
    assert np.array_equal(sub.values[0], perf.values[1])
