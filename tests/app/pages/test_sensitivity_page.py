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


def test_summary_tab_and_report_print_the_same_points_of_weight(demo: AppTest, goto: Goto) -> None:
    """One definition of a move of weight: the summary, the what-it-takes tab and the report
    print the same figure for the demo project, and the one the stability table implies."""
    import re

    from erp_select.explain.verdict import glossary
    from erp_select.i18n import fmt_percent
    from erp_select.report.compute import compute
    from erp_select.report.context import build_content
    from erp_select.sensitivity.stability import stability_intervals

    goto(demo, "sensitivity")
    project = _project(demo)
    result = analyse(project)
    order = result.order()
    summary = next(b.value for b in (*demo.success, *demo.warning) if "Verdict" in b.value)
    tab = next(m.value for m in demo.markdown if m.value.startswith("Par les seuls poids"))
    assert any(c.value == glossary("fr") for c in demo.caption)
    # Independent figure: the stability interval of the criterion named in the tab, from
    # the one-at-a-time sweep (stability_intervals), printed to 0.1 % as the weights are.
    ranked = result.ranked
    table = stability_intervals(
        ranked.values,
        ranked.objectives,
        ranked.weights,
        result.method,
        ranked.vendors,
        ranked.criteria,
    )
    labels = {c.id: c.label.get("fr") for c in project.criteria.walk()}
    crit = next(c for c in ranked.criteria if f"« {labels[c]} »" in tab)
    row = table.loc[crit]
    current = round(100 * float(row["current_weight"]), 1)
    low, high = round(100 * float(row["winner_low"]), 1), round(100 * float(row["winner_high"]), 1)
    bound = low if f"{fmt_percent(low / 100, 'fr', 1)}" in tab else high
    points = f"{abs(current - bound):.1f}".replace(".", ",")
    moved = re.compile(r"(\d+,\d+) points?")
    assert moved.findall(tab) == [points]
    assert points in moved.findall(summary)
    # the report's summary (same project, its own run) prints the same move
    inputs = compute(project, sensitivity_samples=400)
    report = build_content(inputs, "fr").summary["robustness"]
    assert points in moved.findall(report)
    assert glossary("fr") in summary and glossary("fr") in report
    # neither prints another measure of the same thing (total weight moved, L1 distance)
    for text in (summary, tab, report):
        assert "transférer" not in text and "au total" not in text
    # the runner-up is one of the ranked alternatives (the demo ranks offers and pairs)
    assert order[1] in {v.id for v in project.expanded().vendors}
