"""History on a first visit: the example as opened is the first version, so the first change
can be compared with where the visitor started."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

Goto = Callable[[AppTest, str], AppTest]


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


def test_saved_times_read_in_the_visitors_time_zone() -> None:
    from erp_select.app.history_time import local_time

    winter = dt.datetime(2026, 12, 7, 14, 15)  # the store keeps UTC, naive after SQLite
    summer = dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC)
    # Paris is UTC+1 in winter and UTC+2 in summer (by hand, from the legal time rules).
    assert local_time(winter, "Europe/Paris") == dt.datetime(2026, 12, 7, 15, 15)
    assert local_time(summer, "Europe/Paris") == dt.datetime(2026, 7, 1, 14, 0)
    assert local_time(winter, None) is None  # unknown zone: the page says UTC
    assert local_time(winter, "Not/AZone") is None


def test_history_says_utc_when_the_browser_gives_no_time_zone(example: AppTest, goto: Goto) -> None:
    goto(example, "ranking")
    example.slider(key="rk.w.price").set_value(45.0).run()
    goto(example, "history")
    assert "Enregistrée le (UTC)" in example.dataframe[0].value.columns
