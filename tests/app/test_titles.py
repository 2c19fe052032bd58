"""Titles follow the project's tree: three families are not "the five families" (issue 14)."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from erp_select.model import Project


def _three_families(at: AppTest) -> None:
    project = at.session_state["project"]
    data = project.model_dump(mode="json")
    data["criteria"]["criteria"] = data["criteria"]["criteria"][:3]
    data["judgments"] = []
    three = Project.model_validate(data)
    at.session_state["project"] = three
    at.session_state["project_version"] = at.session_state["project_version"] + 1


def test_titles_follow_a_tree_of_three_families(
    demo: AppTest, goto: Callable[[AppTest, str], AppTest]
) -> None:
    _three_families(demo)
    for lang in ("fr", "en"):
        demo.sidebar.radio[0].set_value(lang).run()
        for page in ("ranking", "criteria"):
            goto(demo, page)
            text = " ".join(
                [s.value for s in demo.subheader]
                + [str(o) for box in demo.selectbox for o in box.options]
                + [str(o) for radio in demo.radio for o in radio.options]
            )
            assert "cinq" not in text and "five" not in text, (lang, page)
    goto(demo, "ranking")
    assert any(s.value == "Weights of the families" for s in demo.subheader)
