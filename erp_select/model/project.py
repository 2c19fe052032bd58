"""The project: company profile, criteria, vendors, must-haves and the chosen method."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer, model_validator

from erp_select.model.alternatives import Alternative, alternatives
from erp_select.model.common import NonNegFloat, Slug, Strict, invalid
from erp_select.model.costs import CostTerms
from erp_select.model.criteria import CriteriaTree
from erp_select.model.demo_script import DemoRound, DemoScript, ReferenceCall
from erp_select.model.integrators import Integrator
from erp_select.model.judgments import Judgment
from erp_select.model.requirements import Requirement, check_unique_ids
from erp_select.model.rules import Rule
from erp_select.model.text import Name
from erp_select.model.vendor import CompanySize, VendorProfile

SCHEMA_VERSION = 1


class CompanyProfile(Strict):
    """The company choosing an ERP, and its must-have rules."""

    name: Name = Field(default="", max_length=200)
    sector: Slug
    size: CompanySize | None = None
    erp_users: Annotated[int, Field(ge=1, le=100_000)]
    horizon_years: Annotated[int, Field(ge=1, le=15)] = 5
    budget: NonNegFloat | None = None
    must_haves: list[Rule] = Field(default_factory=list)
    costs: CostTerms = Field(default_factory=CostTerms)

    @model_serializer(mode="wrap")
    def _without_default_costs(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Flat prices (the default) are written as before: same project files, same fingerprints.
        data: dict[str, Any] = handler(self)
        if self.costs.is_default:
            data.pop("costs", None)
        return data


class Project(Strict):
    """Everything needed to reproduce an analysis."""

    format: Literal["erp-select.project"] = "erp-select.project"
    schema_version: Literal[1] = 1
    name: Name = Field(default="", max_length=200)
    company: CompanyProfile
    criteria: CriteriaTree
    vendors: list[VendorProfile] = Field(min_length=1)
    integrators: list[Integrator] = Field(
        default_factory=list,
        max_length=200,
        description="The partners who deploy the vendors (each vendor lists its own)",
    )
    judgments: list[Judgment] = Field(default_factory=list)
    requirements: list[Requirement] = Field(default_factory=list, max_length=5000)
    as_of: dt.date | None = Field(
        default=None, description="Reference date of the analysis (review ageing); None = today"
    )
    method: str = Field(default="topsis", pattern=r"^[a-z0-9_]{1,40}$")
    seed: int = 0
    demo_script: DemoScript | None = None
    reference_calls: list[ReferenceCall] = Field(default_factory=list, max_length=1000)
    #: Scored demo rounds adopted into the project, oldest first (what each one changed).
    demo_rounds: list[DemoRound] = Field(default_factory=list, max_length=100)

    @model_serializer(mode="wrap")
    def _without_absent_parts(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # No integrator, demo script or reference call: the file and the fingerprint stay
        # as before (a pydantic model has one serializer: every optional part is here).
        data: dict[str, Any] = handler(self)
        if not self.integrators:
            data.pop("integrators", None)
        if self.demo_script is None:
            data.pop("demo_script", None)
        if not self.reference_calls:
            data.pop("reference_calls", None)
        if not self.demo_rounds:
            data.pop("demo_rounds", None)
        return data

    @model_validator(mode="after")
    def _unique_vendors(self) -> Project:
        seen: set[str] = set()
        for v in self.vendors:
            if v.id in seen:
                raise invalid("vendor_twice", "vendor id {id} is used twice", id=v.id)
            seen.add(v.id)
        check_unique_ids(self.requirements)
        _check_calls(self)
        self._check_integrators()
        return self

    def _check_integrators(self) -> None:
        known: set[str] = set()
        for i in self.integrators:
            if i.id in known:
                raise invalid("integrator_twice", "integrator id {id} is used twice", id=i.id)
            known.add(i.id)
        for v in self.vendors:
            named = [*v.integrators, *(o.integrator for o in v.offers if o.integrator)]
            for integrator_id in named:
                if integrator_id not in known:
                    raise invalid(
                        "integrator_unknown",
                        "vendor {vendor} names integrator {id}, which the project lacks",
                        vendor=v.id,
                        id=integrator_id,
                    )
        if not self.has_variants:
            return
        ids = {v.id for v in self.vendors if not v.offers and not v.integrators}
        for alt in self.alternatives():
            if alt.id != alt.vendor_id or alt.offer_id or alt.integrator_id:
                if alt.id in ids:
                    raise invalid("alternative_twice", "offer {id} repeats an id", id=alt.id)
                ids.add(alt.id)

    @property
    def has_variants(self) -> bool:
        """True when a vendor has offers or integrators (the ranking is then by alternative)."""
        return any(v.offers or v.integrators for v in self.vendors)

    def alternatives(self) -> list[Alternative]:
        """Every ranked alternative: vendor × offer × integrator (see ``model.alternatives``)."""
        return alternatives(self.vendors, self.integrators)

    def expanded(self) -> Project:
        """The project as ranked: one vendor profile per alternative.

        The project itself when no vendor has offers or integrators.
        """
        if not self.has_variants:
            return self
        profiles = [a.profile for a in self.alternatives()]
        return self.model_copy(update={"vendors": profiles, "integrators": []})

    def requirement(self, requirement_id: str) -> Requirement:
        """Return the requirement with this id; ``KeyError`` if there is none."""
        for r in self.requirements:
            if r.id == requirement_id:
                return r
        raise KeyError(requirement_id)

    def vendor(self, vendor_id: str) -> VendorProfile:
        """Return the vendor with this id; ``KeyError`` if there is none."""
        for v in self.vendors:
            if v.id == vendor_id:
                return v
        raise KeyError(vendor_id)


def _check_calls(project: Project) -> None:
    """Each reference call has its own id.

    A call may name a vendor or a fact the project no longer has (the vendor was removed
    after the call): it is kept in the file, and the report and the app leave it out.
    """
    ids: set[str] = set()
    for call in project.reference_calls:
        if call.id in ids:
            raise invalid("call_twice", "reference call id {id} is used twice", id=call.id)
        ids.add(call.id)
