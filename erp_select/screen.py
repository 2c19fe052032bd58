"""Must-have screening: keep the vendors that pass every rule, say why the others fail."""

from __future__ import annotations

import math
from dataclasses import dataclass

from erp_select.evaluate.adjustments import Cell, excludes, marks
from erp_select.evaluate.performance import Performance
from erp_select.i18n import fmt_money, fmt_percent, t
from erp_select.model import (
    AnswerKind,
    BudgetRule,
    CompanyProfile,
    CriteriaTree,
    CriterionRule,
    FactRule,
    Priority,
    RequirementsRule,
    Rule,
    SectorRule,
    Text,
    VendorProfile,
)
from erp_select.model.fact_names import fact_names
from erp_select.words import Words
from erp_select.words import number as words_number

#: Most unmet requirements named in one explanation; the rest are counted.
MAX_NAMED = 8


@dataclass(frozen=True)
class UnmetRequirement:
    """A requirement a vendor failed under a :class:`RequirementsRule`."""

    id: str
    text: Text
    priority: Priority
    answer: AnswerKind | None


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

    def excluding_all(self) -> list[Rule]:
        """The rules that every screened vendor fails, in rule order (none without vendors).

        Such a rule empties the shortlist by itself: most often a threshold or a value
        typed wrong, never a result to show as a success.
        """
        if not self.outcomes:
            return []
        first = next(iter(self.outcomes.values()))
        return [
            o.rule
            for o in first
            if all(
                not other.passed
                for results in self.outcomes.values()
                for other in results
                if other.rule_index == o.rule_index
            )
        ]


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


def _requirements_rule(
    rule: RequirementsRule, index: int, vendor: VendorProfile, perf: Performance
) -> RuleOutcome:
    fit = perf.requirements.get(vendor.id)
    if fit is None:  # the project lists no requirement: nothing to fail
        return RuleOutcome(index, rule, True, ())
    unanswered_fails = rule.unanswered == "fail"
    if not fit.has_answers:
        return RuleOutcome(index, rule, not unanswered_fails, None)
    unmet = tuple(
        UnmetRequirement(
            row.requirement.id, row.requirement.text, row.requirement.priority, row.kind
        )
        for row in fit.unmet(rule.priorities, rule.fail_on, unanswered_fails)
    )
    return RuleOutcome(index, rule, not unmet, unmet)


def _excluded_cells(perf: Performance) -> list[Cell]:
    """The marked cells whose missing value excludes the vendor, vendor by vendor: only
    those are built as cells (a long list has hundreds of thousands of cells)."""
    return [
        perf.cell(perf.vendors[i], perf.criteria[j])
        for i, row in enumerate(perf.adjustments)
        for j, adjustments in enumerate(row)
        if adjustments and marks(adjustments) and excludes(adjustments)
    ]


def _missing_outcomes(perf: Performance) -> dict[str, list[RuleOutcome]]:
    """Per vendor, a failed outcome per criterion whose ``exclude`` rule meets a missing value.

    The outcome's rule is a criterion rule labelled with the reason (it is no must-have
    of the company: its index is -1).
    """
    out: dict[str, list[RuleOutcome]] = {}
    for cell in _excluded_cells(perf):
        adj = next(a for a in cell.adjustments if a.code == "missing")
        label = adj.params.get("label")
        facts = adj.params.get("facts", ())
        text = {
            lang: t(
                "cells.exclude_rule",
                lang,
                criterion=label.get(lang) if isinstance(label, Text) else cell.criterion_id,
                facts=fact_names(facts, lang, label),
            )
            for lang in ("fr", "en")
        }
        rule = CriterionRule(
            criterion=cell.criterion_id, op=">=", value=cell.used, label=Text(**text)
        )
        out.setdefault(cell.vendor_id, []).append(RuleOutcome(-1, rule, False, None))
    return out


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

    A missing value on a criterion whose rule is ``exclude`` fails the vendor too (an
    outcome whose rule names the criterion and the missing facts).

    Returns
    -------
    ScreenResult
        Kept vendors (in input order), excluded ones, and each rule's outcome per vendor.
    """
    outcomes: dict[str, list[RuleOutcome]] = {}
    missing = _missing_outcomes(perf)
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
                case RequirementsRule():
                    results.append(_requirements_rule(rule, index, vendor, perf))
        results += missing.get(vendor.id, [])
        outcomes[vendor.id] = results
    kept = [v.id for v in vendors if all(o.passed for o in outcomes[v.id])]
    passed = set(kept)  # once: a long list has thousands of vendors
    excluded = [v.id for v in vendors if v.id not in passed]
    return ScreenResult(kept=kept, excluded=excluded, outcomes=outcomes)


def describe_rule(rule: Rule, lang: str | None = None, criteria: CriteriaTree | None = None) -> str:
    """A sentence saying what the rule requires, in ``lang`` (see :meth:`Words.rule`).

    Facts are named by the fact vocabulary, else by the label the criteria give them (e.g.
    “Two-factor authentication” rather than ``sec.mfa``), never by their raw id.
    """
    return Words(lang, criteria).rule(rule)


def _actual_text(outcome: RuleOutcome, lang: str | None, criteria: CriteriaTree | None) -> str:
    """What the vendor has, in words: the fact's value with its unit, or a plain number."""
    actual = outcome.actual
    if isinstance(outcome.rule, BudgetRule) and isinstance(actual, float):
        return fmt_money(actual, lang)
    words = Words(lang, criteria)
    if isinstance(outcome.rule, FactRule):
        return words.value(outcome.rule.fact, actual)
    if isinstance(outcome.rule, SectorRule):
        return words.value("sectors", actual)
    number = _number(actual)
    if number is not None:
        return words_number(number, lang)
    return words.value("", actual)


def _unmet_text(unmet: tuple[UnmetRequirement, ...], lang: str | None) -> str:
    parts = [
        t(
            "screen.requirement_item",
            lang,
            id=u.id,
            text=u.text.get(lang),
            answer=t(f"requirements.answer.{u.answer or 'none'}", lang),
        )
        for u in unmet[:MAX_NAMED]
    ]
    if len(unmet) > MAX_NAMED:
        parts.append(t("screen.requirements_more", lang, count=len(unmet) - MAX_NAMED))
    return "; ".join(parts)


def screening_warnings(
    result: ScreenResult,
    lang: str | None = None,
    criteria: CriteriaTree | None = None,
    *,
    alternatives: bool = False,
) -> list[str]:
    """Sentences to show next to a screening that keeps nobody, in ``lang``.

    One per rule that excludes every vendor (naming the rule); when no rule does so alone
    but no vendor is kept, one sentence saying so. Empty when some vendor is kept.
    ``alternatives``: the screened ids are offers and vendor × integrator pairs, counted
    as such (not as vendors).
    """
    count = len(result.outcomes)
    key = "offers.screen.excludes_all" if alternatives else "facts.screen.excludes_all"
    lines = [
        t(key, lang, rule=describe_rule(rule, lang, criteria), count=count)
        for rule in result.excluding_all()
    ]
    if not lines and count and not result.kept:
        lines.append(t("facts.screen.nobody_kept", lang))
    return lines


def explain_failure(
    outcome: RuleOutcome, lang: str | None = None, criteria: CriteriaTree | None = None
) -> str:
    """Why a vendor failed a rule, and by how much, in ``lang``.

    A failed requirements rule names each unmet requirement (id, text, answer).
    """
    if isinstance(outcome.rule, RequirementsRule) and isinstance(outcome.actual, tuple):
        return t(
            "screen.requirements_failed",
            lang,
            rule=describe_rule(outcome.rule, lang, criteria),
            count=len(outcome.actual),
            items=_unmet_text(outcome.actual, lang),
        )
    actual = _actual_text(outcome, lang, criteria)
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
