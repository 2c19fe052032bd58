"""The criteria tree: bilingual criteria, value functions, local and global weights."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from erp_select.model.common import FiniteFloat, NonNegFloat, Slug, Strict, Text, invalid
from erp_select.model.requirements import AnswerKind, Priority
from erp_select.model.text import check_name

Direction = Literal["benefit", "cost"]

#: What a missing value means for a criterion: ``refuse`` (the project is refused, naming
#: vendor, criterion and fact), ``worst`` (the worst value counts), ``neutral`` (the median
#: of the vendors that have the value; for reviews the prior mean) or ``exclude`` (the
#: vendor is excluded at screening, like a failed must-have).
MissingRule = Literal["refuse", "worst", "neutral", "exclude"]
MISSING_RULES: tuple[MissingRule, ...] = ("refuse", "worst", "neutral", "exclude")
#: The rule of a leaf criterion that does not state one.
DEFAULT_MISSING: MissingRule = "worst"

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

Width = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]


class EvidenceWidths(Strict):
    """Relative half-width of a value's uncertainty by how far it was checked.

    A numeric fact without an explicit ``low``/``high`` gets value × (1 ± width); a score
    resting on a fact gets score × (1 ± width), clipped to 0–100. ``unstated`` is used for
    a fact whose evidence level is not given.
    """

    claim: Width = 0.25
    demo: Width = 0.10
    reference: Width = 0.05
    contract: Width = 0.0
    unstated: Width = 0.25

    def of(self, level: str | None) -> float:
        """The width of an evidence level (``None`` = unstated)."""
        return float(getattr(self, level or "unstated"))


class Criterion(Strict):
    """A node of the criteria tree; a leaf carries a value function and a direction.

    ``missing`` says what a vendor's missing value means on this leaf (see
    :data:`MissingRule`); unset, :data:`DEFAULT_MISSING` applies (read it through
    :attr:`missing_rule`).
    """

    id: Slug
    label: Text
    description: Text | None = None
    weight: NonNegFloat = 1.0
    direction: Direction | None = None
    unit: Annotated[str, Field(max_length=40), AfterValidator(check_name)] | None = None
    value: ValueFunction | None = None
    missing: MissingRule | None = None
    children: list[Criterion] = Field(default_factory=list)

    @model_validator(mode="after")
    def _leaf_or_node(self) -> Criterion:
        if self.children:
            if self.value is not None:
                raise invalid(
                    "node_with_value",
                    "criterion {id} has children, so it takes no value",
                    id=self.id,
                )
            if self.missing is not None:
                raise invalid(
                    "node_with_missing",
                    "criterion {id} has children: the missing-value rule goes on its leaves",
                    id=self.id,
                )
            if sum(c.weight for c in self.children) <= 0:
                raise invalid(
                    "weights_zero", "the weights under {id} must have a positive sum", id=self.id
                )
            return self
        if self.value is None:
            raise invalid(
                "leaf_without_value", "leaf criterion {id} needs a value function", id=self.id
            )
        kind = self.value.kind
        if kind in SCORE_KINDS or kind == "reviews":
            if self.direction == "cost":
                raise invalid(
                    "score_is_benefit",
                    "criterion {id}: a {kind} score is a benefit, not a cost",
                    id=self.id,
                    kind=kind,
                )
            if self.direction is None:
                object.__setattr__(self, "direction", "benefit")
        elif kind == "tco" and self.direction is None:
            object.__setattr__(self, "direction", "cost")
        elif self.direction is None:
            raise invalid(
                "direction_missing",
                "criterion {id} needs a direction (benefit or cost)",
                id=self.id,
            )
        return self

    @property
    def missing_rule(self) -> MissingRule:
        """What a missing value means on this criterion (the default when unset)."""
        return self.missing or DEFAULT_MISSING

    @property
    def is_leaf(self) -> bool:
        """True when the criterion has no children."""
        return not self.children

    def walk(self) -> Iterator[Criterion]:
        """Yield this criterion and all its descendants, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


class CriteriaTree(Strict):
    """The whole tree, as read from a criteria file."""

    format: Literal["erp-select.criteria"] = "erp-select.criteria"
    version: Literal[1] = 1
    id: Slug = "criteria"
    label: Text = Text(fr="Critères", en="Criteria")
    evidence: EvidenceWidths = EvidenceWidths()
    criteria: list[Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> CriteriaTree:
        seen: set[str] = set()
        for node in self.walk():
            if node.id in seen:
                raise invalid("criterion_twice", "criterion id {id} is used twice", id=node.id)
            seen.add(node.id)
        if sum(c.weight for c in self.criteria) <= 0:
            raise invalid("top_weights_zero", "the top-level weights must have a positive sum")
        return self

    def walk(self) -> Iterator[Criterion]:
        """Yield every criterion, depth first, in file order."""
        for top in self.criteria:
            yield from top.walk()

    def leaves(self) -> list[Criterion]:
        """Return the leaf criteria in file order (the columns of the performance table)."""
        return [c for c in self.walk() if c.is_leaf]

    def node(self, criterion_id: str) -> Criterion:
        """Return the criterion with this id; ``KeyError`` if there is none."""
        for c in self.walk():
            if c.id == criterion_id:
                return c
        raise KeyError(criterion_id)

    def ids(self) -> list[str]:
        """Return every criterion id, depth first."""
        return [c.id for c in self.walk()]

    def parent_of(self, criterion_id: str) -> Criterion | None:
        """Return the parent of a criterion, ``None`` for a top-level one."""
        for c in self.walk():
            if any(ch.id == criterion_id for ch in c.children):
                return c
        if any(c.id == criterion_id for c in self.criteria):
            return None
        raise KeyError(criterion_id)

    def siblings(self, parent_id: str | None) -> list[Criterion]:
        """Return the children of ``parent_id`` (the top level for ``None``)."""
        return list(self.criteria if parent_id is None else self.node(parent_id).children)

    def local_weights(self, parent_id: str | None = None) -> dict[str, float]:
        """Return the normalised local weights of the children of ``parent_id``."""
        group = self.siblings(parent_id)
        total = sum(c.weight for c in group)
        return {c.id: c.weight / total for c in group}

    def global_weights(self) -> dict[str, float]:
        """Return each leaf's global weight: the product of normalised local weights on its path."""
        out: dict[str, float] = {}

        def visit(group: list[Criterion], factor: float) -> None:
            total = sum(c.weight for c in group)
            for c in group:
                share = factor * c.weight / total
                if c.is_leaf:
                    out[c.id] = share
                else:
                    visit(c.children, share)

        visit(self.criteria, 1.0)
        return out

    def with_missing(self, rules: Mapping[str, MissingRule | None]) -> CriteriaTree:
        """Return a copy with the missing-value rule of the named leaves replaced.

        ``None`` goes back to the default rule. Unknown ids raise ``KeyError``; the copy is
        validated again (a rule on an inner node is refused).
        """

        def edit(c: Criterion, data: dict[str, object]) -> None:
            data.pop("missing", None)
            rule = rules.get(c.id, c.missing)
            if rule is not None:
                data["missing"] = rule

        return self._rebuilt(rules, edit)

    def with_weights(self, weights: Mapping[str, float]) -> CriteriaTree:
        """Return a copy with the local weights of the named criteria replaced.

        Unknown ids raise ``KeyError``; the copy is validated again (a level whose weights
        sum to zero is refused).
        """

        def edit(c: Criterion, data: dict[str, object]) -> None:
            if c.id in weights:
                data["weight"] = float(weights[c.id])

        return self._rebuilt(weights, edit)

    def _rebuilt(
        self, named: Mapping[str, object], edit: Callable[[Criterion, dict[str, object]], None]
    ) -> CriteriaTree:
        """A validated copy with ``edit`` applied to every node's data; ``named`` must exist."""
        known = set(self.ids())
        unknown = [k for k in named if k not in known]
        if unknown:
            raise KeyError(", ".join(unknown))

        def rebuild(c: Criterion) -> dict[str, object]:
            data = c.model_dump(exclude={"children"}, exclude_none=True)
            edit(c, data)
            data["children"] = [rebuild(ch) for ch in c.children]
            return data

        payload = self.model_dump(exclude={"criteria"})
        payload["criteria"] = [rebuild(c) for c in self.criteria]
        return CriteriaTree.model_validate(payload)
