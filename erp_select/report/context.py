"""Turn computed analyses into the report's content in one language: text, tables, numbers."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from erp_select.i18n import fmt_money, fmt_number, fmt_percent, normalise_lang, t
from erp_select.model import ChecklistValue, Criterion, ReviewsValue, VendorProfile
from erp_select.report import adjusted
from erp_select.report.compute import ReportInputs, finite
from erp_select.words import Words, fmt_date, normalisation

#: Size of the recommended shortlist (at most; fewer when fewer vendors pass).
SHORTLIST_SIZE = 3
#: Rank acceptability columns shown in the SMAA table.
SMAA_TABLE_RANKS = 5
#: TCO components, in the order shown.
COMPONENTS = (
    "subscription",
    "licence",
    "maintenance",
    "platform",
    "hosting",
    "implementation",
    "customisation",
    "training",
)
ONE_OFF = frozenset({"licence", "implementation", "customisation", "training"})


@dataclass
class ReportContent:
    """The report in one language: every string already formatted, plus raw numbers.

    Templates and table writers read only this; nothing here is HTML.
    """

    lang: str
    title: str
    meta: dict[str, str]
    summary: dict[str, Any]
    company: list[tuple[str, str]]
    must_haves: list[str]
    criteria: list[dict[str, Any]]
    weighting: dict[str, Any]
    screening: list[dict[str, Any]]
    ranking: list[dict[str, Any]]
    findings: list[dict[str, str]]
    notes: list[str]
    costs: list[dict[str, Any]]
    sensitivity: dict[str, Any]
    agreement: dict[str, Any] | None
    vendors: list[dict[str, Any]]
    method: dict[str, Any]
    skipped: dict[str, list[str]] = field(default_factory=dict)
    claims: list[dict[str, Any]] = field(default_factory=list)
    screening_warnings: list[str] = field(default_factory=list)
    adjusted: list[str] = field(default_factory=list)
    adjusted_intro: str = ""
    warnings: list[str] = field(default_factory=list)


def _fact_users(inputs: ReportInputs, lang: str) -> dict[str, list[str]]:
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


def _label(key: str, fallback: str, lang: str) -> str:
    """The translation of ``key``, or ``fallback`` when the catalogue has none."""
    text = t(key, lang)
    return fallback if text == key else text


def _num(value: Any) -> float:
    """A table cell as a float (pandas types its cells loosely)."""
    return float(value)


def _score_text(value: float, lang: str) -> str:
    return fmt_number(value, lang, 3) if finite(value) else "—"


def _criteria_rows(inputs: ReportInputs, lang: str) -> list[dict[str, Any]]:
    tree = inputs.project.criteria
    words = Words(lang, tree)
    global_w = tree.global_weights()
    rows: list[dict[str, Any]] = []

    def visit(group: list[Criterion], depth: int, factor: float) -> None:
        total = sum(c.weight for c in group)
        for c in group:
            local = c.weight / total
            share = factor * local
            direction = ""
            if c.is_leaf:
                direction = t(f"report.direction.{c.direction}", lang)
            rows.append(
                {
                    "id": c.id,
                    "label": c.label.get(lang),
                    "depth": depth,
                    "leaf": c.is_leaf,
                    "local": fmt_percent(local, lang, 1),
                    "global": fmt_percent(global_w[c.id] if c.is_leaf else share, lang, 1),
                    "global_value": global_w[c.id] if c.is_leaf else share,
                    "bar": round(100 * (global_w[c.id] if c.is_leaf else share), 2),
                    "direction": direction,
                    "unit": words.unit(c.unit) if c.unit else "",
                    "kind": _label(f"report.kind.{c.value.kind}", c.value.kind, lang)
                    if c.value
                    else "",
                    "missing": adjusted.rule_text(c, lang) if c.is_leaf else "",
                }
            )
            if c.children:
                visit(c.children, depth + 1, share)

    visit(list(tree.criteria), 0, 1.0)
    return rows


def _weighting(inputs: ReportInputs, lang: str, names: Mapping[str, str]) -> dict[str, Any]:
    levels: list[dict[str, Any]] = []
    judged: set[str | None] = set()
    for lv in inputs.weight_levels or []:
        judged.add(lv.node)
        node = names.get(lv.node, lv.node) if lv.node else t("report.weights.top", lang)
        people = []
        for person, ind in lv.individual.items():
            report = ind.report
            cr = getattr(report, "cr", None)
            people.append(
                {
                    "name": person,
                    "method": t(f"report.weights.method.{ind.method}", lang),
                    "cr": fmt_number(cr, lang, 3) if cr is not None and ind.method == "ahp" else "",
                    "consistent": (
                        t("report.yes" if report.consistent else "report.no", lang)
                        if ind.method == "ahp"
                        else ""
                    ),
                    "weights": {c: fmt_percent(w, lang, 1) for c, w in ind.weights.items()},
                }
            )
        group_cr = ""
        if lv.ahp is not None:
            group_cr = t(
                "report.weights.group_cr",
                lang,
                cr=fmt_number(lv.ahp.cr, lang, 3),
                threshold=fmt_number(lv.ahp.threshold, lang, 2),
                table=lv.ahp.ri_source,
            )
        spread_table = lv.dispersion.table
        spread = []
        for cid in lv.ids:
            spread.append(
                {
                    "criterion": names.get(cid, cid),
                    "group": fmt_percent(lv.weights[cid], lang, 1),
                    "min": fmt_percent(float(spread_table.at[cid, "min"]), lang, 1)
                    if "min" in spread_table.columns
                    else "",
                    "max": fmt_percent(float(spread_table.at[cid, "max"]), lang, 1)
                    if "max" in spread_table.columns
                    else "",
                    "ids": cid,
                }
            )
        levels.append(
            {
                "node": node,
                "how": t(f"report.weights.how.{lv.how}", lang),
                "participants": len(lv.individual),
                "people": people,
                "group_cr": group_cr,
                "criteria": [names.get(c, c) for c in lv.ids],
                "ids": list(lv.ids),
                "spread": spread,
            }
        )
    others = [
        names.get(c.id, c.id)
        for c in inputs.project.criteria.walk()
        if c.children and c.id not in judged
    ]
    if None not in judged:
        others.insert(0, t("report.weights.top", lang))
    participants = sorted({j.participant for j in inputs.project.judgments})
    return {
        "levels": levels,
        "direct_levels": others,
        "participants": participants,
        "consistent": inputs.weights_consistent,
        "has_judgments": bool(inputs.project.judgments),
    }


def _screening(inputs: ReportInputs, lang: str) -> list[dict[str, Any]]:
    from erp_select.screen import explain_failure

    screening = inputs.analysis.screening
    near = set(screening.near_misses())
    rows = []
    for vid in screening.excluded:
        vendor = inputs.project.vendor(vid)
        rows.append(
            {
                "id": vid,
                "name": vendor.name,
                "near_miss": vid in near,
                "reasons": [
                    explain_failure(o, lang, inputs.project.criteria)
                    for o in screening.failures(vid)
                ],
            }
        )
    return rows


def _ranking(inputs: ReportInputs, lang: str) -> list[dict[str, Any]]:
    analysis = inputs.analysis
    result = analysis.result
    rows: list[dict[str, Any]] = []
    if result is None:
        return rows
    first = inputs.smaa.first_share if inputs.smaa is not None else None
    vfm = inputs.value_for_money
    index = {v: i for i, v in enumerate(result.alternatives)}
    for vid in analysis.order():
        i = index[vid]
        tco = analysis.performance.tco[vid].total
        share = float(first[vid]) if first is not None else math.nan
        efficient = bool(vfm.at[vid, "efficient"]) if vfm is not None else None
        benefit = _num(vfm.at[vid, "score"]) if vfm is not None else math.nan
        rows.append(
            {
                "id": vid,
                "name": inputs.project.vendor(vid).name,
                "rank": int(result.ranks[i]),
                "score": float(result.scores[i]),
                "score_text": _score_text(float(result.scores[i]), lang),
                "tco": tco.likely,
                "tco_text": fmt_money(tco.likely, lang),
                "tco_range": t(
                    "report.range",
                    lang,
                    low=fmt_money(tco.low, lang),
                    high=fmt_money(tco.high, lang),
                ),
                "tco_low": tco.low,
                "tco_high": tco.high,
                "first_share": share,
                "first_share_text": fmt_percent(share, lang) if finite(share) else "—",
                "efficient": efficient,
                "benefit": benefit,
                "efficient_text": (
                    "" if efficient is None else t("report.yes" if efficient else "report.no", lang)
                ),
                **adjusted.tco_fields(inputs, vid, lang),
                "notes": adjusted.vendor_notes(inputs, vid, lang),
            }
        )
    return rows


def _costs(inputs: ReportInputs, lang: str) -> list[dict[str, Any]]:
    perf = inputs.analysis.performance
    status = _status(inputs, lang)
    order = inputs.order + [v for v in perf.vendors if v not in inputs.order]
    rows = []
    for vid in order:
        b = perf.tco[vid]
        one_off = sum(b.components[c].likely for c in ONE_OFF if c in b.components)
        recurring = sum(b.components[c].likely for c in b.components if c not in ONE_OFF)
        rows.append(
            {
                "id": vid,
                "name": inputs.project.vendor(vid).name,
                "status": status[vid],
                "kept": vid in inputs.kept,
                "one_off": fmt_money(one_off, lang),
                "recurring": fmt_money(recurring, lang),
                "first_year": fmt_money(b.first_year.likely, lang),
                "low": fmt_money(b.total.low, lang),
                "likely": fmt_money(b.total.likely, lang),
                "high": fmt_money(b.total.high, lang),
                "billed_users": b.billed_users,
                **adjusted.tco_fields(inputs, vid, lang),
                "components": [
                    {
                        "name": t(f"report.tco.{c}", lang),
                        "low": fmt_money(b.components[c].low, lang),
                        "likely": fmt_money(b.components[c].likely, lang),
                        "high": fmt_money(b.components[c].high, lang),
                    }
                    for c in COMPONENTS
                    if c in b.components
                ],
            }
        )
    return rows


def _status(inputs: ReportInputs, lang: str) -> dict[str, str]:
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


def _summary(inputs: ReportInputs, lang: str, names: Mapping[str, str]) -> dict[str, Any]:
    order = inputs.order
    out: dict[str, Any] = {
        "assessed": len(inputs.project.vendors),
        "kept": len(inputs.kept),
        "excluded": len(inputs.analysis.screening.excluded),
        "near_misses": [names[v] for v in inputs.analysis.screening.near_misses()],
        "shortlist": [names[v] for v in order[:SHORTLIST_SIZE]],
        "winner": names[order[0]] if order else None,
        "robustness": None,
        "verdict": None,
        "why": None,
    }
    out["counts"] = t(
        "report.summary.counts",
        lang,
        assessed=out["assessed"],
        kept=out["kept"],
        excluded=out["excluded"],
    )
    if not order:
        out["lead"] = t("report.summary.none_kept", lang)
        return out
    if len(order) == 1:
        out["lead"] = t("report.summary.one_kept", lang, winner=out["winner"])
    else:
        out["lead"] = t(
            "report.summary.lead",
            lang,
            winner=out["winner"],
            shortlist=", ".join(out["shortlist"]),
            n=len(out["shortlist"]),
        )
    summary = inputs.summary(lang)
    if summary is not None:
        out["robustness"] = summary.text
        out["verdict"] = summary.verdict
        out["verdict_text"] = t(f"report.verdict.{summary.verdict}", lang)
    if inputs.contributions is not None and len(order) > 1:
        from erp_select.errors import InputError
        from erp_select.explain.contributions import head_to_head

        try:
            h2h = head_to_head(inputs.contributions, order[0], order[1], names)
            out["why"] = h2h.sentence(lang)
        except InputError:
            out["why"] = None
    return out


def _sensitivity(inputs: ReportInputs, lang: str, names: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {"stability": [], "smaa": [], "crossovers": [], "what": []}
    if inputs.stability is not None:
        for crit, row in inputs.stability.iterrows():
            out["stability"].append(
                {
                    "criterion": names.get(str(crit), str(crit)),
                    "current": fmt_percent(float(row["current_weight"]), lang, 1),
                    "winner": t(
                        "report.range",
                        lang,
                        low=fmt_percent(float(row["winner_low"]), lang, 1),
                        high=fmt_percent(float(row["winner_high"]), lang, 1),
                    ),
                    "topk": t(
                        "report.range",
                        lang,
                        low=fmt_percent(float(row["topk_low"]), lang, 1),
                        high=fmt_percent(float(row["topk_high"]), lang, 1),
                    ),
                }
            )
        if len(inputs.stability):
            out["k"] = int(inputs.stability["k"].iloc[0])
    if inputs.smaa is not None:
        table = inputs.smaa.acceptability
        # The table shows the first ranks (the heatmap and the XLSX workbook show them all).
        ranks = [int(r) for r in table.columns][:SMAA_TABLE_RANKS]
        out["smaa_ranks"] = ranks
        for vid in inputs.order:
            conf = float(inputs.smaa.confidence[vid])
            out["smaa"].append(
                {
                    "name": names.get(vid, vid),
                    "shares": [fmt_percent(_num(table.at[vid, r]), lang) for r in ranks],
                    "confidence": fmt_percent(conf, lang) if finite(conf) else "—",
                }
            )
    if inputs.curves is not None:
        cross = inputs.curves.crossovers
        for cross_row in cross.itertuples(index=False):
            c = cross_row
            out["crossovers"].append(
                {
                    "criterion": names.get(str(c.criterion), str(c.criterion)),
                    "current": fmt_percent(_num(c.current_weight), lang, 1),
                    "weight": fmt_percent(_num(c.weight), lang, 1),
                    "before": names.get(str(c.winner_before), str(c.winner_before)),
                    "after": names.get(str(c.winner_after), str(c.winner_after)),
                }
            )
    return out


def _agreement(inputs: ReportInputs, lang: str, names: Mapping[str, str]) -> dict[str, Any] | None:
    res = inputs.agreement
    if res is None:
        return None
    methods = [str(k) for k in res.ranks.columns]
    from erp_select.engine import method_info

    # Names in the report's language (the agreement is computed once for every language).
    method_names = {str(k): method_info(str(k)).title(lang) for k in res.methods.index}
    rows = []
    for vid in inputs.order:
        rows.append(
            {
                "name": names.get(vid, vid),
                "ranks": [int(_num(res.ranks.at[vid, k])) for k in methods],
                "consensus": int(_num(res.consensus.at[vid, "consensus_rank"])),
            }
        )
    ref = inputs.analysis.method
    rho = res.spearman
    others = [k for k in methods if k != ref]
    mean_rho = _num(rho.loc[ref, others].mean()) if ref in rho.index and others else math.nan
    firsts = [k for k in methods if res.ranks[k].idxmin() == inputs.order[0]]
    return {
        "methods": [k.upper() for k in methods],
        "method_names": [
            f"{k.upper()} : {method_names.get(k, k)}"
            if lang == "fr"
            else f"{k.upper()}: {method_names.get(k, k)}"
            for k in methods
        ],
        "rows": rows,
        "sentence": t(
            "report.agreement.sentence_one" if len(firsts) == 1 else "report.agreement.sentence",
            lang,
            n=len(firsts),
            total=len(methods),
            winner=names.get(inputs.order[0], inputs.order[0]),
            rho=fmt_number(mean_rho, lang, 2),
        ),
        "failures": [str(r) for r in res.failures["message"]] if len(res.failures) else [],
    }


def _vendor_appendix(
    inputs: ReportInputs, lang: str, costs: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    users = _fact_users(inputs, lang)
    words = Words(lang, inputs.project.criteria)
    status = _status(inputs, lang)
    cost_of = {c["id"]: c for c in costs}
    order = inputs.order + [v.id for v in inputs.project.vendors if v.id not in inputs.order]
    # Component tables for the shortlist and the near misses; every vendor's total is in the
    # cost section, and every component of every vendor in the XLSX workbook.
    detailed = set(inputs.order[:SHORTLIST_SIZE]) | set(inputs.analysis.screening.near_misses())
    out = []
    for vid in order:
        v: VendorProfile = inputs.project.vendor(vid)
        facts = []
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
                "status": status[vid],
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
                "sources": _facts_by_source(facts, lang),
                "cost": cost_of.get(vid),
                "detailed": vid in detailed,
            }
        )
    return out


def _facts_by_source(facts: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
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


def _claims(inputs: ReportInputs, names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Per shortlisted vendor (rank order), the criteria whose value rests on claims only."""
    by_vendor: dict[str, list[str]] = {}
    for vendor_id, criterion_id in inputs.analysis.performance.claims_only():
        by_vendor.setdefault(vendor_id, []).append(names.get(criterion_id, criterion_id))
    return [
        {"name": inputs.project.vendor(v).name, "criteria": by_vendor[v]}
        for v in inputs.order
        if by_vendor.get(v)
    ]


def _method(inputs: ReportInputs, lang: str) -> dict[str, Any]:
    from erp_select.engine import method_info

    info = method_info(inputs.analysis.method)
    smaa = inputs.smaa
    smaa_text = ""
    if smaa is not None:
        key = (
            "report.method.smaa_uniform"
            if smaa.weight_model == "uniform"
            else "report.method.smaa_dirichlet"
        )
        smaa_text = t(
            key,
            lang,
            n=fmt_number(smaa.n, lang, 0),
            seed=smaa.seed,
            c=fmt_number(smaa.concentration or 0.0, lang, 0),
            cells=smaa.uncertain_cells,
        )
    return {
        "name": info.title(lang),
        "key": info.key,
        "description": info.description.get(lang, info.description.get("en", "")),
        "normalisation": normalisation(info.key, lang),
        "smaa": smaa_text,
        "samples": fmt_number(inputs.samples, lang, 0),
        "seed": inputs.seed,
        "as_of": fmt_date(inputs.project.as_of, lang),
    }


def _date_long(value: dt.date, lang: str) -> str:
    from babel.dates import format_date

    return format_date(value, format="long", locale="fr_FR" if lang == "fr" else "en_GB")


def build_content(inputs: ReportInputs, lang: str | None) -> ReportContent:
    """Format every section of the report in ``lang``.

    Parameters
    ----------
    inputs : ReportInputs
        From :func:`erp_select.report.compute.compute`.
    lang : str, optional
        ``"fr"`` or ``"en"``.

    Returns
    -------
    ReportContent
        Plain strings and rows; templates and writers escape them for their format.
    """
    from erp_select.report.charts import labels_for

    code = normalise_lang(lang)
    project = inputs.project
    names = labels_for(inputs, code)
    company = project.company
    words = Words(code, project.criteria)
    from erp_select.screen import describe_rule, screening_warnings

    company_rows = [
        (t("report.company.name", code), company.name or "—"),
        (t("report.company.sector", code), words.sector(company.sector)),
        (
            t("report.company.size", code),
            words.level("company_sizes", company.size) if company.size else "—",
        ),
        (t("report.company.users", code), fmt_number(company.erp_users, code, 0)),
        (t("report.company.horizon", code), t("report.years", code, n=company.horizon_years)),
        (
            t("report.company.budget", code),
            fmt_money(company.budget, code) if company.budget is not None else "—",
        ),
        (t("report.company.vendors", code), str(len(project.vendors))),
    ]
    costs = _costs(inputs, code)
    notes = (
        [n.render(code, names) for n in inputs.analysis.result.notes]
        if inputs.analysis.result
        else []
    )
    # The same remark about several vendors is written once, with the vendors listed.
    grouped: dict[str, list[str]] = {}
    for f in inputs.analysis.performance.findings:
        vendors = grouped.setdefault(f.render(code), [])
        name = names.get(f.vendor_id, f.vendor_id)
        if name not in vendors:
            vendors.append(name)
    findings = [{"vendor": ", ".join(v), "text": text} for text, v in grouped.items()]
    summary = _summary(inputs, code, names)
    skipped = {section: s.lines(code) for section, s in inputs.skipped.items()}
    content = ReportContent(
        lang=code,
        title=project.name or t("report.title", code),
        meta={
            "date": _date_long(inputs.day, code),
            "date_iso": inputs.day.isoformat(),
            "version": inputs.version,
            "fingerprint": inputs.fingerprint,
            "method": names.get(inputs.analysis.method, inputs.analysis.method),
            "company": company.name,
            "horizon": t("report.years", code, n=company.horizon_years),
        },
        summary=summary,
        company=company_rows,
        must_haves=[describe_rule(r, code, project.criteria) for r in company.must_haves],
        criteria=_criteria_rows(inputs, code),
        weighting=_weighting(inputs, code, names),
        screening=_screening(inputs, code),
        ranking=_ranking(inputs, code),
        findings=findings,
        notes=notes,
        costs=costs,
        sensitivity=_sensitivity(inputs, code, names),
        agreement=_agreement(inputs, code, names),
        vendors=_vendor_appendix(inputs, code, costs),
        method=_method(inputs, code),
        skipped=skipped,
        claims=_claims(inputs, names),
        screening_warnings=screening_warnings(inputs.analysis.screening, code, project.criteria),
        adjusted=adjusted.notes(inputs, code),
        adjusted_intro=adjusted.intro(code),
        warnings=adjusted.warnings(inputs, code),
    )
    content.meta["method"] = content.method["name"]
    return content
