"""Project cost terms of the TCO: indexation, user growth, internal day cost, NPV, contingency."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from erp_select.model.common import NonNegFloat, Strict

#: Largest yearly rate accepted (indexation, growth, discount): past it, a typing slip.
MAX_RATE = 0.5
#: Largest internal day cost accepted, euros per day.
MAX_DAY_COST = 10_000.0

Rate = Annotated[NonNegFloat, Field(le=MAX_RATE)]


class CostTerms(Strict):
    """How the TCO projects costs over the horizon (every default leaves prices flat).

    Rates are shares (0.03 = 3 %). ``indexation`` is the yearly price increase applied to
    recurring costs when a vendor states no cap of its own (``price.indexation_cap``);
    ``user_growth`` the yearly growth of the number of users; ``internal_day_cost`` what a
    day of the company's own staff costs (× the vendor's ``price.internal_days``);
    ``discount_rate`` turns the total into a net present value (``None``: off);
    ``contingency`` a share added to the one-off project costs.
    """

    indexation: Rate = 0.0
    user_growth: Rate = 0.0
    internal_day_cost: Annotated[NonNegFloat, Field(le=MAX_DAY_COST)] = 0.0
    discount_rate: Rate | None = None
    contingency: Annotated[NonNegFloat, Field(le=1)] = 0.0

    @property
    def is_default(self) -> bool:
        """True when every term keeps today's flat TCO."""
        return self == CostTerms()


__all__ = ["MAX_DAY_COST", "MAX_RATE", "CostTerms"]
