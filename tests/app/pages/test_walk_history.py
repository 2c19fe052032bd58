"""History on a first visit: the example as opened is the first version, so the first change
can be compared with where the visitor started."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import new_app

Goto = Callable[[AppTest, str], AppTest]


@pytest.fixture
def example(db_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """A first visit: the app opens on the (unsaved) example project."""
    monkeypatch.delenv("ERP_SELECT_START")
    at = new_app()
    at.run()
    assert not at.exception
    return at


def test_first_change_on_the_example_can_be_compared_with_the_example(
    example: AppTest, goto: Goto
) -> None:
    shares = example.session_state["project"].criteria.local_weights(None)
    before = f"{round(100 * shares['price'])} %"  # whole percents, written by hand
    goto(example, "ranking")
    example.slider(key="rk.w.price").set_value(45.0).run()
    assert not example.exception

    goto(example, "history")
    versions = example.dataframe[0].value
    assert len(versions) == 2
    assert versions.iloc[1]["Ce qui a changé"] == "Projet d'exemple ouvert"
    shown = " ".join(m.value for m in example.markdown).replace("\u00a0", " ")
    assert f"Poids « Prix » : {before} → 45 %" in shown  # the default comparison: 1 → 2
    assert not any("même projet" in i.value for i in example.info)


def test_loading_the_demo_from_the_example_starts_a_fresh_history(
    example: AppTest, goto: Goto
) -> None:
    example.button(key="pf.load_demo").click().run()
    assert not example.exception
    goto(example, "history")
    versions = example.dataframe[0].value
    assert list(versions["Ce qui a changé"]) == ["Catalogue de démonstration chargé"]
