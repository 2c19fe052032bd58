"""The criteria tree: bilingual criteria, value functions, local and global weights."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from erp_select.model.common import NonNegFloat, Slug, Strict, Text, invalid
from erp_select.model.text import check_name
from erp_select.model.value_functions import (
    SCORE_KINDS,
    AnswerScores,
    BooleanValue,
    ChecklistItem,
    ChecklistValue,
    FactValue,
    LinearValue,
    PiecewiseValue,
    PriorityWeights,
    RequirementsValue,
    ReviewsValue,
    ScaleValue,
    TcoValue,
    ValueFunction,
)

# The value functions stay importable from here (erp_select.model imports them so).
__all__ = [
    "DEFAULT_MISSING",
    "MISSING_RULES",
    "SCORE_KINDS",
    "AnswerScores",
    "BooleanValue",
    "ChecklistItem",
    "ChecklistValue",
    "CriteriaTree",
    "Criterion",
    "Direction",
    "EvidenceWidths",
    "FactValue",
    "LinearValue",
    "MissingRule",
    "PiecewiseValue",
    "PriorityWeights",
    "RequirementsValue",
    "ReviewsValue",
    "ScaleValue",
    "TcoValue",
    "ValueFunction",
]

Direction = Literal["benefit", "cost"]

#: What a missing value means for a criterion: ``refuse`` (the project is refused, naming
#: vendor, criterion and fact), ``worst`` (the worst value counts), ``neutral`` (the median
#: of the vendors that have the value; for reviews the prior mean) or ``exclude`` (the
#: vendor is excluded at screening, like a failed must-have).
MissingRule = Literal["refuse", "worst", "neutral", "exclude"]
MISSING_RULES: tuple[MissingRule, ...] = ("refuse", "worst", "neutral", "exclude")
#: The rule of a leaf criterion that does not state one.
DEFAULT_MISSING: MissingRule = "worst"

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
