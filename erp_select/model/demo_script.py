"""Demo scripts (scenarios a vendor must show) and reference calls, as stored in a project."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from erp_select.model.common import Slug, Strict, invalid
from erp_select.model.text import FreeText, check_name
from erp_select.model.vendor import Evidence, Fact, FactId

#: A one-line title or name, 1 to 200 characters.
Title = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(check_name)]
#: A line of a scenario (a step, a piece of data), 1 to 1000 characters.
Line = Annotated[FreeText, Field(min_length=1, max_length=1000)]
#: Minutes allotted to a scenario.
Minutes = Annotated[int, Field(ge=1, le=480)]


class Scenario(Strict):
    """One scenario of a demo script: what the vendor must show, with which data, how long.

    ``id`` is stable: a catalogue scenario keeps its catalogue id (``o2c.partial_delivery``)
    so scorecards can name it; a scenario the user adds gets ``custom.<n>``. ``criteria``
    are leaf criterion ids of the project's tree the scenario informs; ``requirements``
    the requirement ids it shows.
    """

    id: Slug
    process: Slug
    title: Title
    steps: list[Line] = Field(min_length=1, max_length=40)
    data: list[Line] = Field(default_factory=list, max_length=40)
    minutes: Minutes
    criteria: list[Slug] = Field(default_factory=list, max_length=100)
    requirements: list[Slug] = Field(default_factory=list, max_length=500)


class DemoScript(Strict):
    """The scenarios every vendor is asked to show, in order, written in ``lang``."""

    lang: Literal["fr", "en"] = "fr"
    scenarios: list[Scenario] = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _unique(self) -> DemoScript:
        seen: set[str] = set()
        for s in self.scenarios:
            if s.id in seen:
                raise invalid("scenario_twice", "scenario id {id} is used twice", id=s.id)
            seen.add(s.id)
        return self

    @property
    def minutes(self) -> int:
        """Total time of the script, in minutes."""
        return sum(s.minutes for s in self.scenarios)

    def scenario(self, scenario_id: str) -> Scenario:
        """Return the scenario with this id; ``KeyError`` if there is none."""
        for s in self.scenarios:
            if s.id == scenario_id:
                return s
        raise KeyError(scenario_id)


class Confirmation(Strict):
    """A vendor fact a reference confirmed, and its evidence level before the call.

    ``previous`` lets removing the call put the fact back where it was.
    """

    fact: FactId
    previous: Evidence | None = None


class ReferenceCall(Strict):
    """A call to one of a vendor's customers: who, when, the answers, the facts confirmed."""

    id: Slug
    vendor: Slug
    reference: Title
    company: Title
    date: dt.date | None = None
    answers: dict[Slug, Annotated[FreeText, Field(max_length=4000)]] = Field(
        default_factory=dict, max_length=100
    )
    confirmed: list[Confirmation] = Field(default_factory=list, max_length=500)
    notes: Annotated[FreeText, Field(max_length=4000)] = ""

    @model_validator(mode="after")
    def _once(self) -> ReferenceCall:
        seen: set[str] = set()
        for c in self.confirmed:
            if c.fact in seen:
                raise invalid("confirmed_twice", "fact {fact} is confirmed twice", fact=c.fact)
            seen.add(c.fact)
        return self


class DemoChange(Strict):
    """A vendor fact a scored demo round set, and the fact as it was before (``None``: the
    vendor had none), so the report can say what the round changed."""

    vendor: Slug
    fact: FactId
    previous: Fact | None = None


class DemoRound(Strict):
    """A scored demo round adopted into the project: when, under which title, what changed."""

    title: Title
    date: dt.date
    changes: list[DemoChange] = Field(default_factory=list, max_length=5000)


__all__ = [
    "Confirmation",
    "DemoChange",
    "DemoRound",
    "DemoScript",
    "ReferenceCall",
    "Scenario",
]
