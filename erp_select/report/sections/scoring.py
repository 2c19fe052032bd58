"""How scores were obtained: the values that came from scored demos, with their evaluators."""

from __future__ import annotations

from typing import Any, TypedDict

from erp_select.analysis.demo_effect import DemoEffect, demo_effect
from erp_select.i18n import fmt_number, t
from erp_select.model import Project
from erp_select.report.compute import ReportInputs
from erp_select.words import Words


class DemoRow(TypedDict):
    """One vendor × criterion value that a demo round's agreed score set, in words."""

    vendor: str
    criterion: str
    value: str
    range: str
    source: str


class ChangeRow(TypedDict):
    """A value the demonstrations changed: as it stood before (with its evidence) and now."""

    vendor: str
    criterion: str
    before: str
    after: str


class MoveRow(TypedDict):
    """A vendor's score and rank before the demonstrations and now, in words."""

    vendor: str
    score_before: str
    rank_before: str
    score_after: str
    rank_after: str
    before: float | None
    after: float | None


class ScoringSection(TypedDict):
    """The section: how many values came from demos, and each of them; then what the
    demonstrations changed (values, then the ranking), when the project records it."""

    intro: str
    rows: list[DemoRow]
    changes_intro: str
    changes: list[ChangeRow]
    moves_intro: str
    moves: list[MoveRow]


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
    section = ScoringSection(
        intro=intro, rows=rows, changes_intro="", changes=[], moves_intro="", moves=[]
    )
    effect = demo_effect(inputs)
    if effect is not None:
        _before_after(section, effect, project, inputs.saved, lang)
    return section


def _criterion_of(project: Project, fact_id: str) -> str | None:
    for leaf in project.criteria.leaves():
        if getattr(leaf.value, "fact", None) == fact_id:
            return leaf.id
    return None


def _before_after(
    section: ScoringSection, effect: DemoEffect, project: Project, written: Project, lang: str
) -> None:
    """Fill the section's before → after rows from the analysis of the demonstrations."""
    words = Words(lang, project.criteria)
    # values name vendors (as written), ranking moves name alternatives (offers, pairs)
    names = {v.id: v.name for v in written.vendors}
    names.update({v.id: v.name for v in project.vendors})
    changed = [c for c in effect.values if c.before is None or c.before.value != c.after.value]
    for c in changed:
        cid = _criterion_of(project, c.fact_id)
        before = t("agreed.report.none", lang)
        if c.before is not None:
            before = t(
                "agreed.report.was",
                lang,
                value=words.value(c.fact_id, c.before.value),
                evidence=words.evidence(c.before.evidence),
            )
        section["changes"].append(
            ChangeRow(
                vendor=names.get(c.vendor_id, c.vendor_id),
                criterion=words.criterion(cid) if cid else words.fact(c.fact_id),
                before=before,
                after=words.value(c.fact_id, c.after.value),
            )
        )
    confirmed = len(effect.values) - len(changed)
    section["changes_intro"] = t("agreed.report.changes_intro", lang, n=len(changed))
    if confirmed:
        section["changes_intro"] += " " + t("agreed.report.confirmed", lang, n=confirmed)

    def score(x: float | None) -> str:
        return "—" if x is None else fmt_number(x, lang, 4)

    def rank(x: int | None) -> str:
        return "—" if x is None else fmt_number(x, lang, 0)

    for m in effect.ranking:
        section["moves"].append(
            MoveRow(
                vendor=names.get(m.vendor_id, m.vendor_id),
                score_before=score(m.score_before),
                rank_before=rank(m.rank_before),
                score_after=score(m.score_after),
                rank_after=rank(m.rank_after),
                before=m.score_before,
                after=m.score_after,
            )
        )
    section["moves_intro"] = t(
        "agreed.report.moves_intro", lang, method=words.method(effect.method)
    )


def before_after_sheet(section: ScoringSection | None, lang: str) -> dict[str, list[list[Any]]]:
    """The XLSX report's sheet of what the demonstrations changed (none without a round)."""
    if section is None or not section["moves"]:
        return {}

    def col(key: str) -> str:
        return t(f"agreed.report.col_{key}", lang)

    vendor, criterion = (
        t("evalteam.report.col.vendor", lang),
        t("evalteam.report.col.criterion", lang),
    )
    rows: list[list[Any]] = [[t("agreed.report.changes_title", lang)], [section["changes_intro"]]]
    rows.append([vendor, criterion, col("before"), col("after")])
    rows += [[r["vendor"], r["criterion"], r["before"], r["after"]] for r in section["changes"]]
    rows += [[], [t("agreed.report.moves_title", lang)], [section["moves_intro"]]]
    rows.append(
        [vendor, col("score_before"), col("rank_before"), col("score_after"), col("rank_after")]
    )
    for m in section["moves"]:
        rows.append(
            [
                m["vendor"],
                "" if m["before"] is None else m["before"],
                int(m["rank_before"]) if m["rank_before"].isdigit() else "",
                "" if m["after"] is None else m["after"],
                int(m["rank_after"]) if m["rank_after"].isdigit() else "",
            ]
        )
    return {t("agreed.report.sheet", lang): rows}
