"""The board memo's costs against the budget, risks and conditions, and next steps."""

from __future__ import annotations

from collections.abc import Mapping

from erp_select.explain.summary import format_value
from erp_select.i18n import fmt_money, fmt_percent, t
from erp_select.report.compute import ReportInputs
from erp_select.report.memo_types import MemoCost
from erp_select.screen import explain_failure
from erp_select.words import join, unit

#: Criteria named in one risk or step; the rest are counted.
NAMED = 3
#: Money units (written as money, not as a number and a unit).
_MONEY = {"eur", "€", "euro", "euros"}


def value_text(value: float, unit_code: str | None, lang: str) -> str:
    """A criterion value with its unit in words (money as money, ``14 mois``)."""
    code = (unit_code or "").strip()
    if not code or code.lower() in _MONEY or code == "%":
        return format_value(value, code or None, lang)
    return f"{format_value(value, None, lang)} {unit(code, lang, value)}"


def _lower_first(label: str) -> str:
    """A cost item's label inside a sentence (``Abonnement`` → ``abonnement``)."""
    return label[:1].lower() + label[1:]


def _names(items: list[str], lang: str) -> str:
    """At most :data:`NAMED` names in quotes, then how many more."""
    shown = [t("memo.quoted", lang, name=i) for i in items[:NAMED]]
    rest = len(items) - len(shown)
    if rest > 0:
        shown.append(t("memo.more", lang, n=rest))
    return join(shown, lang)


def cost_lines(inputs: ReportInputs, ids: list[str], lang: str) -> tuple[list[MemoCost], float]:
    """Each vendor's cost over the horizon (the suite's TCO estimate) against the budget.

    Returns the lines and where the budget sits on their common scale (percent of the
    widest figure; 0 without a budget).
    """
    budget = inputs.project.company.budget
    tco = inputs.analysis.performance.tco
    totals = {v: tco[v].total for v in ids if v in tco}
    # A margin on the right, so that a budget at the top of the scale stays visible.
    top = 1.08 * max([e.high for e in totals.values()] + [budget or 0.0, 1.0])
    out: list[MemoCost] = []
    for vid, total in totals.items():
        if budget is None:
            over: bool | None = None
            key = "memo.budget.none"
        elif total.high <= budget:
            over, key = False, "memo.budget.within"
        elif total.low > budget:
            over, key = True, "memo.budget.over"
        else:
            over, key = True, "memo.budget.may_exceed"
        out.append(
            MemoCost(
                name=inputs.project.vendor(vid).name,
                low=total.low,
                likely=total.likely,
                high=total.high,
                range=t(
                    "memo.range",
                    lang,
                    low=fmt_money(total.low, lang),
                    high=fmt_money(total.high, lang),
                ),
                likely_text=fmt_money(total.likely, lang),
                budget_text=t(key, lang, over=fmt_money(max(total.high - (budget or 0), 0), lang)),
                over=over,
                left=round(100 * total.low / top, 2),
                width=round(100 * max(total.high - total.low, 0) / top, 2),
            )
        )
    return out, round(100 * (budget or 0.0) / top, 2)


def _low_prices(
    inputs: ReportInputs, ids: list[str], names: Mapping[str, str], lang: str
) -> list[str]:
    out: list[str] = []
    for f in inputs.analysis.performance.findings:
        if f.key != "suspiciously_low_price" or f.vendor_id not in ids:
            continue
        share = f.params.get("share")
        vendor = names.get(f.vendor_id, f.vendor_id)
        if isinstance(share, float):
            out.append(
                t("memo.risk.low_price", lang, vendor=vendor, share=fmt_percent(share, lang))
            )
        else:
            out.append(t("memo.risk.low_price_bare", lang, vendor=vendor))
    return out


def _claims(inputs: ReportInputs, ids: list[str], names: Mapping[str, str]) -> dict[str, list[str]]:
    """Per vendor in play, its criteria resting on its claims only, heaviest first."""
    weights = inputs.contributions.weights if inputs.contributions is not None else None
    found: dict[str, list[str]] = {}
    for vendor_id, criterion_id in inputs.analysis.performance.claims_only():
        if vendor_id in ids:
            found.setdefault(vendor_id, []).append(criterion_id)
    if weights is not None:
        for crits in found.values():
            crits.sort(key=lambda c: -float(weights.get(c, 0.0)))
    return {v: [names.get(c, c) for c in found[v]] for v in ids if v in found}


def risks(inputs: ReportInputs, ids: list[str], names: Mapping[str, str], lang: str) -> list[str]:
    """Risks and conditions: low prices, claims only, budget, and the near misses."""
    out = _low_prices(inputs, ids, names, lang)
    for vid, crits in _claims(inputs, ids, names).items():
        out.append(
            t(
                "memo.risk.claims",
                lang,
                vendor=names[vid],
                n=len(crits),
                criteria=_names(crits, lang),
            )
        )
    screening = inputs.analysis.screening
    for vid in screening.near_misses():
        reasons = [
            explain_failure(o, lang, inputs.project.criteria) for o in screening.failures(vid)
        ]
        out.append(t("memo.risk.near_miss", lang, vendor=names[vid], reasons=" ".join(reasons)))
    return out


def steps(
    inputs: ReportInputs,
    ids: list[str],
    names: Mapping[str, str],
    lang: str,
    points: list[str],
) -> list[str]:
    """Next steps: demonstrations, reference calls, and what to negotiate with whom."""
    if not ids:
        return [t("memo.step.revisit", lang)]
    out: list[str] = []
    focus = list(dict.fromkeys(points))
    vendors = join([names[v] for v in ids], lang)
    if focus:
        subjects = _names([names.get(c, c) for c in focus], lang)
        out.append(t("memo.step.demo", lang, vendors=vendors, criteria=subjects))
    else:
        out.append(t("memo.step.demo_bare", lang, vendors=vendors))
    for vid, crits in list(_claims(inputs, ids, names).items())[:2]:
        out.append(t("memo.step.references", lang, vendor=names[vid], criteria=_names(crits, lang)))
    budget = inputs.project.company.budget
    tco = inputs.analysis.performance.tco
    for vid in ids[:2]:
        if vid not in tco:
            continue
        breakdown = tco[vid]
        if not breakdown.components:
            continue
        heaviest = max(breakdown.components, key=lambda c: breakdown.components[c].likely)
        params = {
            "vendor": names[vid],
            "component": _lower_first(t(f"report.tco.{heaviest}", lang)),
            "amount": fmt_money(breakdown.components[heaviest].likely, lang),
            "high": fmt_money(breakdown.total.high, lang),
        }
        if budget is not None and breakdown.total.high > budget:
            out.append(
                t("memo.step.negotiate_budget", lang, budget=fmt_money(budget, lang), **params)
            )
        else:
            out.append(t("memo.step.negotiate", lang, **params))
    for f in inputs.analysis.performance.findings:
        if f.key == "suspiciously_low_price" and f.vendor_id in ids:
            out.append(t("memo.step.low_price", lang, vendor=names.get(f.vendor_id, f.vendor_id)))
    return out
