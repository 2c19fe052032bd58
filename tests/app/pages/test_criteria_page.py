"""AppTest: the criteria and weights page — direct points, AHP with live consistency, presets."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable

import numpy as np
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from erp_select import catalogue
from erp_select.model import Project
from erp_select.model.judgments import AhpJudgment, DirectJudgment

Goto = Callable[[AppTest, str], AppTest]
TOP = "_top"


def _project(at: AppTest) -> Project:
    project = at.session_state["project"]
    assert isinstance(project, Project)
    return project


def _families(at: AppTest) -> list[str]:
    return [c.id for c in _project(at).criteria.criteria]


def test_page_shows_the_tree_levels_and_the_global_weights(demo: AppTest, goto: Goto) -> None:
    goto(demo, "criteria")
    project = _project(demo)
    assert [t.value for t in demo.title] == ["Critères et poids"]
    levels = demo.selectbox(key="cw.node.fr")
    assert levels.options[0] == "Les familles (premier niveau)"
    assert levels.options[1:] == [c.label.fr for c in project.criteria.walk() if c.children]
    table = demo.dataframe[-1].value
    assert list(table["Critère"]) == [c.label.fr for c in project.criteria.leaves()]
    specs = [json.loads(c.proto.spec) for c in demo.get("vega_lite_chart")]
    assert [s["title"]["text"] for s in specs] == ["Poids global de chaque critère"]
    # the chart's numbers are the global weights, with the French number locale
    chart = demo.get("vega_lite_chart")[0].proto
    data = dataframe_util.convert_arrow_bytes_to_pandas_df(chart.datasets[0].data.data)
    weights = project.criteria.global_weights()
    assert list(data["weight"]) == pytest.approx([weights[i] for i in data["id"]])
    assert specs[0]["config"]["locale"]["number"]["decimal"] == ","


def test_direct_points_on_the_top_level(demo: AppTest, goto: Goto) -> None:
    goto(demo, "criteria")
    families = _families(demo)
    points = dict.fromkeys(families, 10.0)
    points["price"] = 60.0
    for family, value in points.items():
        demo.text_input(key=f"cw.direct.{TOP}.{family}.text").set_value(f"{value:g}")
    demo.run()
    demo.button(key=f"cw.apply.{TOP}").click().run()
    assert not demo.exception
    project = _project(demo)
    # direct points: w_i = p_i / Σp (100 points in all here)
    assert project.criteria.local_weights(None) == pytest.approx(
        {k: v / sum(points.values()) for k, v in points.items()}
    )
    assert [type(j) for j in project.judgments] == [DirectJudgment]
    assert any("Poids appliqués" in s.value for s in demo.success)


def test_direct_points_read_the_decimal_comma(demo: AppTest, goto: Goto) -> None:
    goto(demo, "criteria")
    families = _families(demo)
    typed = dict.fromkeys(families, "10")
    typed[families[0]] = "12,5"
    for family, text in typed.items():
        demo.text_input(key=f"cw.direct.{TOP}.{family}.text").set_value(text)
    demo.run()
    assert demo.text_input(key=f"cw.direct.{TOP}.{families[0]}.text").value == "12,5"
    demo.button(key=f"cw.apply.{TOP}").click().run()
    assert not demo.exception
    # 12.5 and four times 10 points: the first family weighs 12.5 / 52.5
    total = 12.5 + 10 * (len(families) - 1)
    assert _project(demo).criteria.local_weights(None)[families[0]] == pytest.approx(12.5 / total)


def test_a_rank_with_decimals_is_refused_and_nothing_is_applied(demo: AppTest, goto: Goto) -> None:
    goto(demo, "criteria")
    demo.radio(key=f"cw.method.{TOP}").set_value("rank").run()
    before = _project(demo).criteria
    family = _families(demo)[0]
    demo.text_input(key=f"cw.rank.{TOP}.{family}.text").set_value("1,5").run()
    assert not demo.exception
    errors = [e.value for e in demo.error]
    assert any("un nombre entier est attendu" in e for e in errors)
    assert demo.button(key=f"cw.apply.{TOP}").disabled
    assert _project(demo).criteria == before


def test_ahp_equal_judgments_give_equal_weights_and_a_zero_ratio(demo: AppTest, goto: Goto) -> None:
    goto(demo, "criteria")
    demo.radio(key=f"cw.method.{TOP}").set_value("ahp").run()
    families = _families(demo)
    for a, b in itertools.combinations(families, 2):
        demo.select_slider(key=f"cw.ahp.{TOP}.{a}.{b}").set_value(1.0)
    demo.run()
    assert demo.metric[0].value == "0,000"
    assert any("Cohérence suffisante" in s.value for s in demo.success)
    demo.button(key=f"cw.apply.{TOP}").click().run()
    project = _project(demo)
    assert project.criteria.local_weights(None) == pytest.approx(
        dict.fromkeys(families, 1 / len(families))
    )
    (judgment,) = project.judgments
    assert isinstance(judgment, AhpJudgment)
    assert judgment.node is None


def test_ahp_inconsistency_is_measured_live_and_the_worst_judgment_flagged(
    demo: AppTest, goto: Goto
) -> None:
    goto(demo, "criteria")
    demo.radio(key=f"cw.method.{TOP}").set_value("ahp").run()
    families = _families(demo)
    n = len(families)
    # A cycle: the first beats the second, the second the third, the third the first.
    values = {pair: 1.0 for pair in itertools.combinations(families, 2)}
    values[(families[0], families[1])] = 9.0
    values[(families[1], families[2])] = 9.0
    values[(families[0], families[2])] = 1 / 9
    for (a, b), v in values.items():
        demo.select_slider(key=f"cw.ahp.{TOP}.{a}.{b}").set_value(v)
    demo.run()
    # Independent consistency ratio (Saaty 1980): CR = ((λmax − n)/(n − 1)) / RI, RI(5) = 1.12.
    matrix = np.ones((n, n))
    for (a, b), v in values.items():
        i, j = families.index(a), families.index(b)
        matrix[i, j], matrix[j, i] = v, 1 / v
    lam = max(np.linalg.eigvals(matrix).real)
    cr = (lam - n) / (n - 1) / 1.12
    assert cr > 0.1
    assert demo.metric[0].value == f"{cr:.3f}".replace(".", ",")
    assert any("contredisent" in w.value for w in demo.warning)
    flagged = [s.label for s in demo.select_slider if "⚠" in s.label]
    assert len(flagged) == 1


def test_a_sector_preset_sets_its_weights(demo: AppTest, goto: Goto) -> None:
    goto(demo, "criteria")
    before = _project(demo)
    demo.selectbox(key="cw.preset_pick.fr").set_value("retail").run()
    demo.button(key="cw.preset_apply").click().run()
    preset = catalogue.presets()["retail"]
    assert _project(demo).criteria == before.criteria.with_weights(preset.weights)
    assert _project(demo).judgments == []
