"""Percent signs in the visitor's convention: French ``35 %`` (space), English ``35%``."""

from __future__ import annotations

import re
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from erp_select.i18n.catalogue import catalogue

Goto = Callable[[AppTest, str], AppTest]
#: The app's own catalogue files (other domains belong to other parts of the program).
APP_DOMAINS = ("app.", "walk.")


def test_family_sliders_write_percent_the_visitors_way(demo: AppTest, goto: Goto) -> None:
    goto(demo, "ranking")
    french = demo.slider(key="rk.w.price").proto.format
    assert re.fullmatch(r"%\.0f[\u00a0\u202f ]%%", french), french
    demo.sidebar.radio[0].set_value("en").run()
    goto(demo, "ranking")
    assert demo.slider(key="rk.w.price").proto.format == "%.0f%%"


def test_app_messages_write_percent_the_languages_way() -> None:
    english = {k: v for k, v in catalogue("en").items() if k.startswith(APP_DOMAINS) and "%" in v}
    assert english, "the app's English messages mention percents"
    spaced = {k: v for k, v in english.items() if re.search(r"\d[\s\u00a0\u202f]%", v)}
    assert not spaced
    french = {k: v for k, v in catalogue("fr").items() if k.startswith(APP_DOMAINS)}
    glued = {k: v for k, v in french.items() if re.search(r"\d%", v)}
    assert not glued
