"""AppTest: the must-haves page — add and remove rules, kept and excluded vendors with reasons."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from erp_select.model import Project
from erp_select.model.rules import BudgetRule, CriterionRule, FactRule

Goto = Callable[[AppTest, str], AppTest]


def _project(at: AppTest) -> Project:
    project = at.session_state["project"]
    assert isinstance(project, Project)
    return project


def _add_on_premise_rule(at: AppTest) -> None:
    at.radio(key="mh.kind").set_value("fact").run()
    at.selectbox(key="mh.fact").set_value("deployment")
    at.selectbox(key="mh.op").set_value("contains")
    at.text_input(key="mh.value").set_value("on_premise")
    at.button(key="mh.add").click().run()
    assert not at.exception


def test_without_rules_every_vendor_is_kept(demo: AppTest, goto: Goto) -> None:
    goto(demo, "must_haves")
    assert [t.value for t in demo.title] == ["Exigences éliminatoires"]
    # The demo catalogue's 14 vendors: Halvardis, Chantelys and Kestrelys have two offers
    # each, so 11 + 3 × 2 = 17 options are ranked, and the count says options, not vendors.
    assert len(_project(demo).vendors) == 14
    assert any(s.value.startswith("17 propositions retenues") for s in demo.success)
    assert "Aucun éditeur n'est écarté." in [c.value for c in demo.caption]


def test_a_fact_rule_excludes_the_vendors_that_fail_it_with_reasons(
    demo: AppTest, goto: Goto
) -> None:
    goto(demo, "must_haves")
    _add_on_premise_rule(demo)
    project = _project(demo)
    assert [r.kind for r in project.company.must_haves] == ["fact"]
    # independent of the screening code: read the deployment lists directly, an offer's
    # own list replacing its vendor's (Halvardis on site / hosted, Kestrelys cloud / on site)
    options = project.expanded().vendors
    expected = [v.name for v in options if "on_premise" not in v.deployment]
    kept = [v.name for v in options if "on_premise" in v.deployment]
    assert "Halvardis — Abonnement hébergé" in expected and "Halvardis — Licence sur site" in kept
    table = demo.dataframe[0].value
    assert list(table["Éditeur"]) == expected
    assert all("déploiement" in reason for reason in table["Pourquoi il est écarté"])
    assert any(s.value.startswith(f"{len(kept)} propositions retenues") for s in demo.success)
    assert any(m.value.startswith("1. ") and "déploiement" in m.value for m in demo.markdown)


def test_a_rule_can_be_removed(demo: AppTest, goto: Goto) -> None:
    goto(demo, "must_haves")
    _add_on_premise_rule(demo)
    remove = [b for b in demo.button if b.label == "Retirer"]
    assert len(remove) == 1
    remove[0].click().run()
    assert _project(demo).company.must_haves == []


def _add_months_rule(at: AppTest, text: str, lang: str = "fr") -> None:
    """Add "implementation time ≤ <text>" typed in the threshold field."""
    at.radio(key="mh.kind").set_value("criterion").run()
    at.selectbox(key=f"mh.criterion.{lang}").set_value("implementation_time")
    at.selectbox(key="mh.cop").set_value("<=")
    at.text_input(key="mh.number.text").set_value(text)
    at.button(key="mh.add").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_threshold_typed_with_a_decimal_comma_is_read_as_three_and_a_half(
    demo: AppTest, goto: Goto
) -> None:
    """Issue 13: typing ``3,5`` in the threshold gave 35 (every vendor kept)."""
    goto(demo, "must_haves")
    _add_months_rule(demo, "3,5")
    project = _project(demo)
    assert _thresholds(demo) == [3.5]
    # the rule uses 3.5: the implementation time criterion is the raw fact impl.months
    options = project.expanded().vendors  # each offer ranked on its own (17 options)
    months = {v.name: float(str(v.facts["impl.months"].value)) for v in options}
    kept = [name for name, m in months.items() if m <= 3.5]
    excluded = [name for name, m in months.items() if m > 3.5]
    assert kept and excluded
    assert list(demo.dataframe[0].value["Éditeur"]) == excluded
    assert any(s.value.startswith(f"{len(kept)} propositions retenues") for s in demo.success)
    # the rule reads back the French way
    assert any(m.value.startswith("1. ") and "3,5" in m.value for m in demo.markdown)


def _thresholds(at: AppTest) -> list[float]:
    rules = _project(at).company.must_haves
    assert all(isinstance(r, CriterionRule) for r in rules)
    return [r.value for r in rules if isinstance(r, CriterionRule)]


def _spaced(text: str) -> str:
    """``text`` with no-break and narrow no-break spaces as plain spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _errors(at: AppTest) -> list[str]:
    return [_spaced(e.value) for e in at.error]


def test_a_threshold_with_grouped_thousands_is_read_exactly(demo: AppTest, goto: Goto) -> None:
    goto(demo, "must_haves")
    _add_months_rule(demo, "1 234,5")
    assert _thresholds(demo) == [1234.5]


def test_an_ambiguous_grouping_is_refused_with_both_readings(demo: AppTest, goto: Goto) -> None:
    goto(demo, "must_haves")
    _add_months_rule(demo, "310.000")
    assert _project(demo).company.must_haves == []
    # the message under the field names both readings: 310 and 310 000
    under = [e for e in _errors(demo) if e.startswith("« 310.000 » refusé")]
    assert len(under) == 1
    assert "310 000" in under[0] and "310 " in under[0].replace("310 000", "")
    assert "La valeur retenue reste 0." in under[0]
    # the field keeps what was typed, and the last valid value
    assert demo.text_input(key="mh.number.text").value == "310.000"
    assert demo.session_state["mh.number"] == 0.0


def test_text_that_is_not_a_number_is_refused_visibly(demo: AppTest, goto: Goto) -> None:
    goto(demo, "must_haves")
    _add_months_rule(demo, "abc")
    assert _project(demo).company.must_haves == []
    errors = _errors(demo)
    assert any(e.startswith("« abc » refusé : ce n'est pas un nombre") for e in errors)
    # the refused click says so at the top of the page too, naming the field
    assert any(e.startswith("Seuil : « abc » refusé") for e in errors)
    assert not demo.success or all("ajoutée" not in s.value for s in demo.success)


def test_a_tolerance_out_of_range_is_refused(demo: AppTest, goto: Goto) -> None:
    goto(demo, "must_haves")
    demo.radio(key="mh.kind").set_value("budget").run()
    demo.text_input(key="mh.tolerance.text").set_value("150")
    demo.button(key="mh.add").click().run()
    assert not demo.exception
    assert _project(demo).company.must_haves == []
    assert any("le maximum est 100" in e for e in _errors(demo))


def test_a_tolerance_in_percent_with_a_decimal_comma(demo: AppTest, goto: Goto) -> None:
    goto(demo, "must_haves")
    demo.radio(key="mh.kind").set_value("budget").run()
    demo.text_input(key="mh.tolerance.text").set_value("12,5 %")
    demo.text_input(key="mh.near.text").set_value("2,5")
    demo.button(key="mh.add").click().run()
    assert not demo.exception
    [rule] = _project(demo).company.must_haves
    assert isinstance(rule, BudgetRule)
    assert rule.tolerance == 0.125 and rule.near_miss == 0.025


def test_the_english_page_reads_a_decimal_point(demo: AppTest, goto: Goto) -> None:
    demo.sidebar.radio[0].set_value("en").run()
    goto(demo, "must_haves")
    # the near-miss margin shows its default the English way, and so does a French one
    assert demo.text_input(key="mh.near.text").value == "10"
    _add_months_rule(demo, "3.5", lang="en")
    assert _thresholds(demo) == [3.5]
    assert any(m.value.startswith("1. ") and "3.5" in m.value for m in demo.markdown)


def _add_fact_rule(at: AppTest, fact: str, op: str, text: str) -> None:
    at.radio(key="mh.kind").set_value("fact").run()
    at.selectbox(key="mh.fact").set_value(fact)
    at.selectbox(key="mh.op").set_value(op)
    at.text_input(key="mh.value").set_value(text)
    at.button(key="mh.add").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_fact_value_reads_the_decimal_comma_and_refuses_an_ambiguous_number(
    demo: AppTest, goto: Goto
) -> None:
    goto(demo, "must_haves")
    _add_fact_rule(demo, "price.implementation", "<=", "310.000")
    assert _project(demo).company.must_haves == []
    assert any(e.startswith("Valeur : « 310.000 » refusé : ambigu") for e in _errors(demo))
    _add_fact_rule(demo, "impl.months", "<=", "3,5")
    [rule] = _project(demo).company.must_haves
    assert isinstance(rule, FactRule) and rule.value == 3.5


def _add_fact_rule(at: AppTest, fact: str, op: str, value: str) -> None:
    at.radio(key="mh.kind").set_value("fact").run()
    at.selectbox(key="mh.fact").set_value(fact)
    at.selectbox(key="mh.op").set_value(op)
    at.text_input(key="mh.value").set_value(value)
    at.button(key="mh.add").click().run()
    assert not at.exception


def test_a_rule_that_excludes_everyone_is_a_warning_not_a_green_zero(
    demo: AppTest, goto: Goto
) -> None:
    goto(demo, "must_haves")
    # The demo vendors cite at most a few dozen sector references: 1 000 keeps nobody.
    assert max(v.facts["fit.sector_references"].value for v in _project(demo).vendors) < 1000
    _add_fact_rule(demo, "fit.sector_references", ">=", "1000")
    # 17 options: 14 vendors, three of them with two offers (11 + 3 × 2)
    assert not any(s.value.startswith("0 ") for s in demo.success)
    warnings = [w.value for w in demo.warning]
    assert any("exclut toutes les propositions (17 sur 17" in w for w in warnings), warnings


def test_rules_that_together_keep_nobody_say_so(demo: AppTest, goto: Goto) -> None:
    goto(demo, "must_haves")
    # Each vendor is hosted or not: one of these two rules excludes it.
    _add_fact_rule(demo, "deployment", "contains", "hosted")
    _add_fact_rule(demo, "deployment", "not_contains", "hosted")
    assert not any(s.value.startswith("0 ") for s in demo.success)
    warnings = [w.value for w in demo.warning]
    assert any("Aucun éditeur ne satisfait" in w for w in warnings), warnings


def test_a_rule_that_does_not_fit_its_fact_is_refused(demo: AppTest, goto: Goto) -> None:
    goto(demo, "must_haves")
    _add_fact_rule(demo, "sec.mfa", ">=", "4")
    assert _project(demo).company.must_haves == []
    errors = " ".join(e.value for e in demo.error)
    assert "sec.mfa" in errors and "un oui/non" in errors


def test_a_level_typed_as_the_pages_show_it_is_read_as_its_key(demo: AppTest, goto: Goto) -> None:
    """Issue 14: a French user types « sur site », the rule reads the level on_premise."""
    goto(demo, "must_haves")
    demo.radio(key="mh.kind").set_value("fact").run()
    demo.selectbox(key="mh.fact").set_value("deployment")
    demo.selectbox(key="mh.op").set_value("contains")
    demo.text_input(key="mh.value").set_value("Sur site")
    demo.button(key="mh.add").click().run()
    assert not demo.exception
    rule = _project(demo).company.must_haves[-1]
    assert (rule.fact, rule.value) == ("deployment", "on_premise")
    history = _project(demo)
    assert history.company.must_haves  # the rule is kept
    options = demo.selectbox(key="mh.fact")
    assert options.format_func("licence_model") == "Modèle de licence"
