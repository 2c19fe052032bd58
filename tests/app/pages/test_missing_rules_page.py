"""AppTest: the criteria page sets what a missing value means on a criterion."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from erp_select.model import Project

Goto = Callable[[AppTest, str], AppTest]


def _project(at: AppTest) -> Project:
    project = at.session_state["project"]
    assert isinstance(project, Project)
    return project


def test_a_rule_is_chosen_per_criterion_and_can_go_back_to_the_default(
    demo: AppTest, goto: Goto
) -> None:
    goto(demo, "criteria")
    assert _project(demo).criteria.node("implementation_time").missing is None
    demo.selectbox(key="cw.missing_leaf.fr").set_value("implementation_time").run()
    radio = demo.radio(key="cw.missing.implementation_time")
    assert radio.value == "default"
    assert "la pire valeur (par défaut)" in radio.options
    radio.set_value("neutral").run()
    assert not demo.exception
    assert _project(demo).criteria.node("implementation_time").missing == "neutral"
    demo.radio(key="cw.missing.implementation_time").set_value("default").run()
    assert _project(demo).criteria.node("implementation_time").missing is None
