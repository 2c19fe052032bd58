"""Vendor profiles: who the vendor is, and raw facts each with its source."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from erp_select.model.common import Slug, Strict, Text, invalid
from erp_select.model.fact import (
    CompanySize,
    Deployment,
    Evidence,
    Fact,
    FactData,
    FactId,
    FactScalar,
    LicenceModel,
)
from erp_select.model.offers import Offer
from erp_select.model.requirements import Answer, RequirementId
from erp_select.model.risks import Risk
from erp_select.model.text import Name, check_name

__all__ = [
    "CompanySize",
    "Deployment",
    "Evidence",
    "Fact",
    "FactData",
    "FactId",
    "FactScalar",
    "LicenceModel",
    "VendorProfile",
]


class VendorProfile(Strict):
    """A vendor and its product, as the selection sees it."""

    format: Literal["erp-select.vendor"] = "erp-select.vendor"
    version: Literal[1] = 1
    id: Slug
    name: Name = Field(min_length=1, max_length=200)
    product: Annotated[str, Field(max_length=200), AfterValidator(check_name)] | None = None
    demo: bool = False
    description: Text | None = None
    editions: list[Annotated[str, Field(max_length=100), AfterValidator(check_name)]] = Field(
        default_factory=list
    )
    deployment: list[Deployment] = Field(default_factory=list)
    licence_model: LicenceModel
    company_sizes: list[CompanySize] = Field(default_factory=list)
    sectors: list[Slug] = Field(default_factory=list)
    vertical: bool = False
    facts: dict[FactId, Fact] = Field(default_factory=dict)
    answers: dict[RequirementId, Answer] = Field(
        default_factory=dict,
        description="The vendor's answers to the requirements questionnaire, by requirement id",
    )
    risks: list[Risk] = Field(
        default_factory=list,
        max_length=100,
        description="The vendor's risk register: likelihood × impact, mitigation, owner",
    )
    offers: list[Offer] = Field(
        default_factory=list,
        max_length=50,
        description="Named variants (edition, cloud or on-premise, integrator), each ranked",
    )
    integrators: list[Slug] = Field(
        default_factory=list,
        max_length=50,
        description="Ids of the project's integrators that can deploy this vendor",
    )

    @model_validator(mode="after")
    def _unique_offers(self) -> VendorProfile:
        seen: set[str] = set()
        for offer in self.offers:
            if offer.id in seen:
                raise invalid("offer_twice", "offer id {id} is used twice", id=offer.id)
            seen.add(offer.id)
        if len(set(self.integrators)) != len(self.integrators):
            raise invalid("integrator_listed_twice", "an integrator is listed twice")
        return self

    @model_serializer(mode="wrap")
    def _without_empty_variants(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # A vendor without offers or integrators is written as before (same files, same
        # fingerprints).
        data: dict[str, Any] = handler(self)
        for key in ("offers", "integrators"):
            if not data.get(key):
                data.pop(key, None)
        return data

    def lookup(self, name: str) -> object:
        """Return a profile field or a fact's value by name; ``None`` when absent."""
        if name in self.facts:
            return self.facts[name].value
        if name in {
            "deployment",
            "licence_model",
            "company_sizes",
            "sectors",
            "vertical",
            "editions",
            "name",
            "product",
        }:
            return getattr(self, name)
        return None
