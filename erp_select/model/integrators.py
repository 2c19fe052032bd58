"""Integrators: the partners who deploy a vendor's ERP, with their facts and risk register."""

from __future__ import annotations

from pydantic import Field, model_validator

from erp_select.model.common import Slug, Strict, Text, invalid
from erp_select.model.fact import Fact, FactId
from erp_select.model.risks import Risk
from erp_select.model.text import Name

#: Every integrator fact id starts with this (the same vocabulary as vendor facts).
PREFIX = "integrator."


class Integrator(Strict):
    """A partner (intégrateur) who deploys ERPs: references, team, day rate, health, risks.

    ``facts`` use ids of the fact vocabulary that start with ``integrator.`` (day rate,
    certified consultants, distance…); they join the facts of every vendor the integrator
    is paired with.
    """

    id: Slug
    name: Name = Field(min_length=1, max_length=100)
    description: Text | None = None
    facts: dict[FactId, Fact] = Field(default_factory=dict)
    risks: list[Risk] = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _own_facts(self) -> Integrator:
        for key in self.facts:
            if not key.startswith(PREFIX):
                raise invalid(
                    "integrator_fact",
                    "integrator fact {id} must start with {prefix}",
                    id=key,
                    prefix=PREFIX,
                )
        return self
