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
    assert "topsis → wsm" in shown

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
    before = {v.id for v in demo.session_state["project"].vendors}
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
    shown = [m.value for m in demo.markdown]
    assert f"- Éditeurs ajoutés : — ; retirés : {gone.pop()}." in shown
    assert not any(s.startswith("- Critères ajoutés") for s in shown)  # no criterion changed
