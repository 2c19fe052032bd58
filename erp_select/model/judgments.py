"""People's weighting judgments as data: one record per participant, node and method."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from erp_select.model.common import Slug, Strict, invalid
from erp_select.model.text import Name

#: Saaty's fundamental scale runs from 1/9 (extremely less important) to 9.
SCALE_MIN = 1.0 / 9.0
SCALE_MAX = 9.0
# Relative slack for the bounds, so that 1/9 written as a decimal float still passes.
_SCALE_SLACK = 1e-9

RankVariant = Literal["roc", "rank_sum", "reciprocal"]


def _on_scale(value: float) -> float:
    if not SCALE_MIN * (1 - _SCALE_SLACK) <= value <= SCALE_MAX * (1 + _SCALE_SLACK):
        raise invalid("comparison_range", "a pairwise comparison must lie between 1/9 and 9")
    return value


ScaleValue = Annotated[float, Field(gt=0, allow_inf_nan=False), AfterValidator(_on_scale)]
#: Most points one criterion may get (the app's points fields stop there too): beyond it a
#: total overflows or the other weights vanish (1e308 points are not a judgment).
MAX_POINTS = 1_000_000
Points = Annotated[float, Field(ge=0, le=MAX_POINTS, allow_inf_nan=False)]
Swing = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Position = Annotated[int, Field(ge=1, le=1000)]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Comparison(Strict):
    """One AHP judgment: criterion ``a`` is ``value`` times as important as ``b``.

    ``value`` is on Saaty's 1/9…9 scale: 3 means "a moderately more important than b",
    1/3 the reverse.
    """

    a: Slug
    b: Slug
    value: ScaleValue

    @model_validator(mode="after")
    def _distinct(self) -> Comparison:
        if self.a == self.b:
            raise invalid(
                "self_comparison", "criterion {id} cannot be compared with itself", id=self.a
            )
        return self


class _JudgmentBase(Strict):
    """Who gave the judgment, on which node of the tree, and when."""

    participant: Name = Field(min_length=1, max_length=200)
    node: Slug | None = Field(
        default=None, description="Parent criterion whose children are weighed; None = top level"
    )
    created: dt.datetime = Field(default_factory=_now)


class DirectJudgment(_JudgmentBase):
    """Points (or percentages) per criterion; the weights are the points over their sum."""

    method: Literal["direct"] = "direct"
    points: dict[Slug, Points] = Field(min_length=1)


class AhpJudgment(_JudgmentBase):
    """Pairwise comparisons on Saaty's scale; pairs may be missing (the matrix is completed)."""

    method: Literal["ahp"] = "ahp"
    comparisons: list[Comparison] = Field(min_length=1)

    @model_validator(mode="after")
    def _pairs_once(self) -> AhpJudgment:
        seen: set[frozenset[str]] = set()
        for c in self.comparisons:
            pair = frozenset((c.a, c.b))
            if pair in seen:
                raise invalid("pair_twice", "the pair {a} / {b} is compared twice", a=c.a, b=c.b)
            seen.add(pair)
        return self

    def criteria(self) -> list[str]:
        """Return the criterion ids named in the comparisons, in order of first mention."""
        out: list[str] = []
        for c in self.comparisons:
            for cid in (c.a, c.b):
                if cid not in out:
                    out.append(cid)
        return out


class RankJudgment(_JudgmentBase):
    """A ranking of criteria (1 = most important; equal positions are ties)."""

    method: Literal["rank"] = "rank"
    ranks: dict[Slug, Position] = Field(min_length=1)
    variant: RankVariant = "roc"


class SwingJudgment(_JudgmentBase):
    """Swing weighting: the most important worst-to-best swing is 100, the others 0–100."""

    method: Literal["swing"] = "swing"
    swings: dict[Slug, Swing] = Field(min_length=1)

    @model_validator(mode="after")
    def _anchor(self) -> SwingJudgment:
        if max(self.swings.values()) != 100:
            raise invalid("swing_top", "the most important swing must be rated 100")
        return self


Judgment = Annotated[
    DirectJudgment | AhpJudgment | RankJudgment | SwingJudgment,
    Field(discriminator="method"),
]

__all__ = [
    "SCALE_MAX",
    "SCALE_MIN",
    "AhpJudgment",
    "Comparison",
    "DirectJudgment",
    "Judgment",
    "RankJudgment",
    "RankVariant",
    "SwingJudgment",
]
