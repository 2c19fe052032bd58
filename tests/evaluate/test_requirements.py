"""Requirement fit, customisation cost and the requirements must-have, checked by hand.

Every expected number below is worked out in the comments from the formulas stated in the
brief (priority weights must 3 / should 2 / could 1 / won't 0; answer credits standard 1,
configuration 0.9, customisation 0.6, partner add-on 0.7, roadmap 0.3, not supported 0),
never read from the code's own output.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from erp_select.evaluate import evaluate
from erp_select.evaluate.requirements import (
    customisation_cost,
    customisation_days,
    requirement_fit,
)
from erp_select.model import (
    Answer,
    CompanyProfile,
    EvidenceWidths,
    Project,
    RequirementsRule,
    RequirementsValue,
)
from erp_select.screen import describe_rule, explain_failure, screen
from tests.conftest import (
    make_answer,
    make_project,
    make_requirement,
    make_vendor,
    requirements_tree,
)

NO_WIDTH = {"claim": 0, "demo": 0, "reference": 0, "contract": 0, "unstated": 0}


def _template() -> list:
    return [
        make_requirement("r1", "must", "order_to_cash", en="Quotes", fr="Devis"),
        make_requirement("r2", "must", "statutory", en="FEC audit file", fr="Fichier FEC"),
        make_requirement("r3", "should", "inventory"),
        make_requirement("r4", "could", "reporting"),
        make_requirement("r5", "wont", "finance"),
    ]


def _answers(**override: Answer) -> dict[str, Answer]:
    base = {
        "r1": make_answer("standard"),
        "r2": make_answer("customisation", days=10),
        "r3": make_answer("configuration"),
        "r4": make_answer("roadmap"),
        "r5": make_answer("not_supported"),
    }
    base.update(override)
    return base


# ------------------------------------------------------------------------------ roll-up


def test_coverage_of_a_small_template_by_hand() -> None:
    # Σ p = 3 + 3 + 2 + 1 + 0 = 9.
    # Σ p·s = 3·1 (standard) + 3·0.6 (customisation) + 2·0.9 (configuration)
    #       + 1·0.3 (roadmap) + 0·0 (not supported, won't) = 3 + 1.8 + 1.8 + 0.3 = 6.9.
    # coverage = 100 · 6.9 / 9 = 76.666… %
    vendor = make_vendor("a", answers=_answers())
    fit = requirement_fit(_template(), vendor)
    assert fit.coverage == pytest.approx(690 / 9)
    assert (fit.in_scope, fit.answered, fit.unanswered) == (5, 5, ())
    # Without evidence widths the range is the value itself.
    assert fit.low == pytest.approx(690 / 9) and fit.high == pytest.approx(690 / 9)


def test_coverage_range_from_claims_by_hand() -> None:
    # Every answer is a claim (±25 %).
    # low  = Σ p·s·0.75 = 6.9 · 0.75 = 5.175 → 57.5 %.
    # high = Σ p·min(1, 1.25 s) = 3·1 + 3·0.75 + 2·1 + 1·0.375 = 7.625 → 84.722… %.
    vendor = make_vendor("a", answers=_answers())
    fit = requirement_fit(_template(), vendor, widths=EvidenceWidths())
    assert fit.low == pytest.approx(57.5)
    assert fit.high == pytest.approx(762.5 / 9)
    assert fit.evidence == ("claim",)


def test_criterion_maps_coverage_between_worst_and_best() -> None:
    # Coverage 76.67 % on a scale 40 → 0, 95 → 100: (76.667 − 40) / 55 · 100 = 66.667.
    tree = requirements_tree(evidence=NO_WIDTH, worst=40, best=95)
    vendor = make_vendor("a", answers=_answers(), price__subscription_user_month=10)
    perf = evaluate(make_project([vendor], criteria=tree, requirements=_template()))
    assert perf.value("a", "fit") == pytest.approx((690 / 9 - 40) / 55 * 100)
    assert perf.requirements["a"].coverage == pytest.approx(690 / 9)


def test_weights_and_credits_come_from_the_criteria_file() -> None:
    # Changed in the file: must 10, should 0, could 0; customisation credit 0.
    # Σ p = 10 + 10 = 20; Σ p·s = 10·1 + 10·0 = 10 → 50 %.
    tree = requirements_tree(
        evidence=NO_WIDTH,
        priority_weights={"must": 10, "should": 0, "could": 0, "wont": 0},
        answer_scores={"customisation": 0.0},
    )
    vendor = make_vendor("a", answers=_answers(), price__subscription_user_month=10)
    perf = evaluate(make_project([vendor], criteria=tree, requirements=_template()))
    assert perf.value("a", "fit") == pytest.approx(50.0)


def test_processes_restrict_the_scope() -> None:
    # Only r1 (order to cash, must, standard) and r3 (inventory, should, configuration):
    # (3·1 + 2·0.9) / 5 = 4.8 / 5 = 96 %.
    spec = RequirementsValue(processes=["order_to_cash", "inventory"])
    fit = requirement_fit(_template(), make_vendor("a", answers=_answers()), spec)
    assert fit.coverage == pytest.approx(96.0)
    assert fit.in_scope == 2


def test_unanswered_requirements_count_as_not_supported() -> None:
    # r3 left unanswered: Σ p·s = 6.9 − 1.8 = 5.1 → 100 · 5.1 / 9 = 56.67 %.
    answers = _answers()
    del answers["r3"]
    vendor = make_vendor("a", answers=answers, price__subscription_user_month=10)
    tree = requirements_tree(evidence=NO_WIDTH)
    perf = evaluate(make_project([vendor], criteria=tree, requirements=_template()))
    assert perf.value("a", "fit") == pytest.approx(510 / 9)
    finding = next(f for f in perf.findings if f.key == "requirements_unanswered")
    assert finding.params["count"] == 1 and finding.params["ids"] == "r3"
    assert "r3" in finding.render("fr") and "sans réponse" in finding.render("fr")


def test_vendor_without_answers_falls_back_to_the_fact() -> None:
    # 62 % declared coverage on the 40 → 95 scale: (62 − 40) / 55 · 100 = 40.
    tree = requirements_tree(
        evidence=NO_WIDTH, worst=40, best=95, fallback_fact="fit.sector_coverage"
    )
    answered = make_vendor("a", answers=_answers(), price__subscription_user_month=10)
    silent = make_vendor("b", fit__sector_coverage=62, price__subscription_user_month=10)
    perf = evaluate(make_project([answered, silent], criteria=tree, requirements=_template()))
    assert perf.value("b", "fit") == pytest.approx(40.0)
    keys = {(f.vendor_id, f.key) for f in perf.findings}
    assert ("b", "requirements_fallback") in keys
    assert ("a", "requirements_fallback") not in keys


def test_no_answers_and_no_fallback_scores_zero_and_is_reported() -> None:
    tree = requirements_tree(evidence=NO_WIDTH)
    vendor = make_vendor("a", price__subscription_user_month=10)
    perf = evaluate(make_project([vendor], criteria=tree, requirements=_template()))
    assert perf.value("a", "fit") == 0.0
    assert any(f.key == "missing_value" and f.criterion_id == "fit" for f in perf.findings)


def test_answers_to_unknown_requirements_are_ignored_and_reported() -> None:
    answers = _answers(zz9=make_answer("standard"))
    vendor = make_vendor("a", answers=answers, price__subscription_user_month=10)
    tree = requirements_tree(evidence=NO_WIDTH)
    perf = evaluate(make_project([vendor], criteria=tree, requirements=_template()))
    assert perf.requirements["a"].unknown_answers == ("zz9",)
    assert perf.requirements["a"].coverage == pytest.approx(690 / 9)
    assert any(f.key == "answers_unknown" for f in perf.findings)


def test_all_priorities_zero_gives_no_coverage() -> None:
    spec = RequirementsValue(priority_weights={"must": 0, "should": 0, "could": 0, "wont": 0})
    fit = requirement_fit(_template(), make_vendor("a", answers=_answers()), spec)
    assert fit.coverage is None


# ------------------------------------------------------------------- customisation cost


def test_customisation_days_skip_wont_and_widen_by_evidence() -> None:
    # r2: 10 days (claim, ±25 %) + r4: 6 days (demo, ±10 %) + r5: 50 days, but won't.
    answers = _answers(
        r4=make_answer("customisation", days=6, evidence="demo"),
        r5=make_answer("customisation", days=50),
    )
    days = customisation_days(_template(), make_vendor("a", answers=answers), EvidenceWidths())
    assert (days.low, days.likely, days.high) == pytest.approx((7.5 + 5.4, 16, 12.5 + 6.6))


def test_customisation_cost_range_by_hand() -> None:
    # 10 days (claim: 7.5 … 12.5) × day rate 800 (650 … 1 000 in the file):
    # low 7.5 × 650 = 4 875, likely 10 × 800 = 8 000, high 12.5 × 1 000 = 12 500.
    spec = RequirementsValue(day_rate=800, day_rate_low=650, day_rate_high=1000)
    result = customisation_cost(
        _template(), make_vendor("a", answers=_answers()), spec, EvidenceWidths()
    )
    assert result is not None
    cost, days = result
    assert (cost.low, cost.likely, cost.high) == pytest.approx((4_875, 8_000, 12_500))
    assert days.likely == 10


def test_vendor_day_rate_fact_wins() -> None:
    # The vendor's own rate, 1 200 €/day under contract (no width): 10 × 1 200 = 12 000.
    vendor = make_vendor(
        "a", answers=_answers(), price__day_rate={"value": 1200, "evidence": "contract"}
    )
    result = customisation_cost(_template(), vendor, RequirementsValue(), EvidenceWidths(claim=0))
    assert result is not None
    assert result[0].likely == pytest.approx(12_000)


def test_tco_adds_the_customisation_range_instead_of_the_quote() -> None:
    # Subscription under contract: 10 users × 50 € × 12 × 5 = 30 000 (no range).
    # The vendor's 20 000 € customisation quote is replaced by the answers' estimate
    # 4 875 / 8 000 / 12 500 → total 34 875 / 38 000 / 42 500.
    tree = requirements_tree(day_rate=800, day_rate_low=650, day_rate_high=1000)
    vendor = make_vendor(
        "a",
        answers=_answers(),
        price__subscription_user_month={"value": 50, "evidence": "contract"},
        price__customisation={"value": 20000, "evidence": "contract"},
    )
    perf = evaluate(make_project([vendor], criteria=tree, requirements=_template()))
    breakdown = perf.tco["a"]
    custom = breakdown.components["customisation"]
    assert (custom.low, custom.likely, custom.high) == pytest.approx((4_875, 8_000, 12_500))
    total = breakdown.total
    assert (total.low, total.likely, total.high) == pytest.approx((34_875, 38_000, 42_500))
    j = perf.criteria.index("tco")
    assert (perf.low[0, j], perf.values[0, j], perf.high[0, j]) == pytest.approx(
        (34_875, 38_000, 42_500)
    )
    finding = next(f for f in perf.findings if f.key == "customisation_from_answers")
    assert "10,0 jours" in finding.render("fr") and "8\u202f000\u00a0€" in finding.render("fr")
    assert "20\u202f000\u00a0€" in finding.render("fr") and "€8,000" in finding.render("en")


def test_without_requirements_the_quote_stays() -> None:
    tree = requirements_tree()
    vendor = make_vendor(
        "a",
        answers=_answers(),
        price__subscription_user_month={"value": 50, "evidence": "contract"},
        price__customisation={"value": 20000, "evidence": "contract"},
    )
    perf = evaluate(make_project([vendor], criteria=tree))
    assert perf.tco["a"].components["customisation"].likely == 20_000
    assert perf.tco["a"].customisation_days is None


# --------------------------------------------------------------------- must-have rule


def _screen(vendors: list, rule: RequirementsRule) -> tuple:
    tree = requirements_tree()
    project = make_project(vendors, criteria=tree, requirements=_template(), must_haves=[rule])
    perf = evaluate(project)
    return project, screen(project.vendors, project.company, perf)


def test_unsupported_must_excludes_the_vendor_naming_the_requirement() -> None:
    good = make_vendor("good", answers=_answers(), price__subscription_user_month=10)
    bad = make_vendor(
        "bad",
        answers=_answers(r2=make_answer("not_supported")),
        price__subscription_user_month=10,
    )
    project, result = _screen([good, bad], RequirementsRule())
    assert result.kept == ["good"]
    assert result.excluded == ["bad"]
    (failure,) = result.failures("bad")
    assert [u.id for u in failure.actual] == ["r2"]
    fr = explain_failure(failure, "fr", project.criteria)
    en = explain_failure(failure, "en", project.criteria)
    assert "r2 « Fichier FEC » (Non couvert)" in fr
    assert "r2 “FEC audit file” (Not supported)" in en
    assert "Indispensable" in fr and "Must" in en


def test_only_must_requirements_knock_out_by_default() -> None:
    # r5 (won't) and r4 (could) not supported: still kept.
    vendor = make_vendor(
        "a",
        answers=_answers(r4=make_answer("not_supported")),
        price__subscription_user_month=10,
    )
    _, result = _screen([vendor], RequirementsRule())
    assert result.kept == ["a"]


def test_roadmap_can_fail_too_and_unanswered_musts_fail() -> None:
    answers = _answers(r1=make_answer("roadmap"))
    del answers["r2"]
    vendor = make_vendor("a", answers=answers, price__subscription_user_month=10)
    rule = RequirementsRule(fail_on=["not_supported", "roadmap"])
    project, result = _screen([vendor], rule)
    (failure,) = result.failures("a")
    assert [(u.id, u.answer) for u in failure.actual] == [("r1", "roadmap"), ("r2", None)]
    assert "sans réponse" in explain_failure(failure, "fr", project.criteria)
    # With unanswered: pass, only the roadmap answer fails.
    _, lenient = _screen([vendor], RequirementsRule(fail_on=["roadmap"], unanswered="pass"))
    assert [u.id for u in lenient.failures("a")[0].actual] == ["r1"]


def test_vendor_without_questionnaire_is_not_stated() -> None:
    vendor = make_vendor("a", price__subscription_user_month=10)
    project, result = _screen([vendor], RequirementsRule())
    (failure,) = result.failures("a")
    assert failure.actual is None
    assert "non renseigné" in explain_failure(failure, "fr", project.criteria)
    _, lenient = _screen([vendor], RequirementsRule(unanswered="pass"))
    assert lenient.kept == ["a"]


def test_rule_description_in_both_languages() -> None:
    rule = RequirementsRule()
    assert describe_rule(rule, "fr") == (
        "Toutes les exigences de priorité Indispensable couvertes "
        "(refusé : Non couvert ; sans réponse)"
    )
    assert describe_rule(rule, "en") == (
        "Every Must requirement met (refused: Not supported; unanswered)"
    )


def test_long_failure_lists_are_cut() -> None:
    reqs = [make_requirement(f"m{i:02d}", "must") for i in range(12)]
    answers = {r.id: make_answer("not_supported") for r in reqs}
    vendor = make_vendor("a", answers=answers, price__subscription_user_month=10)
    project = make_project(
        [vendor], criteria=requirements_tree(), requirements=reqs, must_haves=[RequirementsRule()]
    )
    result = screen(project.vendors, project.company, evaluate(project))
    text = explain_failure(result.failures("a")[0], "en")
    assert "12 requirement(s) not met" in text and "and 4 more" in text
    assert "m07" in text and "m08" not in text


# ----------------------------------------------------------------------------- model


def test_model_refuses_bad_requirements_and_answers() -> None:
    with pytest.raises(ValidationError, match="effort in days"):
        Answer(answer="customisation")
    with pytest.raises(ValidationError):
        Answer(answer="maybe")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Answer(answer="customisation", effort_days=-1)
    with pytest.raises(ValidationError):
        make_requirement("r1", priority="essential")
    with pytest.raises(ValidationError, match="used twice"):
        Project(
            company=CompanyProfile(sector="x", erp_users=3),
            criteria=requirements_tree(),
            vendors=[make_vendor("a")],
            requirements=[make_requirement("r1"), make_requirement("r1")],
        )
    with pytest.raises(ValidationError, match="day_rate_low"):
        RequirementsValue(day_rate=500, day_rate_low=600)
    with pytest.raises(ValidationError, match="worst must be below best"):
        RequirementsValue(worst=90, best=40)


# ------------------------------------------------------------------------- properties

_KINDS = ["standard", "configuration", "customisation", "partner_addon", "roadmap", "not_supported"]
_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["must", "should", "could", "wont"]),
        st.none() | st.sampled_from(_KINDS),
        st.sampled_from(["claim", "demo", "reference", "contract", None]),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(rows=_ROWS, seed=st.randoms(use_true_random=False))
def test_coverage_is_bounded_ordered_and_independent_of_row_order(
    rows: list, seed: random.Random
) -> None:
    reqs = [make_requirement(f"q{i}", prio) for i, (prio, _, _) in enumerate(rows)]
    answers = {
        f"q{i}": make_answer(kind, days=1 if kind == "customisation" else None, evidence=ev)
        for i, (_, kind, ev) in enumerate(rows)
        if kind is not None
    }
    vendor = make_vendor("a", answers=answers)
    fit = requirement_fit(reqs, vendor, widths=EvidenceWidths())
    shuffled = list(reqs)
    seed.shuffle(shuffled)
    again = requirement_fit(shuffled, vendor, widths=EvidenceWidths())
    if fit.coverage is None:
        assert again.coverage is None
        return
    assert fit.low is not None and fit.high is not None
    assert 0 <= fit.low <= fit.coverage <= fit.high <= 100 + 1e-9
    assert again.coverage == pytest.approx(fit.coverage)
    # Upgrading every answer to "standard" never lowers the coverage.
    best = make_vendor("b", answers={k: make_answer("standard") for k in answers})
    assert requirement_fit(reqs, best).coverage >= fit.coverage - 1e-9  # type: ignore[operator]


def test_requirement_findings_name_the_criterion_and_the_fact_in_words() -> None:
    # The criterion's label ("Adéquation" in the test tree) and the fact vocabulary's label
    # of fit.sector_coverage, never their ids.
    tree = requirements_tree(
        evidence=NO_WIDTH, worst=40, best=95, fallback_fact="fit.sector_coverage"
    )
    answers = _answers()
    del answers["r3"]
    answered = make_vendor("a", answers=answers, price__subscription_user_month=10)
    silent = make_vendor("b", fit__sector_coverage=62, price__subscription_user_month=10)
    perf = evaluate(make_project([answered, silent], criteria=tree, requirements=_template()))
    fallback = next(f for f in perf.findings if f.key == "requirements_fallback")
    unanswered = next(f for f in perf.findings if f.key == "requirements_unanswered")
    fr, en = fallback.render("fr"), fallback.render("en")
    assert "« Adéquation »" in fr and "« Couverture des besoins du secteur »" in fr
    assert "“Fit”" in en and "Coverage of the sector's needs" in en
    for said in (fr, en, unanswered.render("fr"), unanswered.render("en")):
        assert "fit.sector_coverage" not in said and "« fit »" not in said, said
    assert "« Adéquation »" in unanswered.render("fr")
