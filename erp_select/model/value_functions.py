"""Value functions: how a leaf criterion turns a vendor's raw facts into one value."""

from __future__ import annotations

import itertools
from typing import Annotated, Literal

from pydantic import Field, model_validator

from erp_select.model.common import FiniteFloat, NonNegFloat, Slug, Strict, Text, invalid
from erp_select.model.requirements import AnswerKind, Priority

# Value functions turn a vendor's raw facts into the value of one leaf criterion.
# Kinds marked "score" give a 0–100 score (always a benefit); "fact" and "tco" keep the
# raw quantity in its unit and let the criterion's direction say whether more is better.


class FactValue(Strict):
    """The raw numeric fact, in its own unit (e.g. months of implementation)."""

    kind: Literal["fact"] = "fact"
    fact: str = Field(min_length=1, max_length=120)


class LinearValue(Strict):
    """Score 0 at ``worst`` and 100 at ``best``, linear between, clipped outside."""

    kind: Literal["linear"] = "linear"
    fact: str = Field(min_length=1, max_length=120)
    worst: FiniteFloat
    best: FiniteFloat

    @model_validator(mode="after")
    def _distinct(self) -> LinearValue:
        if self.worst == self.best:
            raise invalid("worst_equals_best", "worst and best must differ")
        return self


class PiecewiseValue(Strict):
    """Score interpolated between ``points`` (fact value, score), clipped at both ends."""

    kind: Literal["piecewise"] = "piecewise"
    fact: str = Field(min_length=1, max_length=120)
    points: list[tuple[FiniteFloat, Annotated[float, Field(ge=0, le=100)]]] = Field(min_length=2)

    @model_validator(mode="after")
    def _increasing(self) -> PiecewiseValue:
        xs = [x for x, _ in self.points]
        if any(b <= a for a, b in itertools.pairwise(xs)):
            raise invalid(
                "points_not_increasing", "points must have strictly increasing fact values"
            )
        return self


class ScaleValue(Strict):
    """Score looked up from an ordinal label or Likert level (e.g. ``basic: 40``)."""

    kind: Literal["scale"] = "scale"
    fact: str = Field(min_length=1, max_length=120)
    levels: dict[str, Annotated[float, Field(ge=0, le=100)]] = Field(min_length=2)


class BooleanValue(Strict):
    """Score ``true_score`` when the fact is true, ``false_score`` otherwise."""

    kind: Literal["boolean"] = "boolean"
    fact: str = Field(min_length=1, max_length=120)
    true_score: Annotated[float, Field(ge=0, le=100)] = 100.0
    false_score: Annotated[float, Field(ge=0, le=100)] = 0.0


class ChecklistItem(Strict):
    """One control of a checklist: the fact that says it is present, and its weight.

    Without ``item`` the control is present when the fact is true; with ``item`` it is
    present when the fact is a list containing ``item`` (e.g. a certification).
    """

    fact: str = Field(min_length=1, max_length=120)
    item: str | None = Field(default=None, max_length=120)
    weight: NonNegFloat = 1.0
    label: Text | None = None


class ChecklistValue(Strict):
    """Score = weighted share of the items present (fact true, or a list containing ``item``)."""

    kind: Literal["checklist"] = "checklist"
    items: list[ChecklistItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _positive(self) -> ChecklistValue:
        if sum(i.weight for i in self.items) <= 0:
            raise invalid("checklist_zero", "checklist weights must have a positive sum")
        return self


class TcoValue(Strict):
    """Total cost of ownership over the company's horizon, from the vendor's pricing facts.

    A vendor whose TCO is below ``low_price_ratio`` × the median TCO of its peers is flagged
    as priced suspiciously low. With ``low_price_penalty`` > 0, its ranked cost is raised to
    that floor × (1 + penalty), so an implausibly low price earns no advantage.
    """

    kind: Literal["tco"] = "tco"
    low_price_ratio: Annotated[float, Field(gt=0, lt=1)] = 0.5
    low_price_penalty: Annotated[float, Field(ge=0, le=1)] = 0.0


class ReviewsValue(Strict):
    """Bayesian average of review ratings: (C·m + Σ rᵢnᵢ) / (C + Σ nᵢ).

    ``m`` is ``prior_mean``, ``C`` is ``prior_count``; every fact whose id starts with
    ``prefix`` is a rating with its review ``count``. With ``half_life_years``, a rating
    dated ``a`` years before the reference date counts ``nᵢ · 2^(−a / half_life_years)``
    reviews, so stale reviews weigh less.
    """

    kind: Literal["reviews"] = "reviews"
    prefix: str = "reviews."
    prior_mean: Annotated[float, Field(ge=0, le=10)] = 3.5
    prior_count: NonNegFloat = 25.0
    scale_max: Annotated[float, Field(gt=0, le=10)] = 5.0
    half_life_years: Annotated[float, Field(gt=0, le=100)] | None = None


class PriorityWeights(Strict):
    """How much each MoSCoW priority counts in the requirement-fit score."""

    must: NonNegFloat = 3.0
    should: NonNegFloat = 2.0
    could: NonNegFloat = 1.0
    wont: NonNegFloat = 0.0

    def of(self, priority: Priority) -> float:
        """The weight of ``priority``."""
        return float(getattr(self, priority))


Credit = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]


class AnswerScores(Strict):
    """How much of a requirement each kind of answer covers (0 to 1)."""

    standard: Credit = 1.0
    configuration: Credit = 0.9
    customisation: Credit = 0.6
    partner_addon: Credit = 0.7
    roadmap: Credit = 0.3
    not_supported: Credit = 0.0

    def of(self, answer: AnswerKind) -> float:
        """The credit of ``answer``."""
        return float(getattr(self, answer))


class RequirementsValue(Strict):
    """Requirement fit from the vendor's answers to the project's requirements.

    coverage = 100 · Σ pᵣ·sᵣ / Σ pᵣ over the requirements in scope (``processes``, all when
    empty), with pᵣ the weight of the requirement's priority and sᵣ the credit of the
    vendor's answer (0 when unanswered). The score maps coverage linearly from ``worst``
    (score 0) to ``best`` (score 100), clipped. A vendor without any answer in scope is
    scored from ``fallback_fact`` (a coverage percentage) when given.

    Customisation answers cost ``effort_days`` × the day rate (the vendor's
    ``price.day_rate`` fact when it has one, else ``day_rate`` with its optional range).
    """

    kind: Literal["requirements"] = "requirements"
    priority_weights: PriorityWeights = PriorityWeights()
    answer_scores: AnswerScores = AnswerScores()
    processes: list[Slug] = Field(default_factory=list)
    worst: Annotated[float, Field(ge=0, le=100)] = 0.0
    best: Annotated[float, Field(ge=0, le=100)] = 100.0
    fallback_fact: str | None = Field(default=None, max_length=120)
    day_rate: NonNegFloat = 800.0
    day_rate_low: NonNegFloat | None = None
    day_rate_high: NonNegFloat | None = None

    @model_validator(mode="after")
    def _check(self) -> RequirementsValue:
        if self.worst >= self.best:
            raise invalid("worst_above_best", "worst must be below best")
        low = self.day_rate_low if self.day_rate_low is not None else self.day_rate
        high = self.day_rate_high if self.day_rate_high is not None else self.day_rate
        if not low <= self.day_rate <= high:
            raise invalid("day_rate_order", "need day_rate_low ≤ day_rate ≤ day_rate_high")
        return self


ValueFunction = Annotated[
    FactValue
    | LinearValue
    | PiecewiseValue
    | ScaleValue
    | BooleanValue
    | ChecklistValue
    | TcoValue
    | ReviewsValue
    | RequirementsValue,
    Field(discriminator="kind"),
]

SCORE_KINDS = frozenset({"linear", "piecewise", "scale", "boolean", "checklist", "requirements"})
