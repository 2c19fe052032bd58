"""The recommendation, the remarks on the data, and the conclusions resting on claims only."""

from __future__ import annotations

from collections.abc import Mapping

from erp_select.errors import InputError
from erp_select.explain.contributions import head_to_head
from erp_select.explain.decision import decision_status
from erp_select.i18n import t
from erp_select.report.compute import ReportInputs
from erp_select.report.content import SHORTLIST_SIZE, Claims, Finding, Summary


def summary(inputs: ReportInputs, lang: str, names: Mapping[str, str]) -> Summary:
    """The lead sentence, shortlist, counts, robustness verdict and why the winner leads."""
    order = inputs.order
    assessed = len(inputs.project.vendors)  # offers and vendor × integrator pairs one by one
    vendors = len(inputs.saved.vendors)  # as written
    kept = len(inputs.kept)
    excluded = len(inputs.analysis.screening.excluded)
    out: Summary = {
        "assessed": assessed,
        "vendors": vendors,
        "kept": kept,
        "excluded": excluded,
        "near_misses": [names[v] for v in inputs.analysis.screening.near_misses()],
        "shortlist": [names[v] for v in order[:SHORTLIST_SIZE]],
        "winner": names[order[0]] if order else None,
        "robustness": None,
        "verdict": None,
        "why": None,
        "counts": t(
            "report.summary.counts" if assessed == vendors else "offers.report.counts",
            lang,
            assessed=assessed,
            vendors=vendors,
            kept=kept,
            excluded=excluded,
        ),
        "lead": "",
    }
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
    robustness = inputs.summary(lang)
    if robustness is not None:
        out["robustness"] = robustness.text
        out["verdict"] = robustness.verdict
        # The same sentence as the memo and the app's sensitivity page.
        out["verdict_text"] = decision_status(robustness, names, lang).sentence
    if inputs.contributions is not None and len(order) > 1:
        try:
            h2h = head_to_head(inputs.contributions, order[0], order[1], names)
            out["why"] = h2h.sentence(lang)
        except InputError:
            out["why"] = None
    return out


def findings(inputs: ReportInputs, lang: str, names: Mapping[str, str]) -> list[Finding]:
    """The remarks on the vendors' data, each written once with the vendors it concerns."""
    grouped: dict[str, list[str]] = {}
    for f in inputs.analysis.performance.findings:
        vendors = grouped.setdefault(f.render(lang), [])
        name = names.get(f.vendor_id, f.vendor_id)
        if name not in vendors:
            vendors.append(name)
    return [{"vendor": ", ".join(v), "text": text} for text, v in grouped.items()]


def claims(inputs: ReportInputs, names: Mapping[str, str]) -> list[Claims]:
    """Per shortlisted vendor (rank order), the criteria whose value rests on claims only."""
    by_vendor: dict[str, list[str]] = {}
    for vendor_id, criterion_id in inputs.analysis.performance.claims_only():
        by_vendor.setdefault(vendor_id, []).append(names.get(criterion_id, criterion_id))
    return [
        {"name": inputs.project.vendor(v).name, "criteria": by_vendor[v]}
        for v in inputs.order
        if by_vendor.get(v)
    ]
