"""Must-have rules: knock-out conditions a vendor must meet to stay on the list."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, model_validator

from erp_select.model.common import FiniteFloat, Slug, Strict, Text, invalid
from erp_select.model.requirements import RequirementsRule

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

    @model_validator(mode="after")
    def _value_fits_op(self) -> FactRule:
        if self.op in (">=", "<=", ">", "<"):
            if isinstance(self.value, bool) or not isinstance(self.value, float | int):
                raise invalid(
                    "op_needs_number", "the comparison {op} needs a number as value", op=self.op
                )
        elif self.op in ("is_true", "is_false"):
            if self.value is not None:
                raise invalid("op_takes_no_value", "{op} takes no value", op=self.op)
        elif self.value is None or self.value == "":
            raise invalid("op_needs_value", "{op} needs a value", op=self.op)
        return self


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


#: Every kind of must-have rule a company profile may hold.
Rule = Annotated[
    FactRule | CriterionRule | BudgetRule | SectorRule | RequirementsRule,
    Field(discriminator="kind"),
]
