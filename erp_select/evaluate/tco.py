"""Multi-year total cost of ownership, year by year and line by line, as low / likely / high."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from erp_select.evaluate.evidence import fact_span
from erp_select.model import CostTerms, EvidenceWidths, VendorProfile


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
INDEXATION_CAP = "price.indexation_cap"  # yearly increase of recurring costs (share)
MIGRATION = "price.migration"  # one-off
INTERFACES = "price.interfaces"  # count
INTERFACE_UNIT = "price.interface_unit"  # per interface, one-off
HARDWARE = "price.hardware"  # one-off (on-premise)
INTERNAL_DAYS = "price.internal_days"  # days of the company's staff

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
    INDEXATION_CAP,
    MIGRATION,
    INTERFACES,
    INTERFACE_UNIT,
    HARDWARE,
    INTERNAL_DAYS,
)

#: Lines paid every year, indexed from the second year on.
RECURRING = ("subscription", "maintenance", "platform", "hosting")
#: One-off project lines the contingency share applies to (services and internal time;
#: not licence purchases nor hardware, which are firm quotes).
CONTINGENCY_BASE = (
    "implementation",
    "customisation",
    "migration",
    "interfaces",
    "training",
    "internal",
)
#: Lines paid once, in the first year (the licence also when users are added later).
ONE_OFF = ("licence", *CONTINGENCY_BASE, "hardware", "contingency")
#: Lines every table shows, even at zero (the ones a TCO always had).
BASE_LINES = (
    "subscription",
    "licence",
    "maintenance",
    "platform",
    "hosting",
    "implementation",
    "customisation",
    "training",
)
#: Every line, in the order tables show them.
LINES = (*BASE_LINES, "migration", "interfaces", "hardware", "internal", "contingency")


@dataclass(frozen=True)
class TcoBreakdown:
    """The TCO of one vendor: each line for each year, each line over the horizon, the total.

    Every amount is a low / likely / high :class:`Estimate`; totals add bound by bound.
    ``years[k][line]`` is the line's cost in year k + 1 (nominal euros); ``components`` the
    line's sum over the horizon; ``nominal`` the sum of everything. ``indexation`` is the
    yearly rate applied to recurring lines, ``capped`` whether it is the vendor's contractual
    cap (``price.indexation_cap``) rather than the project's indexation. ``total`` is the figure
    the ranking uses: the net present value ``present`` when a discount rate is set, else
    ``nominal``. ``customisation_days`` is set when the customisation line comes from the
    vendor's questionnaire answers (days × day rate) rather than its quote.
    """

    vendor_id: str
    users: int
    billed_users: int
    horizon_years: int
    components: dict[str, Estimate]
    total: Estimate
    missing: tuple[str, ...]
    customisation_days: Estimate | None = None
    years: tuple[dict[str, Estimate], ...] = ()
    billed_by_year: tuple[int, ...] = ()
    nominal: Estimate = ZERO
    present: Estimate | None = None
    indexation: Estimate = ZERO
    discount_rate: float | None = None
    capped: bool = False

    def shown(self) -> tuple[str, ...]:
        """The lines a table shows: the base lines, and any other line that costs something."""
        return tuple(
            line
            for line, est in self.components.items()
            if line in BASE_LINES or est.high > 0 or est.likely > 0
        )

    @property
    def first_year(self) -> Estimate:
        """What the first year costs: the one-off lines plus one year of recurring lines."""
        return sum_of(self.years[0].values()) if self.years else ZERO


def sum_of(amounts: Iterable[Estimate]) -> Estimate:
    """The sum of estimates, bound by bound."""
    total = ZERO
    for est in amounts:
        total = total + est
    return total


def users_in_year(users: int, growth: float, year: int) -> int:
    """Users in ``year`` (1 = the first): users × (1 + growth)^(year − 1), nearest whole user."""
    return math.floor(users * (1.0 + growth) ** (year - 1) + 0.5)


def _estimate(
    vendor: VendorProfile, fact_id: str, widths: EvidenceWidths | None = None
) -> Estimate | None:
    fact = vendor.facts.get(fact_id)
    if fact is None:
        return None
    span = fact_span(fact, widths)
    return None if span is None else Estimate(*span)


def _power(rate: Estimate, exponent: int) -> Estimate:
    """(1 + rate)^exponent, bound by bound."""
    return Estimate(
        (1 + rate.low) ** exponent, (1 + rate.likely) ** exponent, (1 + rate.high) ** exponent
    )


def tco(
    vendor: VendorProfile,
    users: int,
    horizon_years: int,
    *,
    widths: EvidenceWidths | None = None,
    customisation: tuple[Estimate, Estimate] | None = None,
    terms: CostTerms | None = None,
) -> TcoBreakdown:
    """Compute the total cost of ownership of ``vendor`` for ``users`` over ``horizon_years``.

    Year k (1 … horizon) has u_k = users × (1 + growth)^(k−1) users (nearest whole user) and
    b_k = max(u_k, minimum users) billed users. Recurring lines, × the index factor
    (1 + i)^(k−1) where i is the vendor's ``price.indexation_cap`` else the project's
    indexation: subscription per user per month × 12 × b_k; platform fee; hosting;
    maintenance rate × licence per user × the licences owned (the largest b so far).
    Licence per user × the users added that year (all of b_1 in year 1). One-off lines in
    year 1: implementation, customisation, training, data migration, interfaces (count ×
    unit cost), hardware, internal staff (days × the project's internal day cost) and the
    contingency share of :data:`CONTINGENCY_BASE`. With a discount rate r the total is the
    net present value Σ_k cost_k / (1 + r)^(k−1) (each year paid at its start, the first
    undiscounted). A missing line counts as zero; ``missing`` lists the subscription and
    licence when the vendor gives neither. Bounds multiply bound by bound (all amounts and
    rates are non-negative) and add bound by bound.

    Parameters
    ----------
    vendor : VendorProfile
        The vendor, whose ``price.*`` facts are read (low/high give the range).
    users : int
        Number of ERP users of the company in the first year.
    horizon_years : int
        Number of years counted.
    widths : EvidenceWidths, optional
        Evidence widths: a price fact without an explicit range gets value × (1 ± w) for
        its evidence level. No widening when omitted.
    customisation : tuple of Estimate, optional
        ``(cost, days)`` from the questionnaire answers; replaces the
        ``price.customisation`` quote when given.
    terms : CostTerms, optional
        The project's cost terms; the default keeps prices and users flat, no NPV.

    Returns
    -------
    TcoBreakdown
        Lines per year, per horizon and the total as low / likely / high estimates.
    """
    terms = terms or CostTerms()
    min_users = _estimate(vendor, MIN_USERS)
    floor_users = int(min_users.likely) if min_users else 0
    billed = tuple(
        max(users_in_year(users, terms.user_growth, k), floor_users)
        for k in range(1, horizon_years + 1)
    )

    def get(fact_id: str) -> Estimate:
        return _estimate(vendor, fact_id, widths) or ZERO

    rate = _estimate(vendor, INDEXATION_CAP, widths)
    index = rate if rate is not None else Estimate(*(3 * (terms.indexation,)))
    licence_per_user = get(LICENCE)
    subscription, platform, hosting = get(SUBSCRIPTION), get(PLATFORM), get(HOSTING)
    maintenance = get(MAINTENANCE_RATE).times(licence_per_user)
    one_off = {
        "implementation": get(IMPLEMENTATION),
        "customisation": customisation[0] if customisation is not None else get(CUSTOMISATION),
        "training": get(TRAINING),
        "migration": get(MIGRATION),
        "interfaces": get(INTERFACES).times(get(INTERFACE_UNIT)),
        "hardware": get(HARDWARE),
        "internal": get(INTERNAL_DAYS).scale(terms.internal_day_cost),
    }
    base = sum_of(one_off[line] for line in CONTINGENCY_BASE)
    one_off["contingency"] = base.scale(terms.contingency)
    years: list[dict[str, Estimate]] = []
    owned = 0
    for k, b in enumerate(billed, start=1):
        factor = _power(index, k - 1)
        added, owned = max(b - owned, 0), max(owned, b)
        lines = {
            "subscription": subscription.scale(12 * b).times(factor),
            "licence": licence_per_user.scale(added),
            "maintenance": maintenance.scale(owned).times(factor),
            "platform": platform.times(factor),
            "hosting": hosting.times(factor),
        }
        lines.update({name: est if k == 1 else ZERO for name, est in one_off.items()})
        years.append({line: lines[line] for line in LINES})
    components = {line: sum_of(y[line] for y in years) for line in LINES}
    nominal = sum_of(components.values())
    present = None
    if terms.discount_rate is not None:
        r = terms.discount_rate
        present = sum_of(sum_of(y.values()).scale((1 + r) ** -k) for k, y in enumerate(years))
    missing: tuple[str, ...] = ()
    if _estimate(vendor, SUBSCRIPTION) is None and _estimate(vendor, LICENCE) is None:
        missing = (SUBSCRIPTION, LICENCE)
    return TcoBreakdown(
        vendor_id=vendor.id,
        users=users,
        billed_users=billed[0],
        horizon_years=horizon_years,
        components=components,
        total=present if present is not None else nominal,
        missing=missing,
        customisation_days=customisation[1] if customisation is not None else None,
        years=tuple(years),
        billed_by_year=billed,
        nominal=nominal,
        present=present,
        indexation=index,
        discount_rate=terms.discount_rate,
        capped=rate is not None,
    )
