"""Adopting a demo round writes a level criterion's spread as a range of levels: the agreed
level as value, the levels of the lowest and highest evaluator scores as low and high."""

from __future__ import annotations

from erp_select.evaluate import evaluate
from erp_select.words import Words
from erp_select.workshop.demo_adoption import demo_project
from tests.workshop.test_consensus import AT, given, project, rnd, sc

NAMES = {1: "Ana", 2: "Bob", 3: "Céline"}
FACT = "custom.configuration"
# The scale of « config »: basic 25, standard 60, advanced 100. A score s of 1–5 is
# 25·(s − 1) %: 1 → 0, 2 → 25, 3 → 50, 4 → 75, 5 → 100; its level is the nearest one:
# 1, 2 → basic; 3 (50: 60 is nearer than 25), 4 (75: 60 nearer than 100) → standard;
# 5 → advanced.
CARDS = [
    given(1, sc("alpha", "config", 2), sc("beta", "config", 3)),
    given(2, sc("alpha", "config", 3), sc("beta", "config", 4)),
    given(3, sc("alpha", "config", 5), sc("beta", "config", None)),
]


def test_the_spread_of_a_level_criterion_becomes_a_range_of_levels() -> None:
    out, _ = demo_project(project(), rnd(), CARDS, NAMES, title="Démos", day=AT.date(), lang="fr")
    # alpha: 2, 3, 5 → mean 10/3 → 58,3 % → standard; lowest 2 → basic, highest 5 → advanced.
    alpha = out.vendor("alpha").facts[FACT]
    assert (alpha.value, alpha.low, alpha.high, alpha.evidence) == (
        "standard",
        "basic",
        "advanced",
        "demo",
    )
    # beta: 3, 4 → both « standard »: the levels do not differ, so no range (the demo
    # evidence width applies, as when everyone agreed).
    beta = out.vendor("beta").facts[FACT]
    assert (beta.value, beta.low, beta.high) == ("standard", None, None)
    # Scored through the scale: standard 60, from basic 25 to advanced 100.
    perf = evaluate(out)
    i, j = perf.vendors.index("alpha"), perf.criteria.index("config")
    assert (perf.low[i, j], perf.values[i, j], perf.high[i, j]) == (25.0, 60.0, 100.0)
    assert Words("fr", out.criteria).fact_value(FACT, alpha) == "standard (de basique à avancé)"
    assert Words("en", out.criteria).fact_value(FACT, alpha) == "standard (basic to advanced)"


def test_an_agreed_level_outside_the_scores_still_bounds_the_range() -> None:
    cards = [given(1, sc("alpha", "config", 1)), given(2, sc("alpha", "config", 3))]
    decided = {("alpha", "config"): (5.0, "l'intégrateur a tout montré")}
    out, _ = demo_project(
        project(), rnd(), cards, NAMES, title="Démos", day=AT.date(), lang="fr", decided=decided
    )
    # agreed 5 → advanced; scores 1 → basic, 3 → standard: basic ≤ advanced ≤ advanced.
    fact = out.vendor("alpha").facts[FACT]
    assert (fact.value, fact.low, fact.high) == ("advanced", "basic", "advanced")
