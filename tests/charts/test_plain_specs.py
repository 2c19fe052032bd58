"""The app's charts, built as plain Vega-Lite dictionaries, equal what Altair built.

Each chart of the example project (and of the 30-vendor benchmark project) is built twice:
by :mod:`erp_select.charts` (plain dictionaries) and by the Altair builders the app used
before (kept in ``tests/charts/altair_reference``); the specifications must be equal, and
each must pass the Vega-Lite schema that Altair ships.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import altair as alt
import jsonschema
import pandas as pd
import pytest

from erp_select.analysis import parts
from erp_select.analysis.parts import Prepared, benefit, labels, prepare, value_for_money
from erp_select.app import views
from erp_select.charts.agreement import agreement_heatmap, agreement_ranks_chart
from erp_select.charts.contributions import contributions_chart
from erp_select.charts.curves import curves_chart
from erp_select.charts.head_to_head import head_to_head_chart
from erp_select.charts.ranking import ranking_chart
from erp_select.charts.smaa import smaa_heatmap
from erp_select.charts.stability import stability_chart
from erp_select.charts.tornado import tornado_chart
from erp_select.charts.value_for_money import value_for_money_chart
from erp_select.charts.weights import spread_chart, weights_chart
from erp_select.explain.contributions import head_to_head
from erp_select.explain.orientation import oriented_scores
from erp_select.model import Project
from erp_select.report.demo import demo_project
from tests.charts.altair_reference import agreement as old_agreement
from tests.charts.altair_reference import contributions as old_contributions
from tests.charts.altair_reference import curves as old_curves
from tests.charts.altair_reference import head_to_head as old_h2h
from tests.charts.altair_reference import ranking as old_ranking
from tests.charts.altair_reference import smaa as old_smaa
from tests.charts.altair_reference import stability as old_stability
from tests.charts.altair_reference import tornado as old_tornado
from tests.charts.altair_reference import value_for_money as old_vfm
from tests.charts.altair_reference import weights as old_weights


@cache
def _prepared(kind: str, method: str) -> tuple[Project, Prepared]:
    if kind == "example":
        project = demo_project()
    else:
        from bench.bench_report import thirty_vendor_project

        project = thirty_vendor_project(30)
    project = project.model_copy(update={"method": method})
    return project, prepare(project)


@cache
def _validator() -> jsonschema.Draft7Validator:
    schema = alt.vegalite.v6.schema.core.load_schema()
    return jsonschema.Draft7Validator(schema)


def _check(new: dict[str, Any], old: Any) -> None:
    # Altair refuses more than 5 000 rows by default (the weight curves of 30 vendors have
    # 6 030); the app never used that limit (Streamlit hands the data over itself).
    with alt.data_transformers.enable("default", max_rows=None):
        reference = old.to_dict()
    assert new == reference
    errors = [e.message for e in _validator().iter_errors(new)]
    assert errors == []
    assert new["$schema"] == alt.SCHEMA_URL


CASES = [
    (kind, method, lang)
    for kind in ("example", "thirty")
    for method in ("topsis", "vikor")
    for lang in ("fr", "en")
]


@pytest.mark.parametrize(("kind", "method", "lang"), CASES)
def test_ranking_chart_equals_altair(kind: str, method: str, lang: str) -> None:
    project, prep = _prepared(kind, method)
    frame = views.ranking_frame(prep.analysis, project, lang)
    subtitle = oriented_scores(method, frame["score"].to_numpy(dtype=float), lang).subtitle
    args: dict[str, Any] = {
        "title": "Classement",
        "subtitle": subtitle,
        "score_title": "Score",
        "lang": lang,
        "method": method,
    }
    new = ranking_chart(frame, **args)
    assert new.height == max(120, 26 * len(frame))
    _check(new.to_dict(), old_ranking.ranking_chart(frame, **args))
    no_method = {**args, "method": None}
    _check(
        ranking_chart(frame, **no_method).to_dict(),
        old_ranking.ranking_chart(frame, **no_method),
    )


@pytest.mark.parametrize(("kind", "method", "lang"), CASES)
def test_value_for_money_chart_equals_altair(kind: str, method: str, lang: str) -> None:
    project, prep = _prepared(kind, method)
    names = labels(project, lang)
    vfm = value_for_money(prep)
    args: dict[str, Any] = {
        "method": method,
        "benefit": benefit(prep),
        "costs_ranked": prep.analysis.marked_costs(lang),
    }
    _check(
        value_for_money_chart(vfm, names, lang, **args).to_dict(),
        old_vfm.value_for_money_chart(vfm, names, lang, **args),
    )
    named = {str(vfm.index[0])}
    _check(
        value_for_money_chart(vfm, names, lang, named=named).to_dict(),
        old_vfm.value_for_money_chart(vfm, names, lang, named=named),
    )
    # sized by the highest risk, as the ranking page asks; the last vendor states no register
    risk = {str(v): (7 * i) % 26 for i, v in enumerate(vfm.index[:-1])}
    sized = {**args, "risk": risk}
    _check(
        value_for_money_chart(vfm, names, lang, **sized).to_dict(),
        old_vfm.value_for_money_chart(vfm, names, lang, **sized),
    )


def test_to_dict_returns_a_fresh_copy() -> None:
    project, prep = _prepared("example", "topsis")
    frame = views.ranking_frame(prep.analysis, project, "fr")
    chart = ranking_chart(frame, title="T", subtitle="S", score_title="S", lang="fr")
    first = chart.to_dict()
    first["layer"].clear()
    next(iter(first["datasets"].values())).clear()
    second = chart.to_dict()
    assert len(second["layer"]) == 2
    assert all(second["datasets"].values())
    assert chart.properties(width=400).to_dict()["width"] == 400
    assert "width" not in chart.to_dict()


@pytest.mark.parametrize(("kind", "method", "lang"), CASES)
def test_sensitivity_charts_equal_altair(kind: str, method: str, lang: str) -> None:
    project, prep = _prepared(kind, method)
    names = labels(project, lang)
    curves = parts.curves(prep)
    for leaf in project.criteria.leaves()[:3]:
        _check(
            curves_chart(curves, leaf.id, lang, names).to_dict(),
            old_curves.curves_chart(curves, leaf.id, lang, names),
        )
    table = parts.stability(prep)
    _check(
        stability_chart(table, lang, names).to_dict(),
        old_stability.stability_chart(table, lang, names),
    )
    tornado = parts.tornado_table(prep)
    _check(
        tornado_chart(tornado, lang, names, 0.2).to_dict(),
        old_tornado.tornado_chart(tornado, lang, names, 0.2),
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_smaa_heatmap_equals_altair(lang: str) -> None:
    project, prep = _prepared("example", "topsis")
    names = labels(project, lang)
    result = parts.smaa(prep)
    _check(
        smaa_heatmap(result, lang, names).to_dict(),
        old_smaa.smaa_heatmap(result, lang, names),
    )


@pytest.mark.parametrize(("kind", "method", "lang"), CASES)
def test_weights_and_head_to_head_charts_equal_altair(kind: str, method: str, lang: str) -> None:
    project, prep = _prepared(kind, method)
    frame = views.weights_frame(project, lang)
    texts: dict[str, Any] = {"title": "Poids", "subtitle": "Sous-titre", "lang": lang}
    _check(
        weights_chart(frame, weight_title="Poids", **texts).to_dict(),
        old_weights.weights_chart(frame, weight_title="Poids", **texts),
    )
    spread = pd.DataFrame(
        {
            "criterion": list(frame["criterion"]),
            "group": list(frame["weight"]),
            "low": [w * 0.5 for w in frame["weight"]],
            "high": [min(1.0, w * 1.5) for w in frame["weight"]],
            "group_text": list(frame["weight_text"]),
            "range_text": ["—"] * len(frame),
        }
    )
    both: dict[str, Any] = {"weight_title": "Groupe", "range_title": "Écart", **texts}
    _check(spread_chart(spread, **both).to_dict(), old_weights.spread_chart(spread, **both))
    contrib = parts.contributions(prep)
    if contrib is None:
        return
    names = labels(project, lang)
    order = prep.analysis.order()
    for a, b in ((order[0], order[1]), (order[-1], order[0])):
        h2h = head_to_head(contrib, a, b, names)
        _check(head_to_head_chart(h2h, lang).to_dict(), old_h2h.head_to_head_chart(h2h, lang))


@pytest.mark.parametrize(("kind", "lang"), [("example", "fr"), ("thirty", "en")])
@pytest.mark.parametrize("method", ["topsis", "wsm"])
def test_contributions_chart_equals_altair(kind: str, method: str, lang: str) -> None:
    project, prep = _prepared(kind, method)
    contrib = parts.contributions(prep)
    assert contrib is not None
    names = labels(project, lang)
    _check(
        contributions_chart(contrib, names, lang).to_dict(),
        old_contributions.contributions_chart(contrib, names, lang),
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_agreement_charts_equal_altair(lang: str) -> None:
    project, prep = _prepared("example", "topsis")
    result = parts.agreement(prep, lang)
    names = labels(project, lang)
    _check(
        agreement_ranks_chart(result, names, lang).to_dict(),
        old_agreement.agreement_ranks_chart(result, names, lang),
    )
    for kind in ("spearman", "kendall"):
        _check(
            agreement_heatmap(result, kind, lang).to_dict(),
            old_agreement.agreement_heatmap(result, kind, lang),
        )
