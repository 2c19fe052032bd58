"""Offers: named variants of a vendor (edition, deployment, integrator) that override facts."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from erp_select.model.common import Slug, Strict, Text
from erp_select.model.fact import Deployment, Fact, FactId, LicenceModel
from erp_select.model.text import Name, check_name

#: An offer's id: a slug without dots (``offers.<id>.<fact>`` must read one way in tables).
OfferId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_\-]{0,39}$")]


class Offer(Strict):
    """One offer of a vendor: what differs from the vendor's profile, ranked on its own.

    Facts given here replace the vendor's facts of the same id (mainly ``price.*`` and
    deployment facts); ``deployment``, ``licence_model`` and ``editions`` replace the
    profile's when set. ``integrator`` names the project's integrator the offer comes with.
    """

    id: OfferId
    name: Name = Field(min_length=1, max_length=100)
    description: Text | None = None
    deployment: list[Deployment] | None = None
    licence_model: LicenceModel | None = None
    editions: list[Annotated[str, Field(max_length=100), AfterValidator(check_name)]] | None = None
    integrator: Slug | None = None
    facts: dict[FactId, Fact] = Field(default_factory=dict)
