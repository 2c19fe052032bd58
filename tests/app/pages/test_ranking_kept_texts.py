"""AppTest: the ranking page's texts kept across a weight change follow a fresh analysis.

The values table, the cost columns and the footnotes are kept while only the weights or
the method change (``compute.by_facts``); after a weight change, a method change and a
fact edit, every row must still be what a fresh run of the pipeline gives.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from streamlit.testing.v1 import AppTest

from erp_select.i18n import fmt_money, fmt_number
from erp_select.model import Project
from erp_select.pipeline import Analysis, analyse

Goto = Callable[[AppTest, str], AppTest]


def _project(at: AppTest) -> Project:
    project = at.session_state["project"]
    assert isinstance(project, Project)
    return project


def _tables(at: AppTest) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ranking table and the values table (in the expander), as shown."""
    ranking, values = at.dataframe[0].value, at.dataframe[1].value
    assert isinstance(ranking, pd.DataFrame) and isinstance(values, pd.DataFrame)
    return ranking, values


def _check(at: AppTest) -> Analysis:
    """Both tables against a fresh pipeline run on the session's project."""
    assert not at.exception, [e.value for e in at.exception]
    project = _project(at)
    fresh = analyse(project)
    assert fresh.result is not None
    # The demo ranks offers and vendor × integrator pairs (20 alternatives): the ranking
    # table groups them under their vendor, vendors in the order of their best one, the
    # vendor in « Éditeur » and the offer or integrator in « Offre et intégrateur ».
    alts = {a.id: a for a in project.alternatives()}
    names = {a.id: a.profile.name for a in alts.values()}
    order = fresh.order()
    groups: dict[str, list[str]] = {}
    for vid in order:
        groups.setdefault(alts[vid].vendor_id, []).append(vid)
    grouped = [vid for ids in groups.values() for vid in ids]
    position = {v: i for i, v in enumerate(fresh.result.alternatives)}
    ranking, values = _tables(at)
    if any(alts[v].variant for v in order):
        assert list(ranking["Éditeur"]) == [alts[v].vendor_name for v in grouped]
        assert list(ranking["Offre et intégrateur"]) == [alts[v].variant for v in grouped]
    else:
        assert grouped == order
        assert list(ranking["Éditeur"]) == [names[v] for v in order]
    assert list(ranking["Score"]) == [
        fmt_number(float(fresh.result.scores[position[v]]), "fr", 3) for v in grouped
    ]
    costs = ranking[next(c for c in ranking.columns if c.startswith("Coût total"))]
    for vid, shown in zip(grouped, costs, strict=True):
        total = fresh.performance.tco[vid].total.likely
        assert shown.startswith(fmt_money(total, "fr")) or f"→ {fmt_money(total, 'fr')}" in shown
    assert list(values["Éditeur"]) == [names[v] for v in order]
    return fresh


def test_kept_texts_follow_weights_method_and_facts(demo: AppTest, goto: Goto) -> None:
    goto(demo, "ranking")
    _check(demo)
    _, before = _tables(demo)
    rows_before = {r["Éditeur"]: r for r in before.to_dict("records")}

    # a weight change: new order, the same rows for every vendor
    demo.slider(key="rk.w.price").set_value(80.0).run()
    _check(demo)
    _, after = _tables(demo)
    assert {r["Éditeur"]: r for r in after.to_dict("records")} == rows_before
    assert list(after["Éditeur"]) != list(before["Éditeur"])

    # a method change
    demo.selectbox(key="rk.method.fr").set_value("vikor").run()
    assert _project(demo).method == "vikor"
    _check(demo)

    # a fact edit: the first vendor's prices doubled (still in budget) — its texts follow
    project = _project(demo)
    vendor = project.vendors[0]
    facts = {
        k: f.model_copy(
            update={
                "value": f.value * 2,
                "low": None if f.low is None else f.low * 2,
                "high": None if f.high is None else f.high * 2,
            }
        )
        if k.startswith("price.")
        and isinstance(f.value, (int, float))
        and not isinstance(f.value, bool)
        else f
        for k, f in vendor.facts.items()
    }
    edited = project.model_copy(
        update={"vendors": [vendor.model_copy(update={"facts": facts}), *project.vendors[1:]]}
    )
    demo.session_state["project"] = edited
    demo.session_state["project_version"] = int(demo.session_state["project_version"]) + 1
    demo.run()
    fresh = _check(demo)
    _, edited_values = _tables(demo)
    assert vendor.id in fresh.ranked.vendors
    old_row = rows_before[vendor.name]
    new_row = next(r for r in edited_values.to_dict("records") if r["Éditeur"] == vendor.name)
    assert new_row != old_row
