"""The ranked alternatives: each vendor, or each offer, paired with each of its integrators."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from erp_select.model.fact import Evidence, Fact
from erp_select.model.integrators import Integrator
from erp_select.model.offers import Offer
from erp_select.model.vendor import VendorProfile

#: Joins a vendor's id with its offer's and its integrator's into an alternative's id.
ID_JOIN = "--"
#: Joins the names the same way, as people read them: « Velocitra — Cloud ».
NAME_JOIN = " — "
#: The vendor's implementation effort in consultant days (× the integrator's day rate).
IMPLEMENTATION_DAYS = "impl.days"
#: The integrator's day rate, euros per day.
INTEGRATOR_DAY_RATE = "integrator.day_rate"
#: The facts the pairing computes: the implementation quote and the customisation day rate.
IMPLEMENTATION = "price.implementation"
DAY_RATE = "price.day_rate"
_EVIDENCE_ORDER: tuple[Evidence, ...] = ("claim", "demo", "reference", "contract")


@dataclass(frozen=True)
class Alternative:
    """One thing the ranking compares: a vendor, one of its offers, and an integrator.

    ``profile`` is the vendor's profile as ranked: the offer's facts over the vendor's, the
    integrator's facts added, its id and name those of the alternative.
    """

    vendor_id: str
    offer_id: str | None
    integrator_id: str | None
    profile: VendorProfile
    vendor_name: str = ""
    variant: str = ""

    @property
    def id(self) -> str:
        """The alternative's id (the vendor's id when it has neither offer nor integrator)."""
        return self.profile.id


def _weaker(*facts: Fact) -> Evidence | None:
    levels = [f.evidence for f in facts]
    known = [level for level in levels if level is not None]
    if len(known) < len(levels):
        return None
    return min(known, key=_EVIDENCE_ORDER.index)


def implementation_from(days: Fact, rate: Fact) -> Fact | None:
    """Days × day rate as an implementation quote, bound by bound; ``None`` if not numbers."""
    d, r = days.number, rate.number
    if d is None or r is None or d < 0 or r < 0:
        return None
    d_low = days.number_low if days.number_low is not None else d
    d_high = days.number_high if days.number_high is not None else d
    r_low = rate.number_low if rate.number_low is not None else r
    r_high = rate.number_high if rate.number_high is not None else r
    ranged = (d_low, d_high, r_low, r_high) != (d, d, r, r)
    return Fact(
        value=d * r,
        low=d_low * r_low if ranged else None,
        high=d_high * r_high if ranged else None,
        unit="€",
        evidence=_weaker(days, rate),
    )


def _profile(
    vendor: VendorProfile, offer: Offer | None, integrator: Integrator | None
) -> VendorProfile:
    facts = dict(vendor.facts)
    update: dict[str, object] = {"offers": [], "integrators": []}
    ids, names = [vendor.id], [vendor.name]
    risks = list(vendor.risks)
    if offer is not None:
        facts.update(offer.facts)
        ids.append(offer.id)
        names.append(offer.name)
        for key in ("deployment", "licence_model", "editions"):
            if getattr(offer, key) is not None:
                update[key] = getattr(offer, key)
    if integrator is not None:
        facts.update(integrator.facts)
        ids.append(integrator.id)
        names.append(integrator.name)
        risks.extend(integrator.risks)
        rate = integrator.facts.get(INTEGRATOR_DAY_RATE)
        days = facts.get(IMPLEMENTATION_DAYS)
        if rate is not None:
            if rate.number is not None:
                facts[DAY_RATE] = rate.model_copy(update={"unit": "€/day"})
            quote = implementation_from(days, rate) if days is not None else None
            if quote is not None:
                facts[IMPLEMENTATION] = quote
    update.update(id=ID_JOIN.join(ids), name=NAME_JOIN.join(names), facts=facts, risks=risks)
    return vendor.model_copy(update=update)


def pairings(vendor: VendorProfile, offer: Offer | None) -> list[str | None]:
    """The integrator ids an offer is ranked with: its own, else the vendor's, else none."""
    if offer is not None and offer.integrator is not None:
        return [offer.integrator]
    return list(vendor.integrators) or [None]


def alternatives(
    vendors: Sequence[VendorProfile], integrators: Sequence[Integrator]
) -> list[Alternative]:
    """Every ranked alternative, vendor by vendor in file order.

    A vendor with neither offers nor integrators is one alternative, its profile unchanged.
    Otherwise each offer (or the vendor itself when it has none) is paired with each
    integrator that deploys it. An integrator id the project does not know is skipped
    (the project refuses it when validated).
    """
    known = {i.id: i for i in integrators}
    out: list[Alternative] = []
    for vendor in vendors:
        if not vendor.offers and not vendor.integrators:
            out.append(Alternative(vendor.id, None, None, vendor, vendor.name))
            continue
        offers: list[Offer | None] = [*vendor.offers] or [None]
        for offer in offers:
            for integrator_id in pairings(vendor, offer):
                integrator = known.get(integrator_id) if integrator_id else None
                if integrator_id is not None and integrator is None:
                    continue
                parts = [x.name for x in (offer, integrator) if x is not None]
                out.append(
                    Alternative(
                        vendor.id,
                        offer.id if offer else None,
                        integrator_id,
                        _profile(vendor, offer, integrator),
                        vendor.name,
                        NAME_JOIN.join(parts),
                    )
                )
    return out
