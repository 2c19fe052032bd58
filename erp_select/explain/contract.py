"""Contract checklist, vendor viability and risk register of vendors, in people's words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from erp_select.i18n import normalise_lang, t
from erp_select.model import VendorProfile
from erp_select.model.risks import SCALE_MAX, Risk
from erp_select.words import Words

#: The contract checklist, in reading order: the legal side of the selection. The GDPR
#: agreement and the data location are security facts, listed here because a contract
#: review asks for them too.
CONTRACT_FACTS = (
    "contract.exit_clause",
    "contract.reversibility_plan",
    "contract.data_return_format",
    "contract.data_return_days",
    "contract.price_increase",
    "contract.sla_availability",
    "contract.sla_penalties",
    "contract.support_fr",
    "contract.liability_cap_months",
    "sec.gdpr_dpa",
    "sec.data_location",
    "contract.subprocessors_listed",
    "contract.source_escrow",
    "contract.term_months",
    "contract.notice_months",
)
#: The vendor's viability; the customer base in the sector is ``fit.sector_references``.
VIABILITY_FACTS = (
    "viability.financial_health",
    "viability.employees",
    "viability.years_in_france",
    "viability.french_support",
    "viability.partners_france",
    "viability.customers_france",
    "fit.sector_references",
)


class RiskRow(TypedDict):
    """One risk in words: likelihood and impact with their scale word, score out of 25."""

    description: str
    likelihood: str
    impact: str
    score: str
    score_value: int
    mitigation: str
    owner: str


def checklist(
    vendors: Sequence[VendorProfile], facts: Sequence[str], words: Words
) -> list[tuple[str, list[str]]]:
    """One row per fact any vendor states: its label, then each vendor's value in words.

    A vendor that does not state the fact shows the language's "—".
    """
    rows: list[tuple[str, list[str]]] = []
    for fact_id in facts:
        if not any(fact_id in v.facts for v in vendors):
            continue
        cells = [
            words.value(fact_id, v.facts[fact_id].value, v.facts[fact_id].unit)
            if fact_id in v.facts
            else t("words.none", words.lang)
            for v in vendors
        ]
        rows.append((words.fact(fact_id), cells))
    return rows


def level_words(kind: str, level: int, lang: str | None) -> str:
    """``3 / 5 (possible)``: a likelihood or impact with its word on the 1–5 scale."""
    code = normalise_lang(lang)
    word = t(f"contract.risk.{kind}.{level}", code)
    return t("contract.risk.level", code, level=level, top=SCALE_MAX, word=word)


def risk_rows(risks: Sequence[Risk], lang: str | None) -> list[RiskRow]:
    """The register in words, highest score first (the file's order among equal scores)."""
    code = normalise_lang(lang)
    none = t("words.none", code)
    ordered = sorted(risks, key=lambda r: -r.score)
    return [
        RiskRow(
            description=r.description,
            likelihood=level_words("likelihood", r.likelihood, code),
            impact=level_words("impact", r.impact, code),
            score=t("contract.risk.score", code, score=r.score, top=SCALE_MAX * SCALE_MAX),
            score_value=r.score,
            mitigation=r.mitigation or none,
            owner=r.owner or none,
        )
        for r in ordered
    ]
