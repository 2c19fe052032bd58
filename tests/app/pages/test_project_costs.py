"""AppTest: the cost terms of the project page (indexation, growth, internal cost, NPV)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from erp_select.model import CostTerms, Project


def _project(at: AppTest) -> Project:
    project = at.session_state["project"]
    assert isinstance(project, Project)
    return project


def test_cost_terms_are_typed_the_french_way_and_saved(demo: AppTest) -> None:
    assert _project(demo).company.costs.is_default
    assert demo.text_input(key="pf.cost.indexation.text").label.startswith("Indexation annuelle")
    demo.text_input(key="pf.cost.indexation.text").set_value("2,5 %")
    demo.text_input(key="pf.cost.user_growth.text").set_value("10")
    demo.text_input(key="pf.cost.internal_day_cost.text").set_value("450 €")
    demo.text_input(key="pf.cost.contingency.text").set_value("15")
    demo.checkbox(key="pf.cost.use_discount").set_value(True).run()
    demo.text_input(key="pf.cost.discount_rate.text").set_value("4,5")
    demo.button(key="pf.save").click().run()
    assert not demo.exception
    assert _project(demo).company.costs == CostTerms(
        indexation=0.025,
        user_growth=0.10,
        internal_day_cost=450.0,
        contingency=0.15,
        discount_rate=0.045,
    )
    # Shown again in English after a language switch, the English way.
    demo.sidebar.radio[0].set_value("en").run()
    assert demo.text_input(key="pf.cost.discount_rate.text").value == "4.5"


def test_a_rate_out_of_bounds_is_refused_and_nothing_changes(demo: AppTest) -> None:
    demo.text_input(key="pf.cost.indexation.text").set_value("60 %")
    demo.button(key="pf.save").click().run()
    assert not demo.exception
    assert _project(demo).company.costs.is_default
    errors = " ".join(e.value for e in demo.error)
    assert "Indexation annuelle des prix" in errors and "60" in errors


def test_turning_discounting_off_saves_no_rate(demo: AppTest) -> None:
    demo.checkbox(key="pf.cost.use_discount").set_value(True).run()
    demo.button(key="pf.save").click().run()
    assert _project(demo).company.costs.discount_rate == pytest.approx(0.05)
    demo.checkbox(key="pf.cost.use_discount").set_value(False).run()
    demo.button(key="pf.save").click().run()
    assert _project(demo).company.costs.discount_rate is None
