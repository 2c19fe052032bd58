"""The board memo's content, typed: every string formatted, every figure from the suite."""

from __future__ import annotations

from dataclasses import dataclass

from erp_select.explain.decision import DecisionStatus

__all__ = ["Memo", "MemoBar", "MemoCost"]


@dataclass(frozen=True)
class MemoBar:
    """One bar of the memo's chart: a vendor's share of first places."""

    name: str
    share: float
    text: str
    width: float


@dataclass(frozen=True)
class MemoCost:
    """A vendor's cost over the project's horizon, low to high, against the budget."""

    name: str
    low: float
    likely: float
    high: float
    range: str
    likely_text: str
    budget_text: str
    over: bool | None
    left: float
    width: float


@dataclass
class Memo:
    """The board memo in one language: every string formatted, every figure from the suite."""

    lang: str
    title: str
    project: str
    date: str
    question: str
    winner: str | None
    rival: str | None
    toss_up: bool
    recommendation: str
    points_intro: str
    points: list[str]
    status: str
    chart_title: str
    bars: list[MemoBar]
    changes: list[str]
    costs: list[MemoCost]
    budget: float | None
    budget_mark: float
    cost_title: str
    cost_note: str
    risks: list[str]
    steps: list[str]
    method: str
    decision: DecisionStatus | None = None
