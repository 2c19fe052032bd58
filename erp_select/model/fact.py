"""A vendor fact's value with its source, and the small vocabularies vendor profiles use."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictBool, model_validator
from pydantic_core import PydanticCustomError

from erp_select.model.common import FiniteFloat, Strict, invalid
from erp_select.model.text import check_free_text, check_name

Deployment = Literal["cloud", "on_premise", "hosted"]
LicenceModel = Literal["subscription", "perpetual", "open_source"]
CompanySize = Literal["micro", "small", "medium", "large"]
Evidence = Literal["claim", "demo", "reference", "contract"]
FactId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.\-]{0,119}$")]

# A fact's value: a yes/no, a number, a label, or a list of labels (certifications...).
FactScalar = (
    StrictBool
    | FiniteFloat
    | Annotated[str, Field(max_length=500), AfterValidator(check_free_text)]
)
FactData = FactScalar | list[Annotated[str, Field(max_length=200), AfterValidator(check_name)]]
#: A level written as a fact's ``low``/``high`` (the order is checked against the vocabulary
#: where it is known: :func:`erp_select.model.facts.check_level_range`).
LevelBound = Annotated[str, Field(min_length=1, max_length=500), AfterValidator(check_name)]


class Fact(Strict):
    """One raw fact about a vendor, with where it comes from.

    ``low`` and ``high`` bound an uncertain number (e.g. an implementation estimate), or,
    both together, an uncertain level (« standard », between « basique » and « avancé »);
    ``count`` is the number of reviews behind a rating.
    """

    value: FactData
    low: FiniteFloat | LevelBound | None = None
    high: FiniteFloat | LevelBound | None = None
    count: Annotated[int, Field(ge=0)] | None = None
    unit: Annotated[str, Field(max_length=40), AfterValidator(check_name)] | None = None
    source: Annotated[str, Field(max_length=500), AfterValidator(check_name)] | None = None
    date: dt.date | None = None
    evidence: Evidence | None = None

    @model_validator(mode="after")
    def _range(self) -> Fact:
        has_range = self.low is not None or self.high is not None
        if has_range and isinstance(self.value, str):
            if not (isinstance(self.low, str) and isinstance(self.high, str)):
                raise PydanticCustomError(
                    "levels.range_both", "a level's range gives both low and high levels"
                )
        elif has_range:
            if isinstance(self.low, str) or isinstance(self.high, str):
                raise PydanticCustomError(
                    "levels.bound_not_number", "the low and high of a number are numbers"
                )
            if isinstance(self.value, bool) or not isinstance(self.value, float | int):
                raise invalid("range_not_numeric", "low/high only apply to a numeric value")
            low = self.low if self.low is not None else self.value
            high = self.high if self.high is not None else self.value
            assert not isinstance(low, str) and not isinstance(high, str)
            if not low <= self.value <= high:
                raise invalid(
                    "range_order",
                    "need low ≤ value ≤ high, got {low} ≤ {value} ≤ {high}",
                    low=low,
                    value=self.value,
                    high=high,
                )
        return self

    @property
    def number(self) -> float | None:
        """The value as a float when it is a number (not a yes/no), else ``None``."""
        if isinstance(self.value, bool) or not isinstance(self.value, float | int):
            return None
        return float(self.value)

    @property
    def level_range(self) -> tuple[str, str] | None:
        """The (low, high) levels of a level fact with a range, else ``None``."""
        if isinstance(self.value, str) and isinstance(self.low, str) and isinstance(self.high, str):
            return (self.low, self.high)
        return None

    @property
    def number_low(self) -> float | None:
        """``low`` when it is a number (a numeric fact's bound), else ``None``."""
        return None if isinstance(self.low, str) else self.low

    @property
    def number_high(self) -> float | None:
        """``high`` when it is a number (a numeric fact's bound), else ``None``."""
        return None if isinstance(self.high, str) else self.high
