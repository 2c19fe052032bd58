"""What several sections share: plain numbers from tables, scores, and each vendor's status."""

from __future__ import annotations

from typing import Any

from erp_select.i18n import fmt_number, t
from erp_select.report.compute import ReportInputs, finite


def label(key: str, fallback: str, lang: str) -> str:
    """The translation of ``key``, or ``fallback`` when the catalogue has none."""
    text = t(key, lang)
    return fallback if text == key else text


def num(value: Any) -> float:
    """A table cell as a float (pandas types its cells loosely)."""
    return float(value)


def score_text(value: float, lang: str) -> str:
    """A score with three decimals, or ``—`` when it is not a number."""
    return fmt_number(value, lang, 3) if finite(value) else "—"


def status(inputs: ReportInputs, lang: str) -> dict[str, str]:
    """Each vendor's status: its rank, excluded, or excluded narrowly (a near miss)."""
    out: dict[str, str] = {}
    ranks = {}
    result = inputs.analysis.result
    if result is not None:
        ranks = {a: int(r) for a, r in zip(result.alternatives, result.ranks, strict=True)}
    near = set(inputs.analysis.screening.near_misses())
    for v in inputs.project.vendors:
        if v.id in ranks:
            out[v.id] = t("report.status.ranked", lang, rank=ranks[v.id])
        elif v.id in near:
            out[v.id] = t("report.status.near_miss", lang)
        else:
            out[v.id] = t("report.status.excluded", lang)
    return out
