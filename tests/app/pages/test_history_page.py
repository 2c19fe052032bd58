"""History page: saved versions, what changed between two, and restoring one."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from erp_select.model import Project

Goto = Callable[[AppTest, str], AppTest]


def test_versions_compare_and_restore(demo: AppTest, goto: Goto) -> None:
    first = demo.session_state["project"]
    assert isinstance(first, Project) and first.method == "topsis"
    goto(demo, "ranking")
    demo.selectbox(key="rk.method.fr").set_value("wsm").run()
    assert demo.session_state["project"].method == "wsm"

    goto(demo, "history")
    versions = demo.dataframe[0].value
    assert len(versions) == 2
    demo.selectbox(key="hi.old").set_value(1).run()
    demo.selectbox(key="hi.new").set_value(2).run()
    shown = " ".join(m.value for m in demo.markdown)
    assert "Méthode de classement : TOPSIS → Somme pondérée (WSM)" in shown

    demo.selectbox(key="hi.restore").set_value(1).run()
    demo.button(key="hi.restore_go").click().run()
    assert not demo.exception
    restored = demo.session_state["project"]
    assert restored.method == "topsis"
    assert restored == first
    assert len(demo.dataframe[0].value) == 3  # restoring adds a version, nothing is lost


def test_same_versions_say_so(demo: AppTest, goto: Goto) -> None:
    goto(demo, "history")
    assert any("même projet" in i.value for i in demo.info)


def test_a_removed_vendor_is_named_in_the_comparison(demo: AppTest, goto: Goto) -> None:
    before_vendors = demo.session_state["project"].vendors
    before = {v.id for v in before_vendors}
    goto(demo, "vendors")
    remove = [b for b in demo.button if b.label.startswith("Retirer ")]
    assert len(remove) == 1
    remove[0].click().run()
    assert not demo.exception
    gone = before - {v.id for v in demo.session_state["project"].vendors}
    assert len(gone) == 1

    goto(demo, "history")
    demo.selectbox(key="hi.old").set_value(1).run()
    demo.selectbox(key="hi.new").set_value(2).run()
    shown = " ".join(m.value for m in demo.markdown)
    name = next(v.name for v in before_vendors if v.id == gone.pop())
    assert f"- Éditeur retiré : {name}" in shown
    assert "Critère" not in shown  # no criterion changed


def test_history_reads_as_sentences_signed_by_the_person(demo: AppTest, goto: Goto) -> None:
    """Issue 14: notes in the visitor's language, the author is the person, no raw values."""
    demo.sidebar.text_input(key="sb.author").set_value("Anne Martin").run()
    shares = demo.session_state["project"].criteria.local_weights(None)
    before = f"{round(100 * shares['price'])} %"  # written by hand: whole percents
    goto(demo, "ranking")
    demo.slider(key="rk.w.price").set_value(45.0).run()
    assert not demo.exception

    goto(demo, "history")
    versions = demo.dataframe[0].value
    newest = versions.iloc[0].to_dict()
    assert newest["Par"] == "Anne Martin"
    assert newest["Ce qui a changé"].replace("\u00a0", " ") == "Poids « Prix » : 45 %"
    assert versions.iloc[1]["Ce qui a changé"] == "Catalogue de démonstration chargé"
    shown = " ".join(m.value for m in demo.markdown).replace("\u00a0", " ")
    assert f"Poids « Prix » : {before} → 45 %" in shown
    for raw in ("{", "[", "price", ".0 ", "erp-select app", "None"):
        assert raw not in shown + " ".join(map(str, newest.values())), raw


def test_history_in_english(demo: AppTest, goto: Goto) -> None:
    demo.sidebar.radio[0].set_value("en").run()
    goto(demo, "ranking")
    demo.selectbox(key="rk.method.en").set_value("wsm").run()
    goto(demo, "history")
    versions = demo.dataframe[0].value
    assert versions.iloc[0]["What changed"] == "Ranking method: Weighted sum (WSM)"
    assert versions.iloc[0]["By"] == "Visitor without a name"
    shown = " ".join(m.value for m in demo.markdown)
    assert "Ranking method: TOPSIS → Weighted sum (WSM)" in shown
