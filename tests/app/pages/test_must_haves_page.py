"""AppTest: the must-haves page — add and remove rules, kept and excluded vendors with reasons."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from erp_select.model import Project

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
    n = len(_project(demo).vendors)
    assert any(s.value.startswith(f"{n} éditeurs retenus") for s in demo.success)
    assert "Aucun éditeur n'est écarté." in [c.value for c in demo.caption]


def test_a_fact_rule_excludes_the_vendors_that_fail_it_with_reasons(
    demo: AppTest, goto: Goto
) -> None:
    goto(demo, "must_haves")
    _add_on_premise_rule(demo)
    project = _project(demo)
    assert [r.kind for r in project.company.must_haves] == ["fact"]
    # independent of the screening code: read the vendors' deployment lists directly
    expected = [v.name for v in project.vendors if "on_premise" not in v.deployment]
    kept = [v.name for v in project.vendors if "on_premise" in v.deployment]
    assert expected and kept
    table = demo.dataframe[0].value
    assert list(table["Éditeur"]) == expected
    assert all("deployment" in reason for reason in table["Pourquoi il est écarté"])
    assert any(s.value.startswith(f"{len(kept)} éditeurs retenus") for s in demo.success)
    assert any(m.value.startswith("1. ") and "deployment" in m.value for m in demo.markdown)


def test_a_rule_can_be_removed(demo: AppTest, goto: Goto) -> None:
    goto(demo, "must_haves")
    _add_on_premise_rule(demo)
    remove = [b for b in demo.button if b.label == "Retirer"]
    assert len(remove) == 1
    remove[0].click().run()
    assert _project(demo).company.must_haves == []


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
    n = len(_project(demo).vendors)
    assert not any(s.value.startswith("0 ") for s in demo.success)
    warnings = [w.value for w in demo.warning]
    assert any(f"exclut tous les éditeurs ({n} sur {n})" in w for w in warnings), warnings


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
