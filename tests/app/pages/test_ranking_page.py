"""AppTest: the ranking page — family weight sliders re-rank at once, method picker, charts."""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from erp_select.engine import method_info, methods
from erp_select.model import Project
from erp_select.pipeline import analyse

Goto = Callable[[AppTest, str], AppTest]


def _project(at: AppTest) -> Project:
    project = at.session_state["project"]
    assert isinstance(project, Project)
    return project


def _table(at: AppTest) -> pd.DataFrame:
    frame = at.dataframe[0].value
    assert isinstance(frame, pd.DataFrame)
    return frame


OFFER_COLUMNS = ("Offre et intégrateur", "Offer and integrator")


def _columns(at: AppTest) -> list[str]:
    """The table's columns but the offer column (shown when a vendor has offers)."""
    return [str(c) for c in _table(at).columns if c not in OFFER_COLUMNS]


def _shown_order(at: AppTest) -> list[str]:
    """Rows as full names: « Vendor — Offer » when the row is an offer of its vendor."""
    frame = _table(at)
    column = "Éditeur" if "Éditeur" in frame.columns else "Vendor"
    offer = next((c for c in frame.columns if c in OFFER_COLUMNS), None)
    names = []
    for _, row in frame.iterrows():
        variant = str(row[offer]) if offer is not None else ""
        names.append(f"{row[column]} — {variant}" if variant else str(row[column]))
    return names


def _names(project: Project) -> list[str]:
    """Names of the ranked alternatives, each vendor's offers together (best vendor first)."""
    names = {v.id: v.name for v in project.expanded().vendors}
    return [names[i] for _, ids in analyse(project).grouped() for i in ids]


def test_ranking_page_shows_sliders_table_and_charts(demo: AppTest, goto: Goto) -> None:
    goto(demo, "ranking")
    project = _project(demo)
    assert [t.value for t in demo.title] == ["Classement"]
    assert [s.label for s in demo.slider] == [f.label.fr for f in project.criteria.criteria]
    assert _columns(demo)[:3] == ["Rang", "Éditeur", "Score"]
    # the table follows the core's ranking of the kept vendors
    assert _shown_order(demo) == _names(project)
    specs = [json.loads(c.proto.spec) for c in demo.get("vega_lite_chart")]
    titles = [str(s.get("title", {}).get("text", "")) for s in specs]
    assert "Classement des éditeurs" in titles
    assert len(specs) == 2  # ranking and value for money (one explanation at a time)
    demo.get("button_group")[0].set_value("contrib").run()
    after = [json.loads(c.proto.spec) for c in demo.get("vega_lite_chart")]
    assert len(after) == 2
    assert after[1] != specs[1]  # the contributions chart replaced value for money
    assert any("Classé premier" in s.value for s in demo.success)
    # Value for money plots the benefit score (cost criteria left out, stated) against cost.
    vfm = next(s for s in specs if s.get("title", {}).get("text") == "Rapport qualité-prix")
    assert {layer["encoding"]["y"]["title"] for layer in vfm["layer"]} == {
        "Score de bénéfice (hors coût)"
    }
    subtitle = " ".join(vfm["title"]["subtitle"])
    assert "sans ses critères de coût" in subtitle and "du poids" in subtitle


def test_a_family_weight_change_reranks(demo: AppTest, goto: Goto) -> None:
    goto(demo, "ranking")
    before = _project(demo)
    shares = before.criteria.local_weights(None)
    assert demo.slider(key="rk.w.price").value == pytest.approx(100 * shares["price"], abs=0.05)
    first_order = _shown_order(demo)
    demo.slider(key="rk.w.price").set_value(70.0).run()
    assert not demo.exception
    after = _project(demo)
    # Closed form of "the others keep their proportions": w_k' = w_k (1 - 0.7) / (1 - w_price).
    expected = {
        k: 0.7 if k == "price" else w * 0.3 / (1 - shares["price"]) for k, w in shares.items()
    }
    assert after.criteria.local_weights(None) == pytest.approx(expected)
    for k, w in expected.items():
        assert demo.slider(key=f"rk.w.{k}").value == pytest.approx(100 * w, abs=0.05)
    # the table is the core's ranking of the new weights, and it moved
    new_order = _shown_order(demo)
    assert new_order == _names(after)
    assert new_order != first_order
    # lower levels are untouched
    assert after.criteria.local_weights("price") == pytest.approx(
        before.criteria.local_weights("price")
    )


def test_one_family_at_zero_keeps_the_others_in_proportion(demo: AppTest, goto: Goto) -> None:
    goto(demo, "ranking")
    shares = _project(demo).criteria.local_weights(None)
    demo.slider(key="rk.w.sector_fit").set_value(0.0).run()
    assert not demo.error
    tree = _project(demo).criteria
    weights = tree.global_weights()
    assert all(weights[c.id] == 0 for c in tree.node("sector_fit").walk() if c.is_leaf)
    rest = 1 - shares["sector_fit"]
    assert tree.local_weights(None)["price"] == pytest.approx(shares["price"] / rest)


def test_the_method_picker_lists_every_method_and_states_its_normalisation(
    demo: AppTest, goto: Goto
) -> None:
    goto(demo, "ranking")
    picker = demo.selectbox(key="rk.method.fr")
    assert picker.options == [m.title("fr") for m in methods()]
    picker.set_value("wsm").run()
    assert _project(demo).method == "wsm"
    info = method_info("wsm")
    captions = " ".join(c.value for c in demo.caption)
    # The description states the normalisation in French ("ramené min–max sur [0, 1]"); the
    # registry's English id ("Normalisation : min-max") is not shown to a French user.
    assert info.description["fr"] in captions and "min–max" in info.description["fr"]
    assert not any(c.value.startswith("Normalisation") for c in demo.caption)
    assert _shown_order(demo) == _names(_project(demo))


def test_head_to_head_explains_the_first_two(demo: AppTest, goto: Goto) -> None:
    goto(demo, "ranking")
    demo.get("button_group")[0].set_value("h2h").run()
    project = _project(demo)
    order = analyse(project).order()
    first = project.expanded().vendor(order[0]).name
    second = project.expanded().vendor(order[1]).name
    assert any(m.value.startswith(f"{first} passe devant {second}") for m in demo.markdown)


def test_english_labels_on_the_ranking_page(demo: AppTest, goto: Goto) -> None:
    goto(demo, "ranking")
    demo.sidebar.radio[0].set_value("en").run()
    assert [t.value for t in demo.title] == ["Ranking"]
    assert _columns(demo)[:3] == ["Rank", "Vendor", "Score"]
    assert [s.label for s in demo.slider] == [f.label.en for f in _project(demo).criteria.criteria]


def test_method_names_follow_the_language_switch(demo: AppTest, goto: Goto) -> None:
    goto(demo, "ranking")
    demo.selectbox(key="rk.method.fr").set_value("wsm").run()
    demo.sidebar.radio[0].set_value("en").run()
    picker = demo.selectbox(key="rk.method.en")
    assert picker.value == "wsm"  # the choice is kept, shown under its English name
    assert picker.options == [m.title("en") for m in methods()]
    assert method_info("wsm").title("fr") != method_info("wsm").title("en")


def _arrow_rows(data: bytes) -> list[dict[str, object]]:
    """Rows of a dataset Streamlit ships beside the spec (Arrow IPC bytes)."""
    import pyarrow as pa

    return list(pa.ipc.open_stream(data).read_all().to_pylist())


def _bar_lengths(spec: dict[str, object], datasets: dict[str, list[dict[str, object]]]) -> dict:
    """Each vendor's bar length (|x − x2|) in the ranking chart's Vega-Lite spec."""
    layers = spec["layer"]
    assert isinstance(layers, list)
    layer = next(lay for lay in layers if "bar" in json.dumps(lay.get("mark")))
    enc = layer["encoding"]
    name = (layer.get("data") or spec["data"])["name"]
    rows = datasets[name]
    start = float(enc["x2"]["datum"]) if "x2" in enc else 0.0
    return {r["vendor"]: abs(float(r[enc["x"]["field"]]) - start) for r in rows}


def test_with_vikor_the_winner_has_the_longest_bar(demo: AppTest, goto: Goto) -> None:
    goto(demo, "ranking")
    demo.selectbox(key="rk.method.fr").set_value("vikor").run()
    assert not demo.exception
    project = _project(demo)
    order = _names(project)
    chart = next(
        c
        for c in demo.get("vega_lite_chart")
        if json.loads(c.proto.spec).get("title", {}).get("text") == "Classement des éditeurs"
    )
    spec = json.loads(chart.proto.spec)
    datasets = spec.get("datasets") or {
        d.name: _arrow_rows(d.data.data) for d in chart.proto.datasets
    }
    lengths = _bar_lengths(spec, datasets)
    assert max(lengths, key=lengths.__getitem__) == order[0]
    title = spec["layer"][0]["encoding"]["x"]["title"]
    assert "VIKOR" in title and "plus élevé = meilleur" in title


def test_a_long_ranking_is_shown_one_page_at_a_time(
    demo: AppTest, goto: Goto, monkeypatch: pytest.MonkeyPatch
) -> None:
    from erp_select.app import paging

    monkeypatch.setattr(paging, "PAGE_ROWS", 2)  # the demo's kept vendors make 2 pages or more
    goto(demo, "ranking")
    project = _project(demo)
    order = _names(project)
    assert len(order) > 2
    picker = demo.selectbox(key=f"rk.page.{len(order)}")
    assert picker.label == "Page du classement"
    assert _shown_order(demo) == order[:2]
    picker.set_value(1).run()
    assert _shown_order(demo) == order[2:4]
    assert demo.selectbox(key=f"rk.page.{len(order)}").value == 1
