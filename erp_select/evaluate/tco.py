"""Multi-year total cost of ownership from a vendor's pricing facts, as low / likely / high."""

from __future__ import annotations

from dataclasses import dataclass

from erp_select.evaluate.evidence import fact_span
from erp_select.model import EvidenceWidths, VendorProfile


@dataclass(frozen=True)
class Estimate:
    """An amount with its range: ``low ≤ likely ≤ high``."""

    low: float
    likely: float
    high: float

    def __add__(self, other: Estimate) -> Estimate:
        return Estimate(self.low + other.low, self.likely + other.likely, self.high + other.high)

    def scale(self, factor: float) -> Estimate:
        """Multiply every bound by a non-negative ``factor``."""
        return Estimate(self.low * factor, self.likely * factor, self.high * factor)

    def times(self, other: Estimate) -> Estimate:
        """Product of two non-negative estimates (bounds multiply bound by bound)."""
        return Estimate(self.low * other.low, self.likely * other.likely, self.high * other.high)


ZERO = Estimate(0.0, 0.0, 0.0)

# Pricing facts read by the TCO (all amounts in euros).
SUBSCRIPTION = "price.subscription_user_month"  # per user per month
LICENCE = "price.licence_user"  # per user, one-off (perpetual licence)
MAINTENANCE_RATE = "price.maintenance_rate"  # yearly share of the licence
PLATFORM = "price.platform_year"  # fixed yearly fee
IMPLEMENTATION = "price.implementation"  # one-off
CUSTOMISATION = "price.customisation"  # one-off
HOSTING = "price.hosting_year"  # yearly
TRAINING = "price.training"  # one-off
MIN_USERS = "price.min_users"  # minimum number of billed users

PRICING_FACTS = (
    SUBSCRIPTION,
    LICENCE,
    MAINTENANCE_RATE,
    PLATFORM,
    IMPLEMENTATION,
    CUSTOMISATION,
    HOSTING,
    TRAINING,
    MIN_USERS,
)


@dataclass(frozen=True)
class TcoBreakdown:
    """The TCO of one vendor: each component over the horizon, and the total.

    Every component is a low / likely / high :class:`Estimate`; the total adds them bound
    by bound. ``customisation_days`` is set when the customisation component comes from
    the vendor's questionnaire answers (days × day rate) rather than its quote.
    """

    vendor_id: str
    users: int
    billed_users: int
    horizon_years: int
    components: dict[str, Estimate]
    total: Estimate
    missing: tuple[str, ...]
    customisation_days: Estimate | None = None

    @property
    def first_year(self) -> Estimate:
        """One-off costs plus one year of recurring costs."""
        one_off = ("licence", "implementation", "customisation", "training")
        total = ZERO
        for name, est in self.components.items():
            total = total + (est if name in one_off else est.scale(1 / self.horizon_years))
        return total


def _estimate(
    vendor: VendorProfile, fact_id: str, widths: EvidenceWidths | None = None
) -> Estimate | None:
    fact = vendor.facts.get(fact_id)
    if fact is None:
        return None
    span = fact_span(fact, widths)
    return None if span is None else Estimate(*span)


def tco(
    vendor: VendorProfile,
    users: int,
    horizon_years: int,
    *,
    widths: EvidenceWidths | None = None,
    customisation: tuple[Estimate, Estimate] | None = None,
) -> TcoBreakdown:
    """Compute the total cost of ownership of ``vendor`` for ``users`` over ``horizon_years``.

    One-off: licence per user × billed users, implementation, customisation, training.
    Recurring, × horizon: subscription per user per month × 12 × billed users, fixed platform
    fee, maintenance rate × licence, hosting. Billed users = max(users, minimum users).
    A missing component counts as zero and is listed in ``missing`` when the vendor gives
    neither a subscription nor a licence price. Every component is low / likely / high:
    bounds multiply bound by bound (all amounts are non-negative) and add bound by bound.

    Parameters
    ----------
    vendor : VendorProfile
        The vendor, whose ``price.*`` facts are read (low/high give the range).
    users : int
        Number of ERP users of the company.
    horizon_years : int
        Number of years counted.
    widths : EvidenceWidths, optional
        Evidence widths: a price fact without an explicit range gets value × (1 ± w) for
        its evidence level. No widening when omitted.
    customisation : tuple of Estimate, optional
        ``(cost, days)`` from the questionnaire answers; replaces the
        ``price.customisation`` quote when given.

    Returns
    -------
    TcoBreakdown
        Components and total as low / likely / high estimates.
    """
    min_users = _estimate(vendor, MIN_USERS)
    billed = max(users, int(min_users.likely)) if min_users else users
    n = Estimate(billed, billed, billed)

    def get(fact_id: str) -> Estimate:
        return _estimate(vendor, fact_id, widths) or ZERO

    licence_per_user = get(LICENCE)
    components = {
        "subscription": get(SUBSCRIPTION).times(n).scale(12 * horizon_years),
        "licence": licence_per_user.times(n),
        "maintenance": get(MAINTENANCE_RATE).times(licence_per_user).times(n).scale(horizon_years),
        "platform": get(PLATFORM).scale(horizon_years),
        "hosting": get(HOSTING).scale(horizon_years),
        "implementation": get(IMPLEMENTATION),
        "customisation": customisation[0] if customisation is not None else get(CUSTOMISATION),
        "training": get(TRAINING),
    }
    total = ZERO
    for est in components.values():
        total = total + est
    missing: tuple[str, ...] = ()
    if _estimate(vendor, SUBSCRIPTION) is None and _estimate(vendor, LICENCE) is None:
        missing = (SUBSCRIPTION, LICENCE)
    return TcoBreakdown(
        vendor_id=vendor.id,
        users=users,
        billed_users=billed,
        horizon_years=horizon_years,
        components=components,
        total=total,
        missing=missing,
        customisation_days=customisation[1] if customisation is not None else None,
    )
