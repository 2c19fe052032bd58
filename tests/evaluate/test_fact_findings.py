"""Unknown fact ids reach the vendor warnings (performance findings) with the nearest key."""

from __future__ import annotations

from erp_select.evaluate import evaluate
from tests.conftest import make_project, make_vendor


def test_an_unknown_fact_is_a_vendor_warning_naming_the_nearest_key() -> None:
    vendor = make_vendor(
        "a", fit__coverage=80, price__subscription_user_month=100, sec__mfaa=True, zzz__qqq=1
    )
    perf = evaluate(make_project([vendor]))
    unknown = [f for f in perf.findings if f.key.startswith("facts.finding")]
    assert [(f.key, f.params["fact"]) for f in unknown] == [
        ("facts.finding.unknown_suggest", "sec.mfaa"),
        ("facts.finding.unknown", "zzz.qqq"),
    ]
    assert "« sec.mfa »" in unknown[0].render("fr")
    assert "“zzz.qqq”" in unknown[1].render("en")


def test_facts_read_by_the_criteria_are_not_unknown() -> None:
    # fit.coverage is not in the vocabulary, but the test tree reads it (a linear value).
    vendor = make_vendor("a", fit__coverage=80, price__subscription_user_month=100)
    perf = evaluate(make_project([vendor]))
    assert not [f for f in perf.findings if f.key.startswith("facts.")]
