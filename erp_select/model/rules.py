"""Must-have rules: knock-out conditions a vendor must meet to stay on the list."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool

from erp_select.model.common import FiniteFloat, Slug, Strict, Text

Op = Literal[">=", "<=", ">", "<", "==", "!=", "contains", "not_contains", "is_true", "is_false"]
NumericOp = Literal[">=", "<=", ">", "<"]


class FactRule(Strict):
    """A condition on a vendor fact or profile field (e.g. ``deployment contains cloud``)."""

    kind: Literal["fact"] = "fact"
    id: Slug | None = None
    label: Text | None = None
    fact: str = Field(min_length=1, max_length=120)
    op: Op
    value: StrictBool | FiniteFloat | str | None = None
    near_miss: Annotated[float, Field(ge=0, le=1)] = 0.1


class CriterionRule(Strict):
    """A threshold on an evaluated criterion value (e.g. review rating ≥ 4)."""

    kind: Literal["criterion"] = "criterion"
    id: Slug | None = None
    label: Text | None = None
    criterion: Slug
    op: NumericOp
    value: FiniteFloat
    near_miss: Annotated[float, Field(ge=0, le=1)] = 0.1


class BudgetRule(Strict):
    """The total cost of ownership over the horizon must fit the budget (+ tolerance)."""

    kind: Literal["budget"] = "budget"
    id: Slug | None = None
    label: Text | None = None
    tolerance: Annotated[float, Field(ge=0, le=1)] = 0.0
    near_miss: Annotated[float, Field(ge=0, le=1)] = 0.1


class SectorRule(Strict):
    """The vendor must serve the company's sector."""

    kind: Literal["sector"] = "sector"
    id: Slug | None = None
    label: Text | None = None


Rule = Annotated[FactRule | CriterionRule | BudgetRule | SectorRule, Field(discriminator="kind")]
