"""The vendor sheets: each vendor's profile, its facts by criteria family (in words) and its TCO."""

from __future__ import annotations

from erp_select.evaluate.requirements import DAY_RATE_FACT
from erp_select.evaluate.tco import PRICING_FACTS
from erp_select.i18n import t
from erp_select.model import (
    ChecklistValue,
    Criterion,
    RequirementsValue,
    ReviewsValue,
    TcoValue,
    VendorProfile,
)
from erp_select.report.compute import ReportInputs
from erp_select.report.content import CostRow, FactFamily, FactLine, VendorAppendix
from erp_select.report.sections.common import status
from erp_select.words import Words

#: The facts the TCO reads (a TCO criterion's family holds them).
_TCO_FACTS = (*PRICING_FACTS, DAY_RATE_FACT)


def _facts_read(leaf: Criterion, vendors: list[VendorProfile]) -> list[str]:
    """The fact ids one leaf criterion reads (those of ``vendors`` for a prefix)."""
    spec = leaf.value
    out = [
        fact
        for name in ("fact", "fallback_fact")
        if isinstance(fact := getattr(spec, name, None), str)
    ]
    if isinstance(spec, ChecklistValue):
        out += [item.fact for item in spec.items]
    elif isinstance(spec, ReviewsValue):
        out += [fid for v in vendors for fid in v.facts if fid.startswith(spec.prefix)]
    elif isinstance(spec, TcoValue):
        out += list(_TCO_FACTS)
    elif isinstance(spec, RequirementsValue):
        out.append(DAY_RATE_FACT)
    return out


def fact_families(inputs: ReportInputs, lang: str) -> dict[str, str]:
    """The criteria family (top-level criterion, in ``lang``) of every fact the criteria read.

    A fact read by several families belongs to the first one in the tree's order.
    """
    vendors = list(inputs.project.vendors)
    out: dict[str, str] = {}
    for family in inputs.project.criteria.criteria:
        leaves = [c for c in family.walk() if c.is_leaf]
        for leaf in leaves:
            for fact in _facts_read(leaf, vendors):
                out.setdefault(fact, family.label.get(lang))
    return out


def sheet_order(inputs: ReportInputs) -> list[str]:
    """Every vendor as the sheets list them: by rank, then the near misses, then the rest."""
    ranked = list(inputs.order)
    near = [v for v in inputs.near_misses if v not in ranked]
    rest = [v.id for v in inputs.project.vendors if v.id not in ranked and v.id not in near]
    return ranked + near + rest


def _fact_lines(vendor: VendorProfile, words: Words, lang: str) -> tuple[list[FactLine], list[str]]:
    """A vendor's facts in words, and its sources (each with its date) numbered from 1."""
    lines: list[FactLine] = []
    refs: dict[str, int] = {}
    for fid, fact in vendor.facts.items():
        extra = []
        ranged = fact.low is not None or fact.high is not None
        if ranged and fact.level_range is None:  # a level's range reads in its value
            low = fact.low if fact.low is not None else fact.value
            high = fact.high if fact.high is not None else fact.value
            extra.append(
                t(
                    "report.range",
                    lang,
                    low=words.value(fid, low, fact.unit),
                    high=words.value(fid, high, fact.unit),
                )
            )
        if fact.count is not None:
            extra.append(t("report.appendix.reviews", lang, n=fact.count))
        source = fact.source or t("words.none", lang)
        date = words.date(fact.date) if fact.date else ""
        cited = f"{source} · {date}" if date else source
        ref = refs.setdefault(cited, len(refs) + 1)
        lines.append(
            {
                "id": fid,
                "label": words.fact(fid),
                "value": words.fact_value(fid, fact),
                "extra": " · ".join(extra),
                "source": source,
                "date": date,
                "evidence": words.evidence(fact.evidence),
                "ref": ref,
            }
        )
    return lines, list(refs)


def group_by_family(
    lines: list[FactLine], families: dict[str, str], order: list[str], lang: str
) -> list[FactFamily]:
    """The fact lines under their family, in the families' order; unread facts last."""
    other = t("sheets.other_facts", lang)
    grouped: dict[str, list[FactLine]] = {name: [] for name in order}
    for line in lines:
        grouped.setdefault(families.get(line["id"], other), []).append(line)
    return [{"name": name, "facts": facts} for name, facts in grouped.items() if facts]


def vendor_appendix(
    inputs: ReportInputs, lang: str, costs: list[CostRow], *, only_in_scope: bool = False
) -> list[VendorAppendix]:
    """Every vendor's sheet (see :func:`sheet_order`): profile, facts by family, and its costs.

    ``in_scope`` marks the sheets a board reads by default: the shortlist and the near
    misses (:attr:`~erp_select.analysis.AnalysisSuite.near_misses`); ``only_in_scope``
    formats those sheets only.
    """
    words = Words(lang, inputs.project.criteria)
    statuses = status(inputs, lang)
    families = fact_families(inputs, lang)
    family_order = [c.label.get(lang) for c in inputs.project.criteria.criteria]
    cost_of = {c["id"]: c for c in costs}
    scope = set(inputs.shortlist) | set(inputs.near_misses)
    out: list[VendorAppendix] = []
    for vid in sheet_order(inputs):
        if only_in_scope and vid not in scope:
            continue
        v = inputs.project.vendor(vid)
        lines, sources = _fact_lines(v, words, lang)
        out.append(
            {
                "id": vid,
                "name": v.name,
                "product": v.product or "",
                "demo": v.demo,
                "description": v.description.get(lang) if v.description else "",
                "status": statuses[vid],
                "profile": [
                    (
                        t("report.appendix.licence", lang),
                        words.value("licence_model", v.licence_model),
                    ),
                    (
                        t("report.appendix.deployment", lang),
                        words.value("deployment", v.deployment),
                    ),
                    (t("report.appendix.sectors", lang), words.value("sectors", v.sectors)),
                    (
                        t("report.appendix.sizes", lang),
                        words.value("company_sizes", v.company_sizes),
                    ),
                ],
                "families": group_by_family(lines, families, family_order, lang),
                "sources": sources,
                "cost": cost_of.get(vid),
                "in_scope": vid in scope,
            }
        )
    return out
