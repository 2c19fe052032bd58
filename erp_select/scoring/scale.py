"""The anchored scoring scale of demo rounds: five levels described in words, and confidence."""

from __future__ import annotations

from typing import Literal

from erp_select.i18n import t

#: The lowest and highest score of the anchored scale.
LOW, HIGH = 1, 5
#: The scale's levels, from the lowest to the highest.
LEVELS: tuple[int, ...] = tuple(range(LOW, HIGH + 1))
Confidence = Literal["low", "medium", "high"]
CONFIDENCES: tuple[Confidence, ...] = ("low", "medium", "high")
#: A score is an outlier when it lies this many levels or more from the cell's median.
OUTLIER_LEVELS = 2


def anchor(level: int, lang: str | None = None) -> str:
    """The words of one level of the scale (« Standard, par paramétrage »)."""
    return t(f"agreed.scale.s{level}.name", lang)


def anchor_described(level: int, lang: str | None = None) -> str:
    """A level's words and what they mean (« Standard, par paramétrage : couvert sans… »):
    the one scale the demo script's grid and the scorecards both print."""
    meaning = t(f"agreed.scale.s{level}.meaning", lang)
    return t("agreed.scale.described", lang, name=anchor(level, lang), meaning=meaning)


def not_shown_meaning(lang: str | None = None) -> str:
    """What « Non montré » means (never 0, never in the mean)."""
    return t("agreed.scale.not_shown", lang)


def anchor_line(level: int, lang: str | None = None) -> str:
    """A level with its words, as a choice or a sheet line shows it (« 3 — Standard… »)."""
    return f"{level} — {anchor(level, lang)}"


def confidence_word(level: str, lang: str | None = None) -> str:
    """How an evaluator's confidence reads (« élevée »)."""
    return t(f"evalteam.confidence.{level}", lang)


def as_percent(score: float) -> float:
    """A score of the scale on 0–100: 1 → 0, 3 → 50, 5 → 100 (linear)."""
    return 100.0 * (score - LOW) / (HIGH - LOW)


def score_words(score: int | None, lang: str | None = None) -> str:
    """A given score as read in a table: its level and words, or « Non montré »."""
    return t("evalteam.not_shown", lang) if score is None else anchor_line(score, lang)
