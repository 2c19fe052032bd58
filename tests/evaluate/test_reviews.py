"""Reviews from several sources merged into one Bayesian rating; stale reviews count less.

Hand computations use the stated formula rating = (C·m + Σ rᵢ·nᵢ') / (C + Σ nᵢ') with
nᵢ' = nᵢ · 2^(−ageᵢ / half-life), ages in years of 365.25 days. Four calendar years that
contain one 29 February are exactly 1 461 days = 4 × 365.25, which keeps the ages exact.
"""

from __future__ import annotations

import datetime as dt

import pytest

from erp_select.evaluate import bayesian_rating, evaluate
from erp_select.evaluate.reviews import decay_factor
from erp_select.model import CriteriaTree, ReviewsValue
from tests.conftest import make_project, make_vendor, text

AS_OF = dt.date(2026, 1, 1)


def _vendor(vid: str = "a") -> object:
    return make_vendor(
        vid,
        # 4.8 from 100 reviews, written 4 years before AS_OF (1 461 days).
        reviews__old={"value": 4.8, "count": 100, "date": "2022-01-01"},
        # 4.0 from 50 reviews, written on AS_OF.
        reviews__new={"value": 4.0, "count": 50, "date": "2026-01-01"},
    )


def test_stale_reviews_decay_by_hand() -> None:
    # Half-life 2 years: the old rating is 2 half-lives old → 100 · 1/4 = 25 reviews.
    # rating = (25·3.5 + 4.8·25 + 4.0·50) / (25 + 25 + 50) = (87.5 + 120 + 200) / 100
    #        = 4.075.
    spec = ReviewsValue(prior_mean=3.5, prior_count=25, half_life_years=2)
    summary = bayesian_rating(_vendor(), spec, AS_OF)  # type: ignore[arg-type]
    assert summary.rating == pytest.approx(4.075)
    assert summary.count == 150
    assert summary.effective_count == pytest.approx(75)
    # The published mean is unchanged: (4.8·100 + 4.0·50) / 150 = 4.5333…
    assert summary.raw_mean == pytest.approx(680 / 150)
    assert summary.as_of == AS_OF
    assert set(summary.sources) == {"old", "new"}


def test_without_half_life_every_review_counts() -> None:
    # (87.5 + 480 + 200) / (25 + 150) = 767.5 / 175 = 4.3857…
    spec = ReviewsValue(prior_mean=3.5, prior_count=25)
    summary = bayesian_rating(_vendor(), spec, AS_OF)  # type: ignore[arg-type]
    assert summary.rating == pytest.approx(767.5 / 175)
    assert summary.effective_count == 150
    # Decay lowers the weight of the old, higher rating.
    decayed = bayesian_rating(_vendor(), ReviewsValue(half_life_years=2), AS_OF)  # type: ignore[arg-type]
    assert decayed.rating < summary.rating


def test_decay_factor_closed_form() -> None:
    # One half-life → 1/2; three years with a 3-year half-life, from 2023-01-01 to
    # 2026-01-01 = 1 096 days → 2^(−(1096/365.25)/3).
    assert decay_factor(dt.date(2024, 1, 1), dt.date(2026, 1, 1), 731 / 365.25) == pytest.approx(
        0.5
    )
    assert decay_factor(dt.date(2023, 1, 1), AS_OF, 3) == pytest.approx(2 ** (-(1096 / 365.25) / 3))
    assert decay_factor(None, AS_OF, 3) == 1.0  # undated: full weight
    assert decay_factor(dt.date(2027, 1, 1), AS_OF, 3) == 1.0  # after the reference date
    assert decay_factor(dt.date(2000, 1, 1), AS_OF, None) == 1.0  # no half-life


def test_evaluate_uses_the_project_reference_date() -> None:
    tree = CriteriaTree.model_validate(
        {
            "criteria": [
                {
                    "id": "rating",
                    "label": text("Rating", "Note"),
                    "value": {"kind": "reviews", "half_life_years": 2},
                }
            ]
        }
    )
    perf = evaluate(make_project([_vendor()], criteria=tree, as_of=AS_OF))  # type: ignore[list-item]
    assert perf.value("a", "rating") == pytest.approx(4.075)
    assert perf.reviews["a"].effective_count == pytest.approx(75)
    # Four years later (2030-01-01: 2 922 and 1 461 days, exact multiples of 365.25) the
    # old rating is 4 half-lives old (100/16 = 6.25 reviews) and the new one 2 (50/4 = 12.5):
    # (87.5 + 4.8·6.25 + 4.0·12.5) / (25 + 6.25 + 12.5) = 167.5 / 43.75 = 3.8285…
    later = evaluate(
        make_project([_vendor()], criteria=tree, as_of=dt.date(2030, 1, 1))  # type: ignore[list-item]
    )
    assert later.value("a", "rating") == pytest.approx(167.5 / 43.75)
    assert later.reviews["a"].effective_count == pytest.approx(18.75)


def test_reference_date_defaults_to_today(monkeypatch: pytest.MonkeyPatch) -> None:
    class Today(dt.date):
        @classmethod
        def today(cls) -> dt.date:
            return cls(2026, 1, 1)

    monkeypatch.setattr("erp_select.evaluate.reviews.dt.date", Today)
    spec = ReviewsValue(half_life_years=2)
    assert bayesian_rating(_vendor(), spec).rating == pytest.approx(4.075)  # type: ignore[arg-type]


def test_half_life_must_be_positive() -> None:
    with pytest.raises(ValueError):
        ReviewsValue(half_life_years=0)
