"""Must-have screening: keep the vendors that pass every rule, say why the others fail."""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass

from erp_select.evaluate.performance import Performance
from erp_select.i18n import fmt_money, fmt_number, fmt_percent, t
from erp_select.model import (
    BudgetRule,
    CompanyProfile,
    CriteriaTree,
    CriterionRule,
    FactRule,
    Rule,
    SectorRule,
    VendorProfile,
)


@dataclass(frozen=True)
class RuleOutcome:
    """How one vendor fared against one rule.

    ``gap`` is the relative shortfall for a numeric rule that failed (0.08 = missed by 8 %);
    a failure within the rule's ``near_miss`` tolerance is a near miss.
    """

    rule_index: int
    rule: Rule
    passed: bool
    actual: object
    gap: float | None = None
    near_miss: bool = False


@dataclass(frozen=True)
class ScreenResult:
    """Kept and excluded vendors, with every rule's outcome."""

    kept: list[str]
    excluded: list[str]
    outcomes: dict[str, list[RuleOutcome]]

    def failures(self, vendor_id: str) -> list[RuleOutcome]:
        """The rules this vendor failed."""
        return [o for o in self.outcomes[vendor_id] if not o.passed]

    def near_misses(self) -> list[str]:
        """Excluded vendors whose every failure is a near miss."""
        return [v for v in self.excluded if all(o.near_miss for o in self.failures(v))]


def _compare(op: str, actual: float, expected: float) -> bool:
    return {
        ">=": actual >= expected,
        "<=": actual <= expected,
        ">": actual > expected,
        "<": actual < expected,
    }[op]


def _gap(actual: float, expected: float) -> float:
    if expected == 0:
        return math.inf if actual != expected else 0.0
    return abs(actual - expected) / abs(expected)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _fact_rule(rule: FactRule, index: int, vendor: VendorProfile) -> RuleOutcome:
    actual = vendor.lookup(rule.fact)
    expected = rule.value
    if actual is None:
        return RuleOutcome(index, rule, False, None)
    op = rule.op
    if op in (">=", "<=", ">", "<"):
        a, e = _number(actual), _number(expected)
        if a is None or e is None:
            return RuleOutcome(index, rule, False, actual)
        if _compare(op, a, e):
            return RuleOutcome(index, rule, True, actual)
        gap = _gap(a, e)
        return RuleOutcome(index, rule, False, actual, gap, gap <= rule.near_miss)
    if op in ("is_true", "is_false"):
        return RuleOutcome(index, rule, actual is (op == "is_true"), actual)
    if op in ("contains", "not_contains"):
        wanted = str(expected).lower()
        if isinstance(actual, list):
            found = wanted in {str(x).lower() for x in actual}
        else:
            found = str(actual).lower() == wanted
        return RuleOutcome(index, rule, found == (op == "contains"), actual)
    same = (
        str(actual).lower() == str(expected).lower()
        if isinstance(actual, str) or isinstance(expected, str)
        else actual == expected
    )
    return RuleOutcome(index, rule, same == (op == "=="), actual)


def _criterion_rule(
    rule: CriterionRule, index: int, vendor: VendorProfile, perf: Performance
) -> RuleOutcome:
    actual = perf.value(vendor.id, rule.criterion)
    if _compare(rule.op, actual, rule.value):
        return RuleOutcome(index, rule, True, actual)
    gap = _gap(actual, rule.value)
    return RuleOutcome(index, rule, False, actual, gap, gap <= rule.near_miss)


def _budget_rule(
    rule: BudgetRule, index: int, vendor: VendorProfile, company: CompanyProfile, perf: Performance
) -> RuleOutcome:
    total = perf.tco[vendor.id].total.likely
    if company.budget is None:
        return RuleOutcome(index, rule, True, total)
    limit = company.budget * (1 + rule.tolerance)
    if total <= limit:
        return RuleOutcome(index, rule, True, total)
    gap = _gap(total, limit)
    return RuleOutcome(index, rule, False, total, gap, gap <= rule.near_miss)


def screen(
    vendors: list[VendorProfile], company: CompanyProfile, perf: Performance
) -> ScreenResult:
    """Apply the company's must-have rules to every vendor.

    Parameters
    ----------
    vendors : list of VendorProfile
        The vendors to screen (all of them must be in ``perf``).
    company : CompanyProfile
        Sector, budget and the must-have rules.
    perf : Performance
        The evaluated values (criterion rules and the budget rule read them).

    Returns
    -------
    ScreenResult
        Kept vendors (in input order), excluded ones, and each rule's outcome per vendor.
    """
    outcomes: dict[str, list[RuleOutcome]] = {}
    for vendor in vendors:
        results: list[RuleOutcome] = []
        for index, rule in enumerate(company.must_haves):
            match rule:
                case FactRule():
                    results.append(_fact_rule(rule, index, vendor))
                case CriterionRule():
                    results.append(_criterion_rule(rule, index, vendor, perf))
                case BudgetRule():
                    results.append(_budget_rule(rule, index, vendor, company, perf))
                case SectorRule():
                    ok = company.sector in vendor.sectors
                    results.append(RuleOutcome(index, rule, ok, list(vendor.sectors)))
        outcomes[vendor.id] = results
    kept = [v.id for v in vendors if all(o.passed for o in outcomes[v.id])]
    excluded = [v.id for v in vendors if v.id not in set(kept)]
    return ScreenResult(kept=kept, excluded=excluded, outcomes=outcomes)


def _shown(value: object, lang: str | None) -> str:
    if isinstance(value, bool):
        return t("screen.yes" if value else "screen.no", lang)
    if isinstance(value, list):
        return ", ".join(str(x) for x in value) or "—"
    number = _number(value)
    if number is not None:
        return fmt_number(number, lang, digits=0 if number.is_integer() else 2)
    return "—" if value is None else str(value)


def describe_rule(rule: Rule, lang: str | None = None, criteria: CriteriaTree | None = None) -> str:
    """A sentence saying what the rule requires, in ``lang``."""
    if rule.label is not None:
        return rule.label.get(lang)
    match rule:
        case FactRule():
            return t(
                f"screen.rule.fact.{rule.op}", lang, fact=rule.fact, value=_shown(rule.value, lang)
            )
        case CriterionRule():
            name = rule.criterion
            if criteria is not None:
                with contextlib.suppress(KeyError):
                    name = criteria.node(rule.criterion).label.get(lang)
            return t(
                f"screen.rule.criterion.{rule.op}",
                lang,
                criterion=name,
                value=_shown(rule.value, lang),
            )
        case BudgetRule():
            return t("screen.rule.budget", lang, tolerance=fmt_percent(rule.tolerance, lang))
        case SectorRule():
            return t("screen.rule.sector", lang)
    raise TypeError(rule)  # pragma: no cover


def explain_failure(
    outcome: RuleOutcome, lang: str | None = None, criteria: CriteriaTree | None = None
) -> str:
    """Why a vendor failed a rule, and by how much, in ``lang``."""
    if isinstance(outcome.rule, BudgetRule) and isinstance(outcome.actual, float):
        actual = fmt_money(outcome.actual, lang)
    else:
        actual = _shown(outcome.actual, lang)
    text = t(
        "screen.failed",
        lang,
        rule=describe_rule(outcome.rule, lang, criteria),
        actual=actual if outcome.actual is not None else t("screen.missing", lang),
    )
    if outcome.gap is not None and math.isfinite(outcome.gap):
        key = "screen.near_miss" if outcome.near_miss else "screen.missed_by"
        text += " " + t(key, lang, gap=fmt_percent(outcome.gap, lang, digits=1))
    return text
