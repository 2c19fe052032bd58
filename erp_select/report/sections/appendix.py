"""The appendix: each vendor's profile, facts by source (in words) and cost components."""

from __future__ import annotations

from erp_select.i18n import t
from erp_select.model import ChecklistValue, Criterion, ReviewsValue, VendorProfile
from erp_select.report.compute import ReportInputs
from erp_select.report.content import (
    SHORTLIST_SIZE,
    CostRow,
    FactLine,
    SourceGroup,
    VendorAppendix,
)
from erp_select.report.sections.common import status
from erp_select.words import Words


def fact_users(inputs: ReportInputs, lang: str) -> dict[str, list[str]]:
    """Criterion labels that read each fact (for the appendix)."""
    out: dict[str, list[str]] = {}

    def add(fact: str, criterion: Criterion) -> None:
        users = out.setdefault(fact, [])
        if criterion.label.get(lang) not in users:
            users.append(criterion.label.get(lang))

    for c in inputs.project.criteria.leaves():
        spec = c.value
        for name in ("fact", "fallback_fact"):
            fact = getattr(spec, name, None)
            if isinstance(fact, str):
                add(fact, c)
        if isinstance(spec, ChecklistValue):
            for item in spec.items:
                add(item.fact, c)
        elif isinstance(spec, ReviewsValue):
            for v in inputs.project.vendors:
                for fid in v.facts:
                    if fid.startswith(spec.prefix):
                        add(fid, c)
    return out


def vendor_appendix(inputs: ReportInputs, lang: str, costs: list[CostRow]) -> list[VendorAppendix]:
    """Every vendor (ranked first): profile, facts grouped by source, and its costs."""
    users = fact_users(inputs, lang)
    words = Words(lang, inputs.project.criteria)
    statuses = status(inputs, lang)
    cost_of = {c["id"]: c for c in costs}
    order = inputs.order + [v.id for v in inputs.project.vendors if v.id not in inputs.order]
    # Component tables for the shortlist and the near misses; every vendor's total is in the
    # cost section, and every component of every vendor in the XLSX workbook.
    detailed = set(inputs.order[:SHORTLIST_SIZE]) | set(inputs.analysis.screening.near_misses())
    out: list[VendorAppendix] = []
    for vid in order:
        v: VendorProfile = inputs.project.vendor(vid)
        facts: list[FactLine] = []
        for fid, fact in v.facts.items():
            extra = []
            if fact.low is not None or fact.high is not None:
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
            label = words.fact(fid)
            used_by = [u for u in users.get(fid, []) if u != label]
            facts.append(
                {
                    "id": fid,
                    "label": label,
                    "used_by": t("labels.used_by", lang, criteria=words.join(used_by))
                    if used_by
                    else "",
                    "value": words.value(fid, fact.value, fact.unit),
                    "extra": " · ".join(extra),
                    "source": fact.source or "—",
                    "date": words.date(fact.date),
                    "evidence": words.evidence(fact.evidence),
                }
            )
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
                "facts": facts,
                "sources": facts_by_source(facts, lang),
                "cost": cost_of.get(vid),
                "detailed": vid in detailed,
            }
        )
    return out


def facts_by_source(facts: list[FactLine], lang: str) -> list[SourceGroup]:
    """Group a vendor's facts by source and date, in order of first appearance.

    Each source is then printed once, followed by one short line per fact (value, range,
    evidence, criteria using it): the same content as one line per fact repeating its
    source, in far less text (and PDF layout time) for a 30-vendor appendix.
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for f in facts:
        notes = [n for n in (f["extra"], f["evidence"], f["used_by"]) if n and n != "—"]
        line = t("labels.fact_line", lang, fact=f["label"], value=f["value"])
        text = line + (f" ({' · '.join(notes)})" if notes else "")
        groups.setdefault((f["source"], f["date"]), []).append(text)
    return [
        {"source": source, "date": date, "facts": lines} for (source, date), lines in groups.items()
    ]
