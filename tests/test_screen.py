"""Must-have screening: who is kept, who is dropped, why and by how much."""

from __future__ import annotations

import pytest

from erp_select.evaluate import evaluate
from erp_select.model import BudgetRule, CriterionRule, FactRule, SectorRule
from erp_select.screen import describe_rule, explain_failure, screen, screening_warnings
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
    assert "3,4\u00a0%" in explain_failure(fail_a, "fr")


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
    assert describe_rule(rule, "fr") == "« Modes de déploiement » comprend cloud (SaaS)"
    assert describe_rule(rule, "en") == "“Deployment options” includes cloud (SaaS)"
    assert "budget" in describe_rule(BudgetRule(), "fr")


def test_fact_rules_use_the_labels_of_the_fact_vocabulary() -> None:
    from erp_select.catalogue import default_criteria

    tree = default_criteria()
    mfa = FactRule(fact="sec.mfa", op="is_true")
    assert describe_rule(mfa, "fr", tree) == "« Authentification à deux facteurs » obligatoire"
    assert describe_rule(mfa, "en", tree) == "“Two-factor authentication” required"
    rto = FactRule(fact="sec.rto_hours", op="<=", value=24)
    assert describe_rule(rto, "en", tree) == (
        "“Guaranteed recovery time after an incident” at most 24\u00a0h"
    )
    assert describe_rule(rto, "fr", tree) == (
        "« Délai de reprise garanti après incident » au plus 24\u00a0h"
    )
    iso = FactRule(fact="sec.certifications", op="contains", value="iso27001")
    assert describe_rule(iso, "fr", tree) == "« Certifications de sécurité » comprend ISO 27001"
    export = FactRule(fact="sec.data_export", op="is_false")
    assert describe_rule(export, "fr", tree) == ("Absence exigée : « Export complet des données »")
    # A fact nobody labelled is named by a readable form of its id, never the raw id.
    assert describe_rule(FactRule(fact="x.y_z", op="is_true"), "en", tree) == "“Y z” required"


def test_failed_yes_no_rule_reads_well_in_both_languages() -> None:
    from erp_select.catalogue import default_criteria

    project = make_project(_vendors(), must_haves=[FactRule(fact="sec.mfa", op="is_true")])
    result = screen(project.vendors, project.company, evaluate(project))
    failure = result.failures("b")[0]
    tree = default_criteria()
    assert explain_failure(failure, "fr", tree) == (
        "« Authentification à deux facteurs » obligatoire — éditeur : non."
    )
    assert explain_failure(failure, "en", tree) == (
        "“Two-factor authentication” required — vendor: no."
    )


def test_security_checklist_answers_can_be_must_haves() -> None:
    a = make_vendor("a", sec__rto_hours=8, sec__data_export=True, price__subscription_user_month=1)
    b = make_vendor("b", sec__rto_hours=30, sec__data_export=True, price__subscription_user_month=1)
    c = make_vendor("c", sec__rto_hours=4, sec__data_export=False, price__subscription_user_month=1)
    rules = [
        FactRule(fact="sec.rto_hours", op="<=", value=24, near_miss=0.3),
        FactRule(fact="sec.data_export", op="is_true"),
    ]
    project = make_project([a, b, c], must_haves=rules)
    result = screen(project.vendors, project.company, evaluate(project))
    assert result.kept == ["a"]
    # 30 h against 24 h: short by 6 / 24 = 25 %, within the 30 % near-miss band.
    (miss,) = result.failures("b")
    assert miss.gap == pytest.approx(0.25) and miss.near_miss
    assert result.near_misses() == ["b"]


def test_a_rule_failed_by_every_vendor_is_named_not_a_green_zero() -> None:
    # Subscriptions are 100, 80 and 150 €/user/month: "at most 50" excludes all three.
    rules = [
        FactRule(fact="deployment", op="contains", value="cloud"),
        FactRule(fact="price.subscription_user_month", op="<=", value=50),
    ]
    result = _run(rules)
    assert result.kept == []
    assert result.excluding_all() == [rules[1]]
    (line,) = screening_warnings(result, "fr")
    assert "exclut tous les éditeurs (3 sur 3)" in line
    assert describe_rule(rules[1], "fr") in line
    (line,) = screening_warnings(result, "en")
    assert "excludes every vendor (3 of 3)" in line


def test_nobody_kept_by_several_rules_says_so() -> None:
    # a lacks nothing but fails the subscription cap; b and c fail two-factor auth.
    rules = [
        FactRule(fact="sec.mfa", op="is_true"),
        FactRule(fact="price.subscription_user_month", op="<=", value=90),
    ]
    result = _run(rules)
    assert result.kept == [] and result.excluding_all() == []
    (line,) = screening_warnings(result, "en")
    assert "No vendor passes every must-have rule" in line


def test_no_warning_when_someone_is_kept() -> None:
    result = _run([FactRule(fact="sec.mfa", op="is_true")])
    assert result.excluding_all() == [] and screening_warnings(result, "fr") == []


def test_sector_rule_failure_names_the_vendor_sectors_in_words() -> None:
    result = _run([SectorRule()], sector="construction")
    failure = result.failures(result.excluded[0])[0]
    text = explain_failure(failure, "fr")
    assert "Industrie manufacturière" in text and "manufacturing" not in text
