"""Must-have screening: who is kept, who is dropped, why and by how much."""

from __future__ import annotations

import pytest

from erp_select.evaluate import evaluate
from erp_select.model import BudgetRule, CriterionRule, FactRule, SectorRule
from erp_select.screen import describe_rule, explain_failure, screen
from tests.conftest import make_project, make_vendor


def _vendors() -> list:
    a = make_vendor("a", fit__coverage=80, sec__mfa=True, price__subscription_user_month=100)
    b = make_vendor("b", fit__coverage=60, sec__mfa=False, price__subscription_user_month=80)
    c = make_vendor("c", fit__coverage=70, price__subscription_user_month=150)
    return [a, b, c]


def _run(rules: list, **company: object):
    project = make_project(_vendors(), must_haves=rules, **company)
    perf = evaluate(project)
    return screen(project.vendors, project.company, perf)


def test_fact_rule_excludes_and_missing_fact_fails() -> None:
    result = _run([FactRule(fact="sec.mfa", op="is_true")])
    assert result.kept == ["a"]
    assert result.excluded == ["b", "c"]
    assert "non renseigné" in explain_failure(result.failures("c")[0], "fr")
    assert "not stated" in explain_failure(result.failures("c")[0], "en")


def test_budget_rule_with_near_miss() -> None:
    # TCOs over 5 years for 10 users: a 60 000, b 48 000, c 90 000. Budget 58 000.
    result = _run([BudgetRule(near_miss=0.05)], budget=58_000)
    assert result.kept == ["b"]
    fail_a = result.failures("a")[0]
    assert fail_a.gap == pytest.approx(2_000 / 58_000)
    assert fail_a.near_miss
    assert not result.failures("c")[0].near_miss
    assert result.near_misses() == ["a"]
    assert "3,4 %" in explain_failure(fail_a, "fr")


def test_criterion_rule_on_evaluated_value() -> None:
    # Coverage scores: a (80-40)/50 → 80, b 40, c 60.
    result = _run([CriterionRule(criterion="coverage", op=">=", value=60)])
    assert result.kept == ["a", "c"]
    assert result.failures("b")[0].gap == pytest.approx(20 / 60)


def test_list_rules_and_sector() -> None:
    rules = [
        FactRule(fact="deployment", op="contains", value="cloud"),
        FactRule(fact="deployment", op="not_contains", value="on_premise"),
        SectorRule(),
    ]
    assert _run(rules).kept == ["a", "b", "c"]
    assert _run([SectorRule()], sector="construction").kept == []


def test_numeric_rule_on_text_fails_cleanly() -> None:
    result = _run([FactRule(fact="deployment", op=">=", value=3)])
    assert result.kept == []


def test_rule_descriptions_are_translated() -> None:
    rule = FactRule(fact="deployment", op="contains", value="cloud")
    assert describe_rule(rule, "fr") == "« deployment » comprend cloud"
    assert describe_rule(rule, "en") == "“deployment” includes cloud"
    assert "budget" in describe_rule(BudgetRule(), "fr")
