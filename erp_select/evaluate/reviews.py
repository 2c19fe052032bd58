"""Customer reviews merged into one Bayesian rating that weighs each rating by its count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from erp_select.model import ReviewsValue, VendorProfile

#: Days in a year for review ageing (the mean Gregorian year).
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class ReviewSummary:
    """The merged rating of one vendor and what it rests on.

    ``count`` is the number of reviews as published; ``effective_count`` the number that
    actually weighed, after stale reviews were discounted (equal to ``count`` without a
    half-life).
    """

    rating: float
    raw_mean: float | None
    count: int
    sources: tuple[str, ...]
    effective_count: float = 0.0
    as_of: dt.date | None = None


def decay_factor(date: dt.date | None, as_of: dt.date, half_life_years: float | None) -> float:
    """Share of a rating's reviews still counted: 2^(−age / half-life), age in years ≥ 0.

    A rating without a date, or no half-life, keeps its full count; a date after
    ``as_of`` counts as age 0.
    """
    if half_life_years is None or date is None:
        return 1.0
    age = max(0, (as_of - date).days) / DAYS_PER_YEAR
    return float(0.5 ** (age / half_life_years))


def bayesian_rating(
    vendor: VendorProfile, spec: ReviewsValue, as_of: dt.date | None = None
) -> ReviewSummary:
    """Merge the vendor's review facts into one rating shrunk towards a prior.

    rating = (C·m + Σ rᵢ·nᵢ') / (C + Σ nᵢ'), with m = ``prior_mean``, C = ``prior_count``
    and nᵢ' = nᵢ · 2^(−aᵢ / h) the count of rating i discounted by its age aᵢ in years
    (h = ``half_life_years``; no discount without one): a 4.9 from 12 reviews moves little
    from the prior, a 4.5 from 900 reviews barely at all, and reviews written long ago
    count less than recent ones. A rating fact without a count counts as one review.

    Parameters
    ----------
    vendor : VendorProfile
        The vendor; every fact whose id starts with ``spec.prefix`` is a rating.
    spec : ReviewsValue
        The prior, the prefix and the half-life, from the criteria file.
    as_of : datetime.date, optional
        Reference date for the ages (the project's ``as_of``); today when omitted.

    Returns
    -------
    ReviewSummary
        The Bayesian rating, the plain count-weighted mean of the published ratings
        (``None`` without reviews), the published and effective numbers of reviews, and
        the sources used.
    """
    reference = as_of or dt.date.today()
    weighted = 0.0
    plain = 0.0
    count = 0
    effective = 0.0
    sources: list[str] = []
    for fact_id, fact in sorted(vendor.facts.items()):
        if not fact_id.startswith(spec.prefix) or fact.number is None:
            continue
        n = fact.count if fact.count is not None else 1
        rating = min(max(fact.number, 0.0), spec.scale_max)
        n_eff = n * decay_factor(fact.date, reference, spec.half_life_years)
        weighted += rating * n_eff
        plain += rating * n
        count += n
        effective += n_eff
        sources.append(fact_id[len(spec.prefix) :])
    prior = spec.prior_count * spec.prior_mean
    denominator = spec.prior_count + effective
    rating = (prior + weighted) / denominator if denominator > 0 else spec.prior_mean
    return ReviewSummary(
        rating=rating,
        raw_mean=plain / count if count else None,
        count=count,
        sources=tuple(sources),
        effective_count=effective,
        as_of=reference if spec.half_life_years is not None else as_of,
    )
