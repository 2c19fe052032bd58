"""Evidence levels: how far a value was checked, and the uncertainty width that follows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from erp_select.model import EvidenceWidths, Fact

#: Evidence levels from the weakest to the strongest; ``unstated`` = no level given.
Level = Literal["unstated", "claim", "demo", "reference", "contract"]
LEVELS: tuple[Level, ...] = ("unstated", "claim", "demo", "reference", "contract")
#: Levels that rest on the vendor's word alone.
CLAIM_LEVELS: frozenset[str] = frozenset({"unstated", "claim"})


def level_of(evidence: str | None) -> Level:
    """Return the evidence level of a fact or answer (``unstated`` when not given)."""
    for level in LEVELS:
        if level == evidence:
            return level
    return "unstated"


def fact_span(fact: Fact, widths: EvidenceWidths | None) -> tuple[float, float, float] | None:
    """Return (low, value, high) of a numeric fact; ``None`` when it is not a number.

    An explicit ``low``/``high`` is kept as given. Without one, the value is widened by
    its evidence width w: (v − w·|v|, v, v + w·|v|). With ``widths`` ``None`` no widening
    is applied.

    Parameters
    ----------
    fact : Fact
        The fact.
    widths : EvidenceWidths or None
        Widths per evidence level (from the criteria file).

    Returns
    -------
    tuple of float or None
        The span, ``low ≤ value ≤ high``.
    """
    value = fact.number
    if value is None:
        return None
    if fact.number_low is not None or fact.number_high is not None:
        low = fact.number_low if fact.number_low is not None else value
        high = fact.number_high if fact.number_high is not None else value
        return (low, value, high)
    if widths is None:
        return (value, value, value)
    delta = widths.of(fact.evidence) * abs(value)
    return (value - delta, value, value + delta)


def widen_score(score: float, width: float, top: float = 100.0) -> tuple[float, float]:
    """Return (low, high) = score × (1 ∓ width), clipped to [0, ``top``]."""
    return (max(0.0, score * (1.0 - width)), min(top, score * (1.0 + width)))


def ordered(levels: Iterable[str | None]) -> tuple[Level, ...]:
    """Return the distinct levels, from the weakest to the strongest."""
    found = {level_of(x) for x in levels}
    return tuple(level for level in LEVELS if level in found)


def rests_on_claims(levels: Iterable[str]) -> bool:
    """True when there is at least one level and every one is a claim (or unstated)."""
    seen = list(levels)
    return bool(seen) and all(x in CLAIM_LEVELS for x in seen)


__all__ = [
    "CLAIM_LEVELS",
    "LEVELS",
    "Level",
    "fact_span",
    "level_of",
    "ordered",
    "rests_on_claims",
    "widen_score",
]
