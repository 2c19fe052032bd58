"""AppTest: the sensitivity page — summary first, then the charts and the method agreement."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from erp_select.model import Project
from erp_select.pipeline import analyse

Goto = Callable[[AppTest, str], AppTest]


def _project(at: AppTest) -> Project:
    project = at.session_state["project"]
    assert isinstance(project, Project)
    return project


def test_sensitivity_page_summary_charts_and_agreement(demo: AppTest, goto: Goto) -> None:
    goto(demo, "sensitivity")
    project = _project(demo)
    winner = project.vendor(analyse(project).order()[0]).name
    assert [t.value for t in demo.title] == [
        "Sensibilité : quelle confiance accorder au résultat ?"
    ]
    assert demo.subheader[0].value == "En bref"
    boxes = [b.value for b in (*demo.success, *demo.warning)]
    assert any(winner in text and "Verdict" in text for text in boxes)
    assert [t.label for t in demo.tabs] == [
        "Courbes de poids",
        "Intervalles de stabilité",
        "Tornade",
        "Simulations (SMAA)",
        "Ce qu'il faudrait",
        "Accord des méthodes",
    ]
    specs = [json.loads(c.proto.spec) for c in demo.get("vega_lite_chart")]
    assert len(specs) == 4  # curves, stability, tornado, SMAA heatmap
    # SMAA first-rank shares: one row per ranked vendor, shares add up to 100 %
    smaa = next(d.value for d in demo.dataframe if "En tête dans" in d.value.columns)
    shares = [
        float(s.replace("\u202f", "").replace("%", "").replace(",", "."))
        for s in smaa["En tête dans"]
    ]
    assert sum(shares) == pytest.approx(100, abs=0.1 * len(shares))
    demo.button(key="se.agreement_run").click().run()
    assert not demo.exception
    assert len(demo.get("vega_lite_chart")) == 6
    assert any("méthodes" in m.value for m in (*demo.success, *demo.warning))


def test_sensitivity_needs_two_ranked_vendors(demo: AppTest, goto: Goto) -> None:
    goto(demo, "must_haves")
    demo.radio(key="mh.kind").set_value("fact").run()
    demo.selectbox(key="mh.fact").set_value("name")
    demo.selectbox(key="mh.op").set_value("==")
    demo.text_input(key="mh.value").set_value(_project(demo).vendors[0].name)
    demo.button(key="mh.add").click().run()
    goto(demo, "sensitivity")
    assert any("au moins deux éditeurs" in i.value for i in demo.info)


def test_the_settings_show_and_read_numbers_the_french_way(demo: AppTest, goto: Goto) -> None:
    goto(demo, "sensitivity")
    options = demo.select_slider(key="se.samples").options
    assert [o.replace("\u202f", " ").replace("\u00a0", " ") for o in options] == [
        "2 000",
        "5 000",
        "10 000",
        "20 000",
    ]
    demo.text_input(key="se.seed.text").set_value("7").run()
    assert not demo.exception
    assert demo.session_state["sens_settings"] == (10_000, 7)
    demo.text_input(key="se.seed.text").set_value("1,5").run()
    assert not demo.exception
    assert any("un nombre entier est attendu" in e.value for e in demo.error)
    assert demo.session_state["sens_settings"] == (10_000, 7)
