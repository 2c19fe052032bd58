"""How scores were obtained: the values that came from scored demos, with their evaluators."""

from __future__ import annotations

from typing import TypedDict

from erp_select.i18n import fmt_number, t
from erp_select.report.compute import ReportInputs
from erp_select.words import Words


class DemoRow(TypedDict):
    """One vendor × criterion value that a demo round's agreed score set, in words."""

    vendor: str
    criterion: str
    value: str
    range: str
    source: str


class ScoringSection(TypedDict):
    """The section: how many values came from demos, and each of them."""

    intro: str
    rows: list[DemoRow]


def scoring_section(inputs: ReportInputs, lang: str) -> ScoringSection | None:
    """The section in ``lang``; ``None`` when no value comes from a demo.

    A value comes from a demo when the fact its criterion reads carries the evidence level
    ``demo`` (written by adopting a scored demo round or importing offline scorecards); its
    source names the round, the date, the evaluators and whether the group agreed on a
    score or kept the mean. The range is the lowest and highest evaluator's score, which
    the SMAA-2 simulations sample.
    """
    project = inputs.project
    words = Words(lang, project.criteria)
    rows: list[DemoRow] = []
    # A demo scores the vendor: listed once under its name, not once per offer or pair.
    analysis = inputs.analysis
    vendor_names = {a.id: a.vendor_name for a in analysis.alternatives}
    seen: set[str] = set()
    for vendor in project.vendors:
        if analysis.vendor_of(vendor.id) in seen:
            continue
        seen.add(analysis.vendor_of(vendor.id))
        for leaf in project.criteria.leaves():
            fact_id = getattr(leaf.value, "fact", None)
            fact = vendor.facts.get(fact_id) if isinstance(fact_id, str) else None
            if fact is None or fact.evidence != "demo" or fact_id is None:
                continue
            span = ""
            if fact.low is not None and fact.high is not None:
                span = t(
                    "evalteam.report.span",
                    lang,
                    low=words.value(fact_id, fact.low),
                    high=words.value(fact_id, fact.high),
                )
            rows.append(
                DemoRow(
                    vendor=vendor_names.get(vendor.id, vendor.name),
                    criterion=words.criterion(leaf.id),
                    value=words.value(fact_id, fact.value),
                    range=span or t("evalteam.report.agreed", lang),
                    source=fact.source or "",
                )
            )
    if not rows:
        return None
    vendors = len({r["vendor"] for r in rows})
    intro = t(
        "evalteam.report.intro",
        lang,
        n=fmt_number(len(rows), lang, 0),
        vendors=fmt_number(vendors, lang, 0),
    )
    return ScoringSection(intro=intro, rows=rows)
